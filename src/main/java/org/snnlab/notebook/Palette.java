package org.snnlab.notebook;

import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One notebook's mapping from series names to looks, so that a setting keeps its colour in every
 * figure of the notebook and a second factor (a layer, say) keeps its marker and dash pattern.
 * <ul>
 *   <li><b>Colour</b> by <em>name</em> (a setting, a policy): the i-th name, in declaration order
 *       ({@link #of}) and then in order of first use, gets colour {@code i mod 8} of the Okabe-Ito
 *       colour-blind-safe palette (Okabe and Ito 2008, "Color Universal Design"; yellow replaced by
 *       grey, which reads on white), so two charts drawing "fixed thresholds" draw it alike.</li>
 *   <li><b>Marker and dash</b> by <em>variant</em> (a layer): the j-th variant gets marker
 *       {@code j mod 6} and dash pattern {@code j mod 4}, so 3 settings x 3 layers read as three
 *       colours times three line styles instead of nine unrelated colours.</li>
 * </ul>
 * A palette is an object the notebook creates (one per notebook, typically in its first cells), not
 * a static registry: two kernels, or two notebooks in one JVM, never share assignments. It remembers
 * the names it has seen (so it is mutable), and is safe to use from several threads.
 */
public final class Palette {
    /** Okabe-Ito: blue, vermillion, bluish green, reddish purple, orange, sky blue, black, grey. */
    static final Color[] COLORS = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0x8C8C8C)};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP,
            SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};
    private static final float[][] DASHES = {null, {7f, 4f}, {2f, 3f}, {8f, 3f, 2f, 3f}};

    private final Map<String, Integer> names = new LinkedHashMap<>();
    private final Map<String, Integer> variants = new LinkedHashMap<>();

    /** An empty palette: names and variants get their looks in order of first use. */
    public Palette() { }

    /** A palette whose first colours go to {@code names}, in this order (names seen later come after). */
    public static Palette of(String... names) {
        return of(List.of(names));
    }

    /** {@link #of(String...)} over a collection (e.g. a {@code LinkedHashMap}'s key set). */
    public static Palette of(Collection<String> names) {
        Palette p = new Palette();
        for (String n : names) {
            if (p.names.containsKey(check(n))) throw new IllegalArgumentException("name '" + n + "' declared twice");
            p.names.put(n, p.names.size());
        }
        return p;
    }

    /** The colour of {@code name} (assigned on first use). */
    public synchronized Color color(String name) {
        return COLORS[names.computeIfAbsent(check(name), k -> names.size()) % COLORS.length];
    }

    /** {@link #color} with alpha {@code alpha} in [0, 1] (for shaded bands and overlaid areas). */
    public Color color(String name, double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        Color c = color(name);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * alpha));
    }

    /** The marker of {@code variant} (assigned on first use). */
    public Marker marker(String variant) {
        return MARKERS[variantIndex(variant) % MARKERS.length];
    }

    /** The line of {@code variant}: solid, dashed, dotted, dash-dot, then again, {@code width} pixels wide. */
    public BasicStroke stroke(String variant, float width) {
        if (!(width > 0)) throw new IllegalArgumentException("line width must be > 0, got " + width);
        float[] dash = DASHES[variantIndex(variant) % DASHES.length];
        return dash == null ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    /** The names with a colour so far, in the order of their colours. */
    public synchronized List<String> names() {
        return new ArrayList<>(names.keySet());
    }

    /** The variants with a marker so far, in order. */
    public synchronized List<String> variants() {
        return new ArrayList<>(variants.keySet());
    }

    private synchronized int variantIndex(String variant) {
        return variants.computeIfAbsent(check(variant), k -> variants.size());
    }

    private static String check(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a series name must not be blank, got '" + name + "'");
        return name;
    }
}
