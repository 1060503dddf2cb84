package org.snnlab.neuron;

import java.util.List;

/**
 * How a multi-receptive-field layer splits an {@code H x W} map into the windows it processes in
 * order within one time step (Yao et al. 2023, arXiv 2401.10843; the authors' code): top-left,
 * top-right, bottom-left, bottom-right.
 * <ul>
 *   <li>{@link #NON_DILATED}: the four quadrants of size {@code H/2 x W/2}, concatenated back (H, W even);</li>
 *   <li>{@link #DILATED}: four corner windows of size {@code floor(3H/4) x floor(3W/4)}, overlaps
 *       averaged by their coverage count (H, W >= 2);</li>
 *   <li>{@link #WHOLE}: the no-grouping ablation, the whole map as one window.</li>
 * </ul>
 */
public enum WindowGrouping {
    NON_DILATED, DILATED, WHOLE;

    /** One window: rows {@code [row, row + height)}, columns {@code [col, col + width)}. */
    public record Window(int row, int col, int height, int width) { }

    /**
     * The windows of an {@code h x w} map in processing order.
     *
     * @throws IllegalArgumentException one line naming the map size the grouping cannot split
     */
    public List<Window> windows(int h, int w) {
        return switch (this) {
            case WHOLE -> {
                if (h < 1 || w < 1) throw new IllegalArgumentException("map " + h + "x" + w + " is empty");
                yield List.of(new Window(0, 0, h, w));
            }
            case NON_DILATED -> {
                if (h < 2 || w < 2 || h % 2 != 0 || w % 2 != 0)
                    throw new IllegalArgumentException("non-dilated grouping needs an even map side >= 2, got " + h + "x" + w);
                yield corners(h, w, h / 2, w / 2);
            }
            case DILATED -> {
                if (h < 2 || w < 2)
                    throw new IllegalArgumentException("dilated grouping needs a map side >= 2, got " + h + "x" + w);
                yield corners(h, w, 3 * h / 4, 3 * w / 4);
            }
        };
    }

    private static List<Window> corners(int h, int w, int wh, int ww) {
        return List.of(new Window(0, 0, wh, ww), new Window(0, w - ww, wh, ww),
                new Window(h - wh, 0, wh, ww), new Window(h - wh, w - ww, wh, ww));
    }

    /** How many windows cover each pixel, row-major {@code [h * w]} (all >= 1). */
    public double[] coverage(int h, int w) {
        double[] c = new double[h * w];
        for (Window win : windows(h, w))
            for (int i = win.row(); i < win.row() + win.height(); i++)
                for (int j = win.col(); j < win.col() + win.width(); j++) c[i * w + j]++;
        return c;
    }
}
