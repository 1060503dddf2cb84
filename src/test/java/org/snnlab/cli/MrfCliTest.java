package org.snnlab.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.model.ModelKind;
import org.snnlab.model.MrfNet;
import org.snnlab.neuron.Projection;
import org.snnlab.neuron.WindowGrouping;
import org.snnlab.train.EpochMetrics;
import org.snnlab.train.MetricsCsv;
import org.snnlab.train.TrainSpec;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --model mrf-cnn | mrf-rnn}: their options in a spec, one-line refusals of typos, and tiny real runs. */
class MrfCliTest {

    static void assertRefused(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.rc(), r.err());
        assertEquals(1, r.errorLines().size(), r.err());
        assertTrue(r.errorLines().get(0).contains(expected), r.errorLines().get(0));
    }

    @Test
    void typosAndOptionsOfOtherModelsAreRefusedInOneLine() {
        assertRefused("--omega must be sine[:THETA], mean or none, got 'sinus'", "train", "--model", "mrf-cnn", "--omega", "sinus");
        assertRefused("--omega sine:THETA needs a number, got 'sine:x'", "train", "--model", "mrf-cnn", "--omega", "sine:x");
        assertRefused("--grouping must be on or off, got 'yes'", "train", "--model", "mrf-cnn", "--grouping", "yes");
        assertRefused("--omega applies to --model mrf-cnn and mrf-rnn only, not fc", "train", "--model", "fc", "--omega", "mean");
        assertRefused("--mrf-size must be tiny, small or paper, got 'large'", "train", "--model", "mrf-rnn", "--mrf-size", "large");
        assertRefused("--mrf-size applies to --model mrf-cnn and mrf-rnn only, not conv", "train", "--model", "conv", "--mrf-size", "paper");
        assertRefused("--model mrf-rnn runs at one time step", "train", "--model", "mrf-rnn", "--time-steps", "2");
        assertRefused("--grouping must be on or off, got 'of'", "train", "--model", "mrf-rnn", "--grouping", "of");
        assertRefused("--model mrf-rnn ends in a real-valued head", "train", "--model", "mrf-rnn", "--loss", "mse-count");
        assertRefused("--model mrf-cnn ends in a real-valued head", "train", "--model", "mrf-cnn", "--loss", "ce-count");
        assertRefused("--model must be fc, conv, qsnn-conv, carsnn, mrf-cnn, mrf-rnn, got 'mrf'", "train", "--model", "mrf");
    }

    @Test
    void theRecipeResolvesAndRoundTrips() {
        TrainSpec d = TrainSpec.builder(ModelKind.MRF_CNN).build();
        assertEquals("sine:" + Math.PI / 4, d.model().omega());
        assertEquals(true, d.model().grouping());
        assertEquals(1, d.timeSteps());
        TrainSpec explicit = TrainSpec.builder(ModelKind.MRF_CNN).omega("sine").grouping(true).build();
        assertEquals(d.id(), explicit.id(), "an explicit default is the same recipe");
        TrainSpec off = TrainSpec.builder(ModelKind.MRF_CNN).omega("none").grouping(false).timeSteps(4).build();
        assertEquals(off, TrainSpec.fromJson(off.toJson()));
        assertTrue(!TrainSpec.builder(ModelKind.FC).build().toJson().contains("omega"), "other kinds' JSON is unchanged");
        assertEquals(List.of(WindowGrouping.NON_DILATED, WindowGrouping.DILATED, WindowGrouping.NON_DILATED),
                MrfNet.small(1, 28, 10, true, Projection.mean()).groupings());
        List<WindowGrouping> paper = MrfNet.paper(3, 32, 100, true, Projection.mean()).groupings();
        assertEquals(12, paper.size());
        assertEquals(WindowGrouping.DILATED, paper.get(1));
        assertEquals(WindowGrouping.NON_DILATED, paper.get(11));
        assertEquals(List.of(WindowGrouping.WHOLE, WindowGrouping.WHOLE, WindowGrouping.WHOLE),
                MrfNet.small(1, 32, 10, false, Projection.none()).groupings());
        assertEquals("small", d.model().size());
        TrainSpec rnn = TrainSpec.builder(ModelKind.MRF_RNN).size("paper").omega("mean").dataset("cifar-100").build();
        assertEquals(rnn, TrainSpec.fromJson(rnn.toJson()));
        assertEquals("paper", rnn.model().size());
        String old = d.toJson().replace(",\"size\":\"small\"", "");
        assertTrue(!old.contains("size"), old);
        assertEquals(d, TrainSpec.fromJson(old), "a spec written before --mrf-size reads as small");
    }

    @Test
    void aTinyRunTrains(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(TrainResumeTest.haveData(), "Fashion-MNIST not installed");
        CliRun r = CliRun.of("train", "--model", "mrf-cnn", "--time-steps", "1", "--omega", "mean", "--limit-train", "256",
                "--limit-test", "128", "--batch", "32", "--epochs", "1", "--quiet", "--out", tmp.toString());
        assertEquals(0, r.rc(), r.err());
        List<EpochMetrics> m = new MetricsCsv(tmp.resolve("metrics.csv")).read();
        assertEquals(1, m.size());
        assertTrue(m.get(0).trainLoss() > 0 && Double.isFinite(m.get(0).testLoss()));
        assertTrue(m.get(0).extra().keySet().stream().anyMatch(k -> k.startsWith("spike_rate.") && k.endsWith("MultiReceptiveField.lif2")));
        assertTrue(m.get(0).extra().get("est_snn_j_per_example") > 0 && m.get(0).extra().get("est_ann_j_per_example") > m.get(0).extra().get("est_snn_j_per_example"));
    }

    @Test
    void aTinyRnnRunTrains(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(TrainResumeTest.haveData(), "Fashion-MNIST not installed");
        CliRun r = CliRun.of("train", "--model", "mrf-rnn", "--time-steps", "1", "--omega", "sine:0.785", "--grouping", "on", "--mrf-size", "tiny",
                "--limit-train", "128", "--limit-test", "64", "--batch", "32", "--epochs", "1", "--quiet", "--out", tmp.toString());
        assertEquals(0, r.rc(), r.err());
        List<EpochMetrics> m = new MetricsCsv(tmp.resolve("metrics.csv")).read();
        assertEquals(1, m.size());
        assertTrue(m.get(0).trainLoss() > 0 && Double.isFinite(m.get(0).testLoss()));
        assertTrue(m.get(0).extra().keySet().stream().anyMatch(k -> k.startsWith("spike_rate.") && k.endsWith("b0.mixer.lif")), m.get(0).extra().keySet().toString());
        assertTrue(m.get(0).extra().get("est_snn_j_per_example") > 0 && m.get(0).extra().get("est_ann_j_per_example") > m.get(0).extra().get("est_snn_j_per_example"));
    }
}
