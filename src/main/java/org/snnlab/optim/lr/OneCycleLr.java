package org.snnlab.optim.lr;

/**
 * One-cycle policy per epoch (Smith and Topin 2019; FastSpiker policy 5): linear from {@code lo} up to
 * {@code hi} by epoch {@code peak}, linear back down to {@code lo} by epoch {@code end}, then linear from
 * {@code lo} to {@code fin} over the remaining {@code total - end} epochs (the annihilation phase).
 */
public record OneCycleLr(double lo, double hi, double fin, int peak, int end, int total) implements LrSchedule {
    public OneCycleLr {
        if (!(lo > 0 && hi >= lo && fin > 0)) throw new IllegalArgumentException("need 0 < lo <= hi and fin > 0");
        if (!(0 < peak && peak < end && end <= total)) throw new IllegalArgumentException("need 0 < peak < end <= total, got " + peak + ", " + end + ", " + total);
    }

    @Override
    public double lr(int epoch, long iteration) {
        int e = Math.max(epoch, 0);
        if (e <= peak) return lo + (hi - lo) * e / peak;
        if (e <= end) return hi - (hi - lo) * (e - peak) / (double) (end - peak);
        if (total == end) return lo;
        return lo + (fin - lo) * Math.min(1.0, (e - end) / (double) (total - end));
    }

    @Override
    public String describe() {
        return "one-cycle(lo=" + lo + ",hi=" + hi + ",final=" + fin + ",peak=" + peak + ",end=" + end + ",total=" + total + ")";
    }
}
