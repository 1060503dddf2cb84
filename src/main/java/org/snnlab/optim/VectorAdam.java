package org.snnlab.optim;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.IntStream;

/**
 * The fused Adam / AdamW update of {@link Adam} as SIMD loops (the incubating Java Vector API) that
 * read and write ND4J's buffers in place: no heap copies, and the square root and division run
 * 16 (AVX-512) or 8 (AVX2) lanes at a time. Per element, in float, in the order of the scalar loop
 * (so the results are the same bit for bit: IEEE float sqrt is what {@code (float) Math.sqrt(double)}
 * rounds to):
 * <pre>  g' = g + wd w;  m = b1 m + (1-b1) g';  v = b2 v + (1-b2) g' g';
 *   w = w shrink - stepSize m / (sqrt(v) invSqrtC2 + eps)</pre>
 * Only loaded when {@link org.snnlab.core.ComputeOptions#vector()} is on.
 */
final class VectorAdam {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
    private static final int CHUNK = 1 << 14;

    private VectorAdam() { }

    /** The update's scalars, as the scalar loop computes them. */
    record Coefficients(float b1, float b2, float ob1, float ob2, float wd, float stepSize, float invSqrtC2, float eps, float shrink) { }

    static void update(ByteBuffer w, ByteBuffer g, ByteBuffer m, ByteBuffer v, int n, Coefficients c) {
        for (ByteBuffer b : new ByteBuffer[]{w, g, m, v}) b.order(NATIVE); // the scalar tail reads in the buffers' own order
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(k -> range(w, g, m, v, k * CHUNK, Math.min(n, (k + 1) * CHUNK), c));
    }

    private static void range(ByteBuffer w, ByteBuffer g, ByteBuffer m, ByteBuffer v, int from, int to, Coefficients c) {
        FloatVector b1 = FloatVector.broadcast(S, c.b1()), b2 = FloatVector.broadcast(S, c.b2()), ob1 = FloatVector.broadcast(S, c.ob1()),
                ob2 = FloatVector.broadcast(S, c.ob2()), wd = FloatVector.broadcast(S, c.wd()), step = FloatVector.broadcast(S, c.stepSize()),
                inv = FloatVector.broadcast(S, c.invSqrtC2()), eps = FloatVector.broadcast(S, c.eps()), shrink = FloatVector.broadcast(S, c.shrink());
        int i = from;
        for (; i + L <= to; i += L) {
            int o = i * Float.BYTES;
            FloatVector wi = FloatVector.fromByteBuffer(S, w, o, NATIVE);
            FloatVector gi = FloatVector.fromByteBuffer(S, g, o, NATIVE).add(wd.mul(wi));
            FloatVector mi = b1.mul(FloatVector.fromByteBuffer(S, m, o, NATIVE)).add(ob1.mul(gi));
            FloatVector vi = b2.mul(FloatVector.fromByteBuffer(S, v, o, NATIVE)).add(ob2.mul(gi).mul(gi));
            mi.intoByteBuffer(m, o, NATIVE);
            vi.intoByteBuffer(v, o, NATIVE);
            FloatVector den = vi.lanewise(VectorOperators.SQRT).mul(inv).add(eps);
            wi.mul(shrink).sub(step.mul(mi).div(den)).intoByteBuffer(w, o, NATIVE);
        }
        for (; i < to; i++) { // the tail: the scalar loop's expressions
            int o = i * Float.BYTES;
            float wi = w.getFloat(o), gi = g.getFloat(o) + c.wd() * wi;
            float mi = c.b1() * m.getFloat(o) + c.ob1() * gi;
            float vi = c.b2() * v.getFloat(o) + c.ob2() * gi * gi;
            m.putFloat(o, mi);
            v.putFloat(o, vi);
            w.putFloat(o, wi * c.shrink() - c.stepSize() * mi / ((float) Math.sqrt(vi) * c.invSqrtC2() + c.eps()));
        }
    }
}
