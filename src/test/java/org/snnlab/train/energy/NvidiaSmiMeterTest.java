package org.snnlab.train.energy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nvidia-smi readings recorded in its CSV form (two H100s; an older GPU without the energy counter). */
class NvidiaSmiMeterTest {

    static NvidiaSmiMeter.Query replay(List<List<String>> readings) {
        Deque<List<String>> q = new ArrayDeque<>(readings);
        return () -> q.isEmpty() ? List.of() : q.poll();
    }

    @Test
    void energyCountersAreDifferencedPerGpu() throws IOException {
        NvidiaSmiMeter m = new NvidiaSmiMeter(replay(List.of(
                List.of("0, 1830004417, 71.58", "1, 999000000, 69.90"),
                List.of("0, 1830104417, 312.40", "1, 999050000, 250.00"),     // +100 J, +50 J
                List.of("0, 1830404417, 300.00", "1, 999060000, 70.00"))), () -> 0L);
        assertEquals(150.0, m.joules(), 1e-9);
        assertEquals(460.0, m.joules(), 1e-9, "cumulative since creation: 400 J + 60 J");
        assertTrue(m.method().contains("energy counter") && m.method().contains("2 GPU(s)"), m.method());
    }

    @Test
    void powerIsIntegratedWhenTheCounterIsMissing() throws IOException {
        AtomicLong t = new AtomicLong(0);
        NvidiaSmiMeter m = new NvidiaSmiMeter(replay(List.of(
                List.of("0, [N/A], 100.00"), List.of("0, [N/A], 200.00"), List.of("0, [Not Supported], 200.00"))), t::get);
        t.set(10_000_000_000L); // 10 s at a mean of 150 W
        assertEquals(1500.0, m.joules(), 1e-9);
        t.set(12_000_000_000L); // 2 s more at 200 W
        assertEquals(1900.0, m.joules(), 1e-9);
        assertTrue(m.method().contains("power.draw integrated"), m.method());
    }

    @Test
    void garbledOutputIsAClearError() {
        IOException e = assertThrows(IOException.class, () -> new NvidiaSmiMeter(replay(List.of(List.of("NVIDIA-SMI has failed"))), () -> 0L));
        assertTrue(e.getMessage().contains("NVIDIA-SMI has failed"), e.getMessage());
        assertThrows(IOException.class, () -> new NvidiaSmiMeter(replay(List.of(List.of())), () -> 0L), "no GPU listed");
    }

    @Test
    void sumMeterAddsAndNamesItsParts() {
        EnergyMeter a = new EnergyMeter() {
            public double joules() { return 2; }
            public String method() { return "rapl"; }
        };
        SumMeter s = new SumMeter(List.of(a, a));
        assertEquals(4.0, s.joules());
        assertEquals("rapl + rapl", s.method());
    }
}
