package org.snnlab.model;

import org.snnlab.core.Seq;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.layer.AvgPool2d;
import org.snnlab.layer.Conv2d;
import org.snnlab.layer.Dense;
import org.snnlab.core.Layer;
import org.snnlab.loss.LossResult;
import org.snnlab.loss.MseRate;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.LifConfig;
import org.snnlab.neuron.ResetMode;
import org.snnlab.neuron.SpikeFn;
import org.snnlab.neuron.Surrogates;
import org.snnlab.testing.GradCheck;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CarSNN: the paper's layer sizes, forward/backward shapes, and BPTT through it against finite differences. */
class CarSnnTest {

    @Test
    void thePapersNcarsNetworkHas1152FlatFeaturesAndNoBiases() {
        CarSnn c = CarSnn.ncars(0.4);
        assertEquals(1152, c.flatFeatures(), "32 x 6 x 6 after pools 4, 2, 2 on 100x100");
        Sequential net = c.build(DataType.FLOAT, new SplittableRandom(1));
        assertEquals(4, net.params().size(), "two convolutions and two dense layers, no biases");
        long n = net.params().stream().mapToLong(p -> p.value().length()).sum();
        assertEquals(2 * 32 * 9 + 32 * 32 * 9 + 1152 * 512 + 512 * 2, n);
        Layer[] kinds = net.layers().toArray(Layer[]::new);
        assertTrue(kinds[0] instanceof AvgPool2d && kinds[1] instanceof Conv2d && kinds[2] instanceof Lif
                && kinds[8] instanceof Dense && kinds[11] instanceof Lif, net.names().toString());
        LifConfig lif = ((Lif) kinds[2]).config();
        assertEquals(0.2, lif.beta());
        assertEquals(0.4, lif.threshold());
        assertEquals(ResetMode.ZERO, lif.reset());
        assertEquals(1.0, lif.surrogate().grad(0.39));
        assertEquals(0.0, lif.surrogate().grad(0.41), "rectangle of half-width 0.4");
        assertArrayEquals(new long[]{2}, net.outputShape(new long[]{2, 100, 100}));
    }

    @Test
    void emulatedSensorForwardAndBackwardShapes() {
        int T = 3, B = 2;
        Sequential net = Models.carsnn(34, 34, 10, 0.4, 3.0, DataType.FLOAT, new SplittableRandom(2));
        assertEquals(32 * 4 * 4, CarSnn.forSensor(34, 34, 10).withWeightGain(3.0).flatFeatures(), "pool 2 below 64 pixels: 17 -> 8 -> 4");
        INDArray x = GradCheck.random(new long[]{T * B, 2, 34, 34}, 3).gt(0.6).castTo(DataType.FLOAT); // binary event frames
        Sequential.Trace tr = net.forward(Seq.of(x, T), new Pass(true, new SplittableRandom(4), null));
        assertArrayEquals(new long[]{T * B, 10}, tr.output().data().shape());
        double[] v = GradCheck.values(tr.output().data());
        assertTrue(Arrays.stream(v).allMatch(s -> s == 0 || s == 1), "output spikes are binary");
        LossResult loss = new MseRate().evaluate(tr.output(), new int[]{3, 7}, null);
        net.zeroGrad();
        tr.backward(loss.gradient(), false);
        for (Param p : net.params()) {
            assertArrayEquals(p.value().shape(), p.grad().shape(), p.name());
            assertTrue(Double.isFinite(p.grad().sumNumber().doubleValue()), p.name());
        }
        double last = net.params().get(3).grad().norm2Number().doubleValue();
        assertTrue(last > 0, "the output layer's weights get a gradient (gain 3 keeps the net active)");
    }

