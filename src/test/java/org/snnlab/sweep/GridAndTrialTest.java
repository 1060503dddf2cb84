package org.snnlab.sweep;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grid's enumeration, the trial id's stability and its sensitivity, selectors. */
class GridAndTrialTest {

    @Test
    void pointsAreRowMajorAndTrialsRepeatEverySeed() {
        Grid g = Grid.parse(List.of("policy=step,cosine,one-cycle", "lr = 1e-3, 3e-3"));
        assertEquals(6, g.size());
        List<Map<String, String>> p = g.points();
        assertEquals(Map.of("policy", "step", "lr", "1e-3"), p.get(0));
        assertEquals(Map.of("policy", "step", "lr", "3e-3"), p.get(1), "the last parameter varies fastest");
        assertEquals(Map.of("policy", "one-cycle", "lr", "3e-3"), p.get(5));
        List<Trial> t = g.trials(List.of(1L, 2L, 3L), Map.of("--epochs", "2"));
        assertEquals(18, t.size());
        assertEquals(2, t.get(1).seed());
        assertEquals("policy=step lr=1e-3 seed=2", t.get(1).label());
        assertEquals("policy=step,lr=1e-3", t.get(1).setting());
        assertEquals(18, t.stream().map(Trial::id).distinct().count(), "every trial its own folder");
        assertEquals(1, new Grid(Map.of()).points().size(), "no parameters: one point");
    }

    @Test
    void badSpecsNameTheProblem() {
        for (String bad : List.of("lr", "=1,2", "lr=1,,2", "lr=1,1", "9lr=1"))
            assertThrows(IllegalArgumentException.class, () -> Grid.parse(List.of(bad)), bad);
        var e = assertThrows(IllegalArgumentException.class, () -> Grid.parse(List.of("lr=1", "lr=2")));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> Grid.parse(List.of("lr=1")).trials(List.of(1L, 1L), Map.of()));
        assertTrue(f.getMessage().contains("repeat"), f.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Grid.parse(List.of("lr=1")).trials(List.of(), Map.of()));
    }

    @Test
    void theIdIsAPinnedHashOfTheCanonicalForm() {
        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put("--model", "fc");
        fixed.put("--epochs", "2");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("policy", "step");
        params.put("lr", "1e-3");
        Trial t = new Trial(fixed, params, 1);
        assertEquals("{\"fixed\":{\"--epochs\":\"2\",\"--model\":\"fc\"},\"params\":{\"lr\":\"0.001\",\"policy\":\"step\"},\"seed\":1}",
                t.canonical());
        // sha256 of that string, first 16 hex digits (computed independently with Python's hashlib)
        assertEquals("539ba47076db6285", t.id());
    }

    @Test
    void theIdIgnoresOrderAndNumberSpellingButNotContent() {
        Trial a = new Trial(Map.of("--model", "fc", "--epochs", "2"), Map.of("lr", "1e-3", "batch", "40"), 1);
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("batch", "40.0");
        reordered.put("lr", "0.0010");
        assertEquals(a.id(), new Trial(Map.of("--epochs", "2", "--model", "fc"), reordered, 1).id());
        assertNotEquals(a.id(), new Trial(a.fixed(), a.params(), 2).id(), "seed");
        assertNotEquals(a.id(), new Trial(Map.of("--model", "fc", "--epochs", "3"), a.params(), 1).id(), "fixed option");
        assertNotEquals(a.id(), new Trial(a.fixed(), Map.of("lr", "2e-3", "batch", "40"), 1).id(), "parameter value");
        assertEquals("0", Trial.normalize("0.000"));
        assertEquals("step:0.5/2", Trial.normalize("step:0.5/2"), "non-numbers stay as they are");
    }

    @Test
    void selectorsMatchByValueAndPoolTheRest() {
        Grid g = Grid.parse(List.of("policy=step,cosine", "lr=1e-3,3e-3"));
        List<Trial> t = g.trials(List.of(1L), Map.of());
        Selector s = Selector.parse("policy=cosine,lr=0.001", g);
        assertEquals(1, t.stream().filter(s::matches).count());
        assertEquals(2, t.stream().filter(Selector.parse("policy=cosine", g)::matches).count(), "lr pooled");
        for (String bad : List.of("policy", "batch=40", "policy=linear", "policy=step,policy=cosine"))
            assertThrows(IllegalArgumentException.class, () -> Selector.parse(bad, g), bad);
    }

    @Test
    void metricsByColumnName() {
        assertEquals(Metric.ENERGY_J, Metric.parse("energy_j"));
        assertTrue(Metric.FINAL_TEST_ACC.higherIsBetter());
        assertTrue(!Metric.SECONDS_TO_STABILITY.higherIsBetter());
        var e = assertThrows(IllegalArgumentException.class, () -> Metric.parse("accuracy"));
        assertTrue(e.getMessage().contains("final_test_acc"), e.getMessage());
    }
}
