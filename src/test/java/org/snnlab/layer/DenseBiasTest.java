package org.snnlab.layer;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.ComputeOptions;
import org.snnlab.core.Forward;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Dense layer with its bias loops ({@link BiasRows}: the bias written before a beta = 1 GEMM, the
 * SIMD column sums) against their twin, the ND4J ops (compute options without the vector kernels), on
 * narrow (classifier head) and wide layers: output, weight and bias gradients accumulated over two
 * backward passes after a zeroing, and the input gradient.
 */
class DenseBiasTest {
    static final int T = 3, B = 23;

    static void assertClose(INDArray expected, INDArray actual, String what) {
        double scale = Math.max(1e-6, expected.amaxNumber().doubleValue());
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-5 * scale, what + ": differs by " + diff + " (scale " + scale + ")");
    }

    /** out, grads of two passes (x and x2) on {@code compute}. */
    static INDArray[] run(int in, int out, ComputeOptions compute, INDArray x, INDArray gy) {
        Dense d = new Dense(in, out, true, DataType.FLOAT, new SplittableRandom(4));
        d.weight().zeroGrad();
        d.bias().zeroGrad();
        Pass pass = Pass.train(1).withCompute(compute);
        Forward f = d.forward(Seq.of(x, T), pass);
        Seq gx = f.backward(Seq.of(gy.dup(), T), true);
        d.forward(Seq.of(x, T), pass).backward(Seq.of(gy.mul(0.5), T), false); // a second pass adds into the gradients
        return new INDArray[]{f.output().data().dup(), d.weight().grad().dup(), d.bias().grad().dup(), gx.data().dup()};
    }

    @Test
    void biasLoopsMatchTheNd4jOps() {
        ComputeOptions simd = ComputeOptions.defaults();
        assertTrue(simd.vector(), "tests run with the Vector API module");
        ComputeOptions gemm = simd.withFused(false);
        for (int[] shape : new int[][]{{37, 10}, {64, 1}, {50, 32}, {19, 40}}) {
            int in = shape[0], out = shape[1];
            INDArray x = Nd4j.rand(DataType.FLOAT, (long) T * B, in).subi(0.3);
            INDArray gy = Nd4j.rand(DataType.FLOAT, (long) T * B, out).subi(0.5);
            INDArray[] a = run(in, out, gemm, x, gy), b = run(in, out, simd, x, gy);
            String[] names = {"output", "weight grad", "bias grad", "input grad"};
            for (int i = 0; i < 4; i++) assertClose(a[i], b[i], in + "x" + out + " " + names[i]);
        }
    }
}