    @Test
    void badShapesAreRejectedWithTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CarSnn(6, 6, 4, 32, 512, 2, CarSnn.lif(0.4), 1));
        assertTrue(e.getMessage().contains("6x6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CarSnn.forSensor(34, 34, 1));
        assertThrows(IllegalArgumentException.class, () -> CarSnn.forSensor(34, 34, 10).withWeightGain(0));
    }

    /**
     * Central finite differences through a CarSNN-shaped net (8x8 input, 2 channels, 4 hidden, 3 classes,
     * T = 2, B = 2) in double precision, probing {@code L = sum(output .* R)}: the relative error of every
     * weight tensor's gradient, and of the input gradient on 12 sampled elements (a full input sweep costs
     * minutes on a loaded 2-core machine: each forward steps the LIF recurrence op by op).
     */
    static Map<String, Double> gradcheck(LifConfig lif) {
        CarSnn tiny = new CarSnn(8, 8, 2, 2, 4, 3, lif, 3.0);
        Sequential net = tiny.build(DataType.DOUBLE, new SplittableRandom(5));
        int T = 2;
        INDArray x = GradCheck.random(new long[]{T * 2, 2, 8, 8}, 6).addi(1).muli(0.5); // [0, 1): event counts
        INDArray r = GradCheck.random(new long[]{T * 2, 3}, 8);
        ToDoubleFunction<INDArray> loss = any -> net.forward(Seq.of(x, T), Pass.eval()).output().data().mul(r).sumNumber().doubleValue();
        Sequential.Trace tr = net.forward(Seq.of(x, T), Pass.eval());
        net.zeroGrad();
        INDArray gx = tr.backward(Seq.of(r.dup(), T), true).data();
        Map<String, Double> err = new LinkedHashMap<>();
        for (int i = 0; i < net.params().size(); i++) {
            Param p = net.params().get(i);
            assertTrue(p.grad().norm2Number().doubleValue() > 0, p.name() + " gets a gradient");
            err.put(i + "." + p.name(), GradCheck.relError(p.grad(), GradCheck.numeric(p.value(), loss)));
        }
        INDArray flat = x.reshape(x.length()), gflat = gx.reshape(gx.length());
        SplittableRandom pick = new SplittableRandom(9);
        double[] an = new double[12], nu = new double[12];
        for (int k = 0; k < an.length; k++) {
            long i = pick.nextLong(x.length());
            double v = flat.getDouble(i);
            flat.putScalar(i, v + GradCheck.EPS);
            double plus = loss.applyAsDouble(x);
            flat.putScalar(i, v - GradCheck.EPS);
            double minus = loss.applyAsDouble(x);
            flat.putScalar(i, v);
            an[k] = gflat.getDouble(i);
            nu[k] = (plus - minus) / (2 * GradCheck.EPS);
        }
        err.put("input (12 samples)", GradCheck.relError(Nd4j.createFromArray(an), Nd4j.createFromArray(nu)));
        err.forEach((k, v) -> System.out.printf("gradcheck CarSNN %s %s %.2e%n", lif.surrogate().describe(), k, v));
        return err;
    }

    @Test
    void bpttThroughCarSnnWithTheRectangleSurrogateMatchesFiniteDifferences() {
        // FastSpiker's neuron (leak 0.2, reset to zero, rectangle of half-width 0.4) with s = primitive(u - Vth):
        // piecewise linear, so its derivative IS the rectangle away from the kinks at |u - Vth| = 0.4
        Map<String, Double> err = gradcheck(CarSnn.lif(0.4).withSpikeFn(SpikeFn.SMOOTH));
        assertEquals(5, err.size(), "four weight tensors and the input");
        err.forEach((k, v) -> assertTrue(v < 1e-6, k + " rel error " + v));
    }

    @Test
    void bpttThroughCarSnnWithASmoothSurrogateMatchesFiniteDifferences() {
        LifConfig lif = CarSnn.lif(0.4).withSurrogate(Surrogates.sigmoid(4)).withSpikeFn(SpikeFn.SMOOTH);
        gradcheck(lif).forEach((k, v) -> assertTrue(v < 1e-6, k + " rel error " + v));
    }

    @Test
    void theCheckBitesOnTheRealHeavisideForward() {
        // with true spikes the forward is piecewise constant: finite differences see (almost) nothing
        // while the surrogate (a sigmoid here, never zero) passes a gradient: the check must fail
        CarSnn tiny = new CarSnn(8, 8, 2, 2, 4, 3, CarSnn.lif(0.4).withSurrogate(Surrogates.sigmoid(4)), 3.0);
        Sequential net = tiny.build(DataType.DOUBLE, new SplittableRandom(5));
        INDArray x = GradCheck.random(new long[]{4, 2, 8, 8}, 6).addi(1).muli(0.5);
        INDArray r = GradCheck.random(new long[]{4, 3}, 8);
        Sequential.Trace tr = net.forward(Seq.of(x, 2), Pass.eval());
        net.zeroGrad();
        tr.backward(Seq.of(r.dup(), 2), false);
        Param out = net.params().get(0); // the first convolution: its input (the data) is never silent
        INDArray numeric = GradCheck.numeric(out.value(),
                any -> net.forward(Seq.of(x, 2), Pass.eval()).output().data().mul(r).sumNumber().doubleValue());
        assertTrue(out.grad().norm2Number().doubleValue() > 0, "the surrogate passes a gradient");
        assertTrue(GradCheck.relError(out.grad(), numeric) > 0.1, "the check must not pass on a step function");
    }
}
