package org.snnlab.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.train.energy.EnergyMeters;
import org.snnlab.train.energy.RaplMeter;
import org.snnlab.train.energy.TdpModelMeter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Carbon arithmetic, RAPL wrap-around on recorded counter values, the TDP model, stability. */
class EnergyAndStabilityTest {

    @Test
    void carbonArithmetic() {
        assertEquals(1.0, EnergyMeters.kwh(3.6e6), 1e-15);
        assertEquals(0.475, EnergyMeters.kgCo2(3.6e6, 475), 1e-12, "1 kWh at 475 g/kWh");
        assertEquals(0.0, EnergyMeters.kgCo2(0, 475));
    }

    @Test
    void raplCountersWrapAround(@TempDir Path root) throws Exception {
        Path pkg = Files.createDirectories(root.resolve("intel-rapl:0"));
        Files.writeString(pkg.resolve("max_energy_range_uj"), "262143328850\n");
        Files.writeString(pkg.resolve("energy_uj"), "262143000000\n"); // recorded just before a wrap
        RaplMeter m = RaplMeter.open(root);
        Files.writeString(pkg.resolve("energy_uj"), "1000000\n"); // after the wrap
        assertEquals((262143328850L - 262143000000L + 1000000L) / 1e6, m.joules(), 1e-9);
        Files.writeString(pkg.resolve("energy_uj"), "6000000\n");
        assertEquals((262143328850L - 262143000000L + 6000000L) / 1e6, m.joules(), 1e-9, "cumulative");
        assertTrue(m.method().startsWith("rapl"));
        assertNull(RaplMeter.open(root.resolve("none")), "no powercap: no RAPL meter");
    }

    @Test
    void tdpModelSaysWhatItIs() {
        TdpModelMeter m = new TdpModelMeter(85);
        long x = 0;
        for (int i = 0; i < 20_000_000; i++) x += i % 7;
        assertTrue(m.joules() >= 0 && x > 0);
        assertTrue(m.method().contains("tdp-model"));
    }

    @Test
    void stabilityAfterTenQuietEpochs() {
        StabilityDetector d = StabilityDetector.paper();
        List<Double> acc = List.of(0.5, 0.7, 0.8, 0.84, 0.85, 0.855, 0.86, 0.858, 0.862, 0.861, 0.86, 0.859, 0.862, 0.86, 0.861);
        int e = d.stableAt(acc);
        assertTrue(e >= 9 && e < acc.size(), "stable at " + e);
        assertEquals(-1, d.stableAt(acc.subList(0, 9)), "fewer than 10 epochs: never");
        assertEquals(12, d.stableAt(acc), "first window 3..12 has std < 1 point");
    }
}
