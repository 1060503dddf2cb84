package org.snnlab.notebook;

import org.snnlab.train.EpochMetrics;
import org.snnlab.train.ProgressBar;
import org.snnlab.train.TrainResult;
import org.snnlab.train.TrainingListener;

import java.util.Locale;

/**
 * A training progress bar that redraws in place in a notebook cell: one HTML display, replaced through
 * the kernel's update-display message at most twice a second, with a line per finished epoch. Without
 * a kernel ({@link Display.Target#HEADLESS}) it falls back to the console {@link ProgressBar} on
 * stdout and writes the final state once as an HTML figure file.
 */
public final class NotebookProgress implements TrainingListener {
    private final boolean headless = Display.target() == Display.Target.HEADLESS;
    private final ProgressBar console = new ProgressBar(System.out);
    private String id;
    private int epochs;
    private long last;
    private String lastHtml = "";
    private final StringBuilder log = new StringBuilder();

    @Override
    public void onStart(int startEpoch, int epochs, int batchesPerEpoch) {
        this.epochs = epochs;
        lastHtml = render(startEpoch, 0, batchesPerEpoch, Double.NaN, Double.NaN);
        if (headless) console.onStart(startEpoch, epochs, batchesPerEpoch);
        else id = Display.html(lastHtml, "progress");
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batches, double loss, double acc) {
        if (headless) { console.onBatchEnd(epoch, batch, batches, loss, acc); return; }
        long now = System.nanoTime();
        if (now - last < 500_000_000L && batch + 1 < batches) return;
        last = now;
        update(render(epoch, batch + 1, batches, loss, acc));
    }

    @Override
    public void onEpochEnd(EpochMetrics m) {
        log.append(String.format(Locale.ROOT, "epoch %d: train loss %.4f acc %.4f, test acc %.4f, lr %.3g, %.1f s<br>",
                m.epoch() + 1, m.trainLoss(), m.trainAcc(), m.testAcc(), m.lr(), m.epochSeconds()));
        if (headless) console.onEpochEnd(m);
        else update(render(m.epoch(), 1, 1, m.trainLoss(), m.trainAcc()));
    }

    @Override
    public void onEnd(TrainResult result) {
        lastHtml = render(epochs - 1, 1, 1, Double.NaN, Double.NaN);
        if (headless) Display.html(lastHtml, "progress");
        else update(lastHtml);
    }

    private void update(String html) {
        lastHtml = html;
        Display.updateHtml(id, html);
    }

    private String render(int epoch, int batch, int batches, double loss, double acc) {
        int pct = batches == 0 ? 0 : 100 * batch / batches;
        String now = Double.isNaN(loss) ? "" : String.format(Locale.ROOT, " loss %.4f acc %.3f", loss, acc);
        return String.format(Locale.ROOT, "<div style=\"font-family:monospace\">epoch %d/%d "
                        + "<progress value=\"%d\" max=\"100\"></progress> %d/%d%s<br>%s</div>",
                epoch + 1, epochs, pct, batch, batches, now, log);
    }
}
