package org.snnlab.interop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.core.Param;
import org.snnlab.data.DataCatalog;
import org.snnlab.data.DirectEncoder;
import org.snnlab.layer.Dense;
import org.snnlab.layer.Flatten;
import org.snnlab.loss.MseRate;
import org.snnlab.model.Sequential;
import org.snnlab.neuron.CubaLif;
import org.snnlab.neuron.Surrogates;
import org.snnlab.optim.Adam;
import org.snnlab.optim.lr.ConstantLr;
import org.snnlab.train.Evaluation;
import org.snnlab.train.TrainConfig;
import org.snnlab.train.TrainResult;
import org.snnlab.train.Trainer;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notebook 05's network (Flatten, Dense without bias -> CUBA-LIF, x3; Rouser's trainable per-neuron
 * thresholds), trained briefly on real Fashion-MNIST, exported and re-imported: the same test accuracy
 * and confusion matrix.
 */
class NirTrainedNetworkTest {
    private static final int T = 5, HIDDEN = 64;

    @TempDir
    Path dir;

    private static Sequential rouserNet(int inputs, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        var s = Surrogates.exponential(1.5, 3.75);
        return new Sequential(List.of(new Flatten(),
                new Dense(inputs, HIDDEN, false, DataType.FLOAT, rng), CubaLif.fromDecays(HIDDEN, 0.25, 0.03, 1.25, s, true, DataType.FLOAT),
                new Dense(HIDDEN, HIDDEN, false, DataType.FLOAT, rng), CubaLif.fromDecays(HIDDEN, 0.25, 0.03, 1.25, s, true, DataType.FLOAT),
                new Dense(HIDDEN, classes, false, DataType.FLOAT, rng), CubaLif.fromDecays(classes, 0.25, 0.03, 1.25, s, true, DataType.FLOAT)));
    }

    private static Trainer trainer(Sequential net, Path out, int epochs) {
        return Trainer.builder(net, out).loss(new MseRate()).optimizer(new Adam(0.9, 0.999, 1e-8, 0).withLrScale(Param.Role.THRESHOLD, 10))
                .schedule(new ConstantLr(3e-3)).encoder(new DirectEncoder()).config(new TrainConfig(epochs, 32, T, 1, 0, false)).build();
    }

    @Test
    void aTrainedCubaLifNetworkKeepsItsTestAccuracyThroughNir() throws Exception {
        DataCatalog.TrainTest data = DataCatalog.load("fashion-mnist", 600, 300);
        int inputs = (int) data.train().features(), classes = data.train().classes();
        Sequential net = rouserNet(inputs, classes, 1);
        TrainResult r = trainer(net, dir.resolve("run"), 2).fit(data.train(), data.test());
        double trained = r.history().get(r.history().size() - 1).testAcc();
        assertTrue(trained > 0.3, "the network learned something: " + trained);
        CubaLif first = (CubaLif) net.layers().get(2);
        assertTrue(first.voltage().threshold().stdNumber().doubleValue() > 0, "trained thresholds differ per neuron");

        Path file = dir.resolve("rouser.nir");
        Nir.export(net, data.train().shape(), file, NirExport.Options.defaults().withMetadata("dataset", "fashion-mnist"));
        NirImport.Imported m = Nir.load(file);
        Evaluation before = trainer(net, dir.resolve("a"), 1).evaluate(data.test());
        Evaluation after = trainer(m.net(), dir.resolve("b"), 1).evaluate(data.test());
        System.out.printf("NIR round trip of the trained CUBA-LIF net: test accuracy %.4f (training's last epoch %.4f) -> %.4f after export + import%n",
                before.accuracy(), trained, after.accuracy());
        assertEquals(trained, before.accuracy(), 1e-12);
        assertEquals(before.accuracy(), after.accuracy(), 0.0);
        assertEquals(before.loss(), after.loss(), 1e-9);
        for (int k = 0; k < classes; k++) assertArrayEquals(before.confusion()[k], after.confusion()[k]);
        assertEquals(first.voltage().threshold(), ((CubaLif) m.net().layers().get(2)).voltage().threshold());
    }
}
