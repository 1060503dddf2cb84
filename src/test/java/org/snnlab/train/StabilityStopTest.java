package org.snnlab.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.data.DirectEncoder;
import org.snnlab.data.InMemoryDataset;
import org.snnlab.loss.CrossEntropyCount;
import org.snnlab.model.Models;
import org.snnlab.neuron.LifConfig;
import org.snnlab.optim.Adam;
import org.snnlab.optim.lr.ConstantLr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping at stability: no epoch past the stable one, also not after a resume; none without a rule. */
class StabilityStopTest {

    static InMemoryDataset toy() {
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[64 * 8];
        int[] y = new int[64];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        for (int i = 0; i < y.length; i++) y[i] = r.nextInt(3);
        return new InMemoryDataset("toy", new long[]{8}, 3, x, y, "none");
    }

    static Trainer trainer(Path out) {
        return Trainer.builder(Models.fc(8, 6, 3, LifConfig.of(0.9, 0.5), DataType.FLOAT, new SplittableRandom(2)), out).loss(new CrossEntropyCount())
                .optimizer(new Adam(0.9, 0.999, 1e-8, 0)).schedule(new ConstantLr(1e-2))
                .encoder(new DirectEncoder()).config(new TrainConfig(5, 16, 4, 1, 0, true))
                .info(Map.of()).build();
    }

    @Test
    void trainingStopsAtTheStableEpochAndAResumeTrainsNoFurther(@TempDir Path tmp) throws Exception {
        InMemoryDataset d = toy();
        StabilityDetector anyTwo = new StabilityDetector(2, 1.0); // std of two accuracies is always below 1 (100 points)
        TrainResult r = trainer(tmp.resolve("a")).stopWhenStable(anyTwo).fit(d, d.limit(16));
        assertEquals(2, r.history().size(), "stable at epoch index 1: the third epoch never runs");
        assertTrue(Files.readString(tmp.resolve("a/provenance.json")).contains("\"stopped_at_stability\" : 1"));
        TrainResult again = trainer(tmp.resolve("a")).stopWhenStable(anyTwo).fit(d, d.limit(16));
        assertEquals(2, again.history().size(), "resumed after the stop: still stable, nothing trained");
        assertEquals(r.last().testAcc(), again.last().testAcc());

        TrainResult full = trainer(tmp.resolve("b")).fit(d, d.limit(16));
        assertEquals(5, full.history().size(), "no rule: every configured epoch");
        assertFalse(Files.readString(tmp.resolve("b/provenance.json")).contains("stopped_at_stability"));
    }
}
