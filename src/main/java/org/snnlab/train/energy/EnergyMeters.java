package org.snnlab.train.energy;

import java.nio.file.Path;

/** Picks the best available meter and turns energy into carbon. */
public final class EnergyMeters {
    /** World-average grid intensity CodeCarbon falls back to, gCO2eq per kWh. */
    public static final double DEFAULT_GRID_G_PER_KWH = 475;

    private EnergyMeters() { }

    /** RAPL when readable, else the TDP model ({@code SNNLAB_TDP_W} overrides its TDP). */
    public static EnergyMeter best() {
        RaplMeter rapl = RaplMeter.open(Path.of("/sys/class/powercap"));
        if (rapl != null) return rapl;
        String tdp = System.getenv("SNNLAB_TDP_W");
        return new TdpModelMeter(tdp == null ? TdpModelMeter.DEFAULT_TDP_W : Double.parseDouble(tdp));
    }

    /** kWh from joules. */
    public static double kwh(double joules) {
        return joules / 3.6e6;
    }

    /** kg CO2eq = kWh x intensity (g/kWh) / 1000. */
    public static double kgCo2(double joules, double gramsPerKwh) {
        if (!(gramsPerKwh >= 0)) throw new IllegalArgumentException("grid intensity must be >= 0 g/kWh, got " + gramsPerKwh);
        return kwh(joules) * gramsPerKwh / 1000;
    }
}
