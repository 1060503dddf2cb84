package org.snnlab.layer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

/**
 * The element-wise part of one {@link Lstm} step as one hand-fused loop over ND4J's float buffers in place
 * (the GEMMs stay ND4J's): forward {@code a = act(z_t + h W_hh)}, {@code c = f c' + i g}, {@code h = o tanh c};
 * backward the gate gradients {@code dz} and the carried {@code dc}. Same equations as the pure-ND4J path of
 * {@link Lstm}, which a test holds it equal to; float32 on a CPU backend only (the ND4J path is what a GPU
 * runs). It exists because an LSTM over a window's tokens is dozens of tiny ND4J calls per token otherwise.
 */
final class FusedLstmCell {
    private FusedLstmCell() { }

    /** Whether the fused path can take this array (float32 on a CPU backend). */
    static boolean supports(INDArray a) {
        return a.dataType() == DataType.FLOAT && Nd4j.getEnvironment().isCPU();
    }

    /**
     * One forward step. {@code a [N, 4H]} holds {@code h' W_hh} (or anything when {@code cPrev} is null,
     * the first step) and is overwritten by the gates after activation; {@code z} the token-major input
     * projections, token {@code t}'s rows read in place.
     *
     * @return {@code {c, tanh c, h}}, each {@code [N, H]}
     */
    static INDArray[] forward(INDArray z, int t, INDArray a, INDArray cPrev, int n, int h) {
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, n, h), tc = Nd4j.createUninitialized(DataType.FLOAT, n, h),
                hh = Nd4j.createUninitialized(DataType.FLOAT, n, h);
        FloatBuffer zb = z.data().asNioFloat(), ab = a.data().asNioFloat(), cb = c.data().asNioFloat(), tb = tc.data().asNioFloat(),
                hb = hh.data().asNioFloat(), pb = cPrev == null ? null : cPrev.data().asNioFloat();
        int g4 = 4 * h, zo = t * n * g4; // every array here is dense, C order, from offset 0
        for (int r = 0; r < n; r++)
            for (int j = 0; j < h; j++) {
                int ai = r * g4 + j, zi = zo + ai;
                float ig = sigmoid((pb == null ? 0 : ab.get(ai)) + zb.get(zi));
                float fg = sigmoid((pb == null ? 0 : ab.get(ai + h)) + zb.get(zi + h));
                float gg = (float) Math.tanh((pb == null ? 0 : ab.get(ai + 2 * h)) + zb.get(zi + 2 * h));
                float og = sigmoid((pb == null ? 0 : ab.get(ai + 3 * h)) + zb.get(zi + 3 * h));
                ab.put(ai, ig).put(ai + h, fg).put(ai + 2 * h, gg).put(ai + 3 * h, og);
                float cv = ig * gg + (pb == null ? 0 : fg * pb.get(r * h + j)), tv = (float) Math.tanh(cv);
                cb.put(r * h + j, cv);
                tb.put(r * h + j, tv);
                hb.put(r * h + j, og * tv);
            }
        return new INDArray[]{c, tc, hh};
    }

    private static float sigmoid(float v) { return (float) (1 / (1 + Math.exp(-v))); }

    /**
     * One backward step: writes {@code dz} for this token into {@code dzt [N, 4H]} and returns the
     * {@code dc} carried to the step before ({@code dc f}), {@code [N, H]}.
     *
     * @param g      the output gradient, token-major {@code [L, N, D H]}; this direction's columns from {@code col}
     * @param dhNext {@code dL/dh} from the step after (null at the last)
     * @param dcNext {@code dL/dc} from the step after (null at the last)
     * @param cPrev  the previous step's c (null at the first)
     */
    static INDArray backward(INDArray g, int t, int col, INDArray dhNext, INDArray dcNext, INDArray a, INDArray tc, INDArray cPrev,
                             INDArray dzt, int n, int h) {
        INDArray carry = Nd4j.createUninitialized(DataType.FLOAT, n, h);
        FloatBuffer gb = g.data().asNioFloat(), ab = a.data().asNioFloat(), tb = tc.data().asNioFloat(), db = dzt.data().asNioFloat(),
                kb = carry.data().asNioFloat(), hn = dhNext == null ? null : dhNext.data().asNioFloat(),
                cn = dcNext == null ? null : dcNext.data().asNioFloat(), pb = cPrev == null ? null : cPrev.data().asNioFloat();
        int g4 = 4 * h, dh4 = (int) g.size(2), go = t * n * dh4 + col;
        for (int r = 0; r < n; r++)
            for (int j = 0; j < h; j++) {
                int ai = r * g4 + j, hi = r * h + j;
                float dh = gb.get(go + r * dh4 + j) + (hn == null ? 0 : hn.get(hi));
                float ig = ab.get(ai), fg = ab.get(ai + h), gg = ab.get(ai + 2 * h), og = ab.get(ai + 3 * h), tv = tb.get(hi);
                float dc = dh * og * (1 - tv * tv) + (cn == null ? 0 : cn.get(hi));
                float cp = pb == null ? 0 : pb.get(hi);
                db.put(ai, dc * gg * ig * (1 - ig));
                db.put(ai + h, dc * cp * fg * (1 - fg));
                db.put(ai + 2 * h, dc * ig * (1 - gg * gg));
                db.put(ai + 3 * h, dh * tv * og * (1 - og));
                kb.put(hi, dc * fg);
            }
        return carry;
    }
}
