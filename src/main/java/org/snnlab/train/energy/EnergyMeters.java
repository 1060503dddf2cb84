package org.snnlab.train.energy;

import java.nio.file.Path;

/** Picks the best available meter and turns energy into carbon. */
public final class EnergyMeters {
    /** World-average grid intensity CodeCarbon falls back to, gCO2eq per kWh. */
    public static final double DEFAULT_GRID_G_PER_KWH = 475;

    private EnergyMeters() { }

    /**
     * The CPU package from RAPL when readable, else the TDP model ({@code SNNLAB_TDP_W} overrides its
     * TDP); plus every GPU through nvidia-smi when it is installed and lists a GPU
     * ({@code SNNLAB_GPU_ENERGY=0} leaves the GPUs out).
     */
    public static EnergyMeter best() {
        EnergyMeter cpu = RaplMeter.open(Path.of("/sys/class/powercap"));
        if (cpu == null) {
            String tdp = System.getenv("SNNLAB_TDP_W");
            cpu = new TdpModelMeter(tdp == null ? TdpModelMeter.DEFAULT_TDP_W : Double.parseDouble(tdp));
        }
        NvidiaSmiMeter gpu = "0".equals(System.getenv("SNNLAB_GPU_ENERGY")) ? null : NvidiaSmiMeter.open();
        return gpu == null ? cpu : new SumMeter(java.util.List.of(cpu, gpu));
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
