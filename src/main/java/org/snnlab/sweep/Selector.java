package org.snnlab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the trials of one setting: {@code name=value[,name=value...]}, e.g. {@code policy=cosine,lr=1e-3}.
 * A trial matches when each named grid parameter has that value (numbers compare by value: 1e-3 =
 * 0.001). Parameters left out are pooled: {@code policy=cosine} takes every lr's trials.
 */
public record Selector(String text, Map<String, String> values) {
    public Selector {
        values = Map.copyOf(values);
    }

    /** Parses a selector and checks each name and value against the grid. */
    public static Selector parse(String text, Grid grid) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 1) throw new IllegalArgumentException("setting must be name=value[,name=value...], got '" + text + "'");
            String k = part.substring(0, eq).trim(), v = part.substring(eq + 1).trim();
            List<String> allowed = grid.params().get(k);
            if (allowed == null) throw new IllegalArgumentException("setting '" + text + "': '" + k + "' is not a grid parameter " + grid.params().keySet());
            if (allowed.stream().noneMatch(a -> Trial.normalize(a).equals(Trial.normalize(v))))
                throw new IllegalArgumentException("setting '" + text + "': " + k + "=" + v + " is not in the grid " + allowed);
            if (m.put(k, v) != null) throw new IllegalArgumentException("setting '" + text + "' names " + k + " twice");
        }
        return new Selector(text, m);
    }

    public boolean matches(Trial t) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            String v = t.params().get(e.getKey());
            if (v == null || !Trial.normalize(v).equals(Trial.normalize(e.getValue()))) return false;
        }
        return true;
    }

    /**
     * The metric of every matching trial that finished normally (diverged and failed ones are left
     * out) and whose value is finite, in trial order.
     */
    public double[] sample(List<LocalExecutor.Outcome> outcomes, Metric metric) {
        List<Double> v = new ArrayList<>();
        for (LocalExecutor.Outcome o : outcomes) {
            if (o == null || o.failed() || o.result().status() != TrialResult.Status.DONE || !matches(o.trial())) continue;
            double x = metric.of(o.result());
            if (Double.isFinite(x)) v.add(x);
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
