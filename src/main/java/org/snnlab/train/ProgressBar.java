package org.snnlab.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A console progress bar on stderr that redraws in place ({@code \r}) at most a few times a second,
 * with a one-line summary per epoch. Notebooks use the display facade's bar instead.
 */
public final class ProgressBar implements TrainingListener {
    private final PrintStream out;
    private int epochs;
    private long lastDraw;
    private long epochStart;

    public ProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onStart(int startEpoch, int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
        if (startEpoch > 0) out.printf(Locale.ROOT, "resuming at epoch %d/%d%n", startEpoch + 1, epochs);
        epochStart = System.nanoTime();
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batches, double loss, double acc) {
        long now = System.nanoTime();
        if (batch == 0) epochStart = now;
        if (now - lastDraw < 250_000_000L && batch + 1 < batches) return;
        lastDraw = now;
        int width = 30, done = (int) ((long) width * (batch + 1) / batches);
        double s = (now - epochStart) / 1e9;
        double eta = s / (batch + 1) * (batches - batch - 1);
        out.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d loss %.4f acc %.3f %.0fs eta %.0fs ", epoch + 1, epochs,
                "=".repeat(done), " ".repeat(width - done), batch + 1, batches, loss, acc, s, eta);
        out.flush();
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        out.printf(Locale.ROOT, "\repoch %d/%d train loss %.4f acc %.4f | test loss %.4f acc %.4f | lr %.3g | %.1fs%n",
                m.epoch() + 1, epochs, m.trainLoss(), m.trainAcc(), m.testLoss(), m.testAcc(), m.lr(), m.epochSeconds());
    }
}
