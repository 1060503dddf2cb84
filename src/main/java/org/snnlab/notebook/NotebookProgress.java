package org.snnlab.notebook;

import org.snnlab.train.EpochMetrics;
import org.snnlab.train.TrainingListener;

import java.util.Locale;

/** A training progress bar that redraws in place in a notebook cell (one display, updated). */
public final class NotebookProgress implements TrainingListener {
    private String id;
    private int epochs;
    private long last;
    private final StringBuilder log = new StringBuilder();

    @Override
    public void onStart(int startEpoch, int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
        id = Display.html(render(startEpoch, 0, batchesPerEpoch, Double.NaN, Double.NaN), "progress");
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batches, double loss, double acc) {
        long now = System.nanoTime();
        if (now - last < 500_000_000L && batch + 1 < batches) return;
        last = now;
        Display.updateHtml(id, render(epoch, batch + 1, batches, loss, acc));
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        log.append(String.format(Locale.ROOT, "epoch %d: train acc %.4f, test acc %.4f, %.1f s<br>",
                m.epoch() + 1, m.trainAcc(), m.testAcc(), m.epochSeconds()));
        Display.updateHtml(id, render(m.epoch(), 1, 1, m.trainLoss(), m.trainAcc()));
    }

    private String render(int epoch, int batch, int batches, double loss, double acc) {
        int pct = batches == 0 ? 0 : 100 * batch / batches;
        return String.format(Locale.ROOT, "<div style=\"font-family:monospace\">epoch %d/%d "
                        + "<progress value=\"%d\" max=\"100\"></progress> %d/%d loss %.4f acc %.3f<br>%s</div>",
                epoch + 1, epochs, pct, batch, batches, loss, acc, log);
    }
}
