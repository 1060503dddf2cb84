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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An interrupt of the training thread (what a Jupyter interrupt becomes, see notebook.Interrupts) stops
 * {@link Trainer#fit} before the next batch, keeps the last epoch's checkpoint and rows, releases the
 * run folder, and the same call then resumes to the same end as a run never interrupted.
 */
class TrainerInterruptTest {
    private static final int N = 64, BATCH = 16; // 4 batches per epoch

    private static InMemoryDataset data() {
        SplittableRandom r = new SplittableRandom(1);
        float[] x = new float[N * 8];
        int[] y = new int[N];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        for (int i = 0; i < N; i++) y[i] = r.nextInt(3);
        return new InMemoryDataset("toy", new long[]{8}, 3, x, y, "none");
    }

    private static Trainer trainer(Path out) {
        return Trainer.builder(Models.fc(8, 6, 3, LifConfig.of(0.9, 0.5), DataType.FLOAT, new SplittableRandom(2)), out)
                .loss(new CrossEntropyCount()).optimizer(new Adam(0.9, 0.999, 1e-8, 0)).schedule(new ConstantLr(1e-2))
                .encoder(new DirectEncoder()).config(new TrainConfig(3, BATCH, 4, 1, 0, true)).info(Map.of()).build();
    }

    /** Interrupts the training thread once, after batch {@code batch} of epoch {@code epoch}. */
    private static TrainingListener interruptAfter(int epoch, int batch) {
        return new TrainingListener() {
            @Override
            public void onBatchEnd(int e, int b, int batches, double loss, double acc) {
                if (e == epoch && b == batch) Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void anInterruptStopsWithinABatchKeepsTheCheckpointAndResumesToTheSameEnd(@TempDir Path tmp) throws Exception {
        InMemoryDataset data = data();
        Path out = tmp.resolve("run");
        Trainer t = trainer(out).addListener(interruptAfter(1, 1));
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class, () -> t.fit(data, data.limit(16)));
        assertTrue(e.getMessage().contains("epoch 1 (batch 2)") && e.getMessage().contains("resume from epoch 1"), e.getMessage());
        assertEquals(1, e.epochsDone());
        assertFalse(Thread.currentThread().isInterrupted(), "the exception carries the interrupt; the flag is cleared");
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(2, rows.size(), "header + epoch 0");
        assertEquals(1, Checkpoint.read(out.resolve("checkpoint.bin")).epochsDone());

        TrainResult resumed = trainer(out).fit(data, data.limit(16)); // the folder's lock was released
        assertEquals(1, resumed.resumedFrom());
        assertEquals(rows, Files.readAllLines(out.resolve("metrics.csv")).subList(0, 2), "the kept rows stay byte for byte");
        TrainResult straight = trainer(tmp.resolve("straight")).fit(data, data.limit(16));
        assertEquals(straight.last().testAcc(), resumed.last().testAcc());
        assertEquals(straight.last().trainLoss(), resumed.last().trainLoss());
    }

    @Test
    void anInterruptDuringTheEpochsEvaluationStopsThereAndWritesNoRow(@TempDir Path out) throws Exception {
        InMemoryDataset data = data();
        Trainer t = trainer(out).addListener(interruptAfter(0, N / BATCH - 1));
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class, () -> t.fit(data, data.limit(16)));
        assertTrue(e.getMessage().contains("epoch 0 (batch 4)") && e.getCause() instanceof TrainingInterruptedException, e.getMessage());
        Path csv = out.resolve("metrics.csv");
        assertTrue(!Files.exists(csv) || Files.readAllLines(csv).size() <= 1, "no row for the unfinished epoch");
        assertFalse(Files.exists(out.resolve("checkpoint.bin")));
    }

    /**
     * ZeroMQ's Java port's exception for an interrupted send (EINTR), as a kernel display in a listener
     * throws it: message "Errno 4", the error's name only in toString().
     */
    static final class ZMQException extends RuntimeException {
        ZMQException(int errno) { super("Errno " + errno); }

        @Override
        public String toString() {
            return super.toString() + (getMessage().equals("Errno 4") ? " : Interrupted function" : " : other");
        }
    }

    @Test
    void anInterruptSwallowedByAKernelDisplayStillStopsTrainingButOtherFailuresStayThemselves(@TempDir Path tmp) throws Exception {
        InMemoryDataset data = data();
        TrainingListener display = new TrainingListener() {
            @Override
            public void onBatchEnd(int e, int b, int batches, double loss, double acc) {
                if (e == 1 && b == 0) throw new IllegalStateException("kernel display failed",
                        new RuntimeException(new ZMQException(4))); // the flag is gone
            }
        };
        TrainingInterruptedException e = assertThrows(TrainingInterruptedException.class,
                () -> trainer(tmp.resolve("a")).addListener(display).fit(data, data.limit(16)));
        assertEquals(1, e.epochsDone());
        TrainingListener atEpochEnd = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics m) {
                if (m.epoch() == 1) throw new IllegalStateException("kernel display failed", new ZMQException(4));
            }
        };
        TrainingInterruptedException between = assertThrows(TrainingInterruptedException.class,
                () -> trainer(tmp.resolve("c")).addListener(atEpochEnd).fit(data, data.limit(16)));
        assertEquals(2, between.epochsDone(), "epoch 1 was checkpointed before its listeners ran");
        assertTrue(between.getMessage().contains("after epoch 1") && between.getMessage().contains("resume from epoch 2"), between.getMessage());
        TrainingListener broken = new TrainingListener() {
            @Override
            public void onBatchEnd(int ep, int b, int batches, double loss, double acc) {
                throw new IllegalStateException("a bug", new ZMQException(41)); // another ZeroMQ error is no interrupt
            }
        };
        IllegalStateException bug = assertThrows(IllegalStateException.class,
                () -> trainer(tmp.resolve("b")).addListener(broken).fit(data, data.limit(16)));
        assertEquals("a bug", bug.getMessage());
    }
}
