package org.snnlab.prune;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Power iteration (matrix-vector and via the small Gram matrix) against ND4J's SVD. */
class SpectralNormTest {
    @Test
    void matchesTheLargestSingularValue() {
        SplittableRandom r = new SplittableRandom(1);
        for (int[] s : new int[][]{{100, 10}, {10, 100}, {90, 70}, {7, 7}}) {
            INDArray w = Nd4j.create(DataType.DOUBLE, s[0], s[1]);
            for (long i = 0; i < w.length(); i++) w.putScalar(i, r.nextDouble() - 0.5);
            INDArray sv = Nd4j.create(DataType.DOUBLE, Math.min(s[0], s[1]));
            Nd4j.getBlasWrapper().lapack().gesvd(w.dup(), sv, null, null);
            double expect = sv.maxNumber().doubleValue(), got = new SpectralNorm(1e-12, 100_000).of(w);
            assertEquals(expect, got, 1e-7 * expect, java.util.Arrays.toString(s));
        }
    }
}
