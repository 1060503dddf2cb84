package org.snnlab.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.data.DirectEncoder;
import org.snnlab.data.InMemoryDataset;
import org.snnlab.loss.CrossEntropyCount;
import org.snnlab.loss.Loss;
import org.snnlab.loss.LossResult;
import org.snnlab.model.Models;
import org.snnlab.core.Seq;
import org.snnlab.neuron.LifConfig;
import org.snnlab.optim.Adam;
import org.snnlab.optim.lr.ConstantLr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A NaN loss stops training with a message naming where, and keeps the rows already written. */
class NonFiniteGuardTest {

    /** Cross-entropy that turns NaN after {@code ok} evaluations. */
    static final class Poisoned implements Loss {
        private final Loss inner = new CrossEntropyCount();
        private int calls;
        private final int ok;

        Poisoned(int ok) { this.ok = ok; }

        public LossResult evaluate(Seq out, int[] y, double[] w) {
            LossResult r = inner.evaluate(out, y, w);
            return ++calls > ok ? new LossResult(Double.NaN, r.perExample(), r.gradient()) : r;
        }

        public int[] predict(Seq out) { return inner.predict(out); }

        public String describe() { return "poisoned"; }
    }

    @Test
    void nanLossStopsWithAClearMessageAndKeepsRows(@TempDir Path out) throws Exception {
        SplittableRandom r = new SplittableRandom(1);
        int n = 64;
        float[] x = new float[n * 8];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        for (int i = 0; i < n; i++) y[i] = r.nextInt(3);
        InMemoryDataset data = new InMemoryDataset("toy", new long[]{8}, 3, x, y, "none");
        // 4 batches per epoch, 1 test batch per epoch: epoch 0 uses 5 evaluations, epoch 1 fails at its 3rd batch
        Trainer t = Trainer.builder(Models.fc(8, 6, 3, LifConfig.of(0.9, 0.5), DataType.FLOAT, r), out).loss(new Poisoned(7))
                .optimizer(new Adam(0.9, 0.999, 1e-8, 0)).schedule(new ConstantLr(1e-2))
                .encoder(new DirectEncoder()).config(new TrainConfig(3, 16, 4, 1, 0, true))
                .info(Map.of()).build();
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> t.fit(data, data.limit(16)));
        assertTrue(e.getMessage().contains("epoch 1, batch 2"), e.getMessage());
        assertEquals(2, Files.readAllLines(out.resolve("metrics.csv")).size(), "header + the finished epoch");
        assertTrue(Files.exists(out.resolve("checkpoint.bin")));
    }
}
