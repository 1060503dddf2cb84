package org.snnlab.neuron;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * {@link LifKernel} with SIMD loops (the incubating Java Vector API): the same equations and the
 * same memory plan as {@link FusedLifKernel} (per example, the T x N recurrence in cache; the
 * membrane recomputed in the backward pass instead of stored), with the neuron loop running 16
 * (AVX-512) or 8 (AVX2) lanes at a time and the surrogate derivative evaluated row by row through
 * {@link Surrogate#grad(float[], float[], int)}. Heaviside spikes only (the smooth spike of gradient
 * checks runs in double, on {@link Nd4jLifKernel}). Only constructed when
 * {@link org.snnlab.core.ComputeOptions#vector()} (which needs {@link org.snnlab.util.Simd#AVAILABLE});
 * tests hold it equal to {@link Nd4jLifKernel}.
 *
 * <p>Per time step t and neuron n (vectors over n):
 * <pre>
 *   forward   u[t] = I[t] + beta u[t-1] - theta s[t-1]      (SUBTRACT; ZERO: + beta u[t-1](1-s[t-1]))
 *             s[t] = u[t] > theta
 *   backward  gs    = dL/ds[t] - g[t+1] theta               (SUBTRACT, reset not detached)
 *             gu[t] = gs sg'(u[t]-theta) + g[t+1] beta       (ZERO: g[t+1] beta (1-s[t]))
 *             dtheta -= gs sg' + g[t+1] s[t],   dbeta += gu[t] u[t-1]
 * </pre>
 */
public final class VectorLifKernel implements LifKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Whether this kernel implements {@code spec} (else use {@link FusedLifKernel}). */
    public static boolean handles(Spec spec) {
        return spec.spikeFn() == SpikeFn.HEAVISIDE;
    }

    @Override
    public State forward(Spec spec, INDArray current, INDArray beta, INDArray threshold) {
        int T = spec.steps(), B = spec.batch(), N = spec.neurons();
        INDArray in = FusedLifKernel.contiguous(current);
        INDArray spikes = Nd4j.createUninitialized(DataType.FLOAT, (long) T * B, N);
        INDArray mem = spec.keepMembrane() ? Nd4j.createUninitialized(DataType.FLOAT, (long) T * B, N) : null;
        FloatBuffer inb = in.data().asNioFloat(), s = spikes.data().asNioFloat();
        FloatBuffer m = mem == null ? null : mem.data().asNioFloat();
        float[] be = pad(FusedLifKernel.heap(beta), N, 0f), th = pad(FusedLifKernel.heap(threshold), N, 1f);
        int P = padded(N);
        FusedLifKernel.parallel(B, (b0, b1) -> {
            float[] u = new float[T * P], sp = new float[T * P], x = new float[P];
            for (int b = b0; b < b1; b++) {
                recurrence(spec, inb, b, be, th, u, sp, x);
                for (int t = 0; t < T; t++) {
                    s.put((t * B + b) * N, sp, t * P, N);
                    if (m != null) m.put((t * B + b) * N, u, t * P, N);
                }
            }
        });
        return new State(spikes, mem, in);
    }

    /** N rounded up to whole vectors: rows are padded so that no loop needs a (slow) masked tail. */
    private static int padded(int n) {
        return (n + L - 1) / L * L;
    }

    /** {@code a} copied into {@code padded(n)} floats, the pad lanes set to {@code pad}. */
    private static float[] pad(float[] a, int n, float pad) {
        float[] p = Arrays.copyOf(a, padded(n));
        Arrays.fill(p, n, p.length, pad);
        return p;
    }

    private static FloatVector load(float[] a, int off) {
        return FloatVector.fromArray(S, a, off);
    }

    /**
     * One example's membrane {@code u[t*P+n]} and spikes {@code sp[t*P+n]} (P = N padded to whole
     * vectors; the pad lanes of {@code x} stay 0); {@code x}: a row buffer.
     */
    private static void recurrence(Spec spec, FloatBuffer in, int b, float[] be, float[] th,
                                   float[] u, float[] sp, float[] x) {
        int T = spec.steps(), B = spec.batch(), N = spec.neurons(), P = x.length;
        ResetMode reset = spec.reset();
        FloatVector one = FloatVector.broadcast(S, 1f), zero = FloatVector.zero(S);
        for (int t = 0; t < T; t++) {
            int k = t * P, kp = k - P;
            in.get(spec.staticInput() ? b * N : (t * B + b) * N, x, 0, N);
            for (int n = 0; n < P; n += L) {
                FloatVector un = load(x, n), thv = load(th, n);
                if (t > 0) {
                    FloatVector leak = load(be, n).mul(load(u, kp + n)), sPrev = load(sp, kp + n);
                    if (reset == ResetMode.SUBTRACT) un = un.add(leak).sub(thv.mul(sPrev));
                    else if (reset == ResetMode.ZERO) un = un.add(leak.mul(one.sub(sPrev)));
                    else un = un.add(leak);
                }
                un.intoArray(u, k + n);
                zero.blend(one, un.compare(VectorOperators.GT, thv)).intoArray(sp, k + n);
            }
        }
    }

    @Override
    public Grads backward(Spec spec, State st, INDArray gradSpikes, INDArray gradMembrane,
                          INDArray beta, INDArray threshold) {
        int T = spec.steps(), B = spec.batch(), N = spec.neurons();
        FloatBuffer in = FusedLifKernel.contiguous(st.current()).data().asNioFloat();
        INDArray gSd = gradSpikes == null ? null : FusedLifKernel.contiguous(gradSpikes);
        FloatBuffer gS = gSd == null ? null : gSd.data().asNioFloat();
        FloatBuffer gM = gradMembrane == null ? null : FusedLifKernel.nio(gradMembrane);
        boolean stat = spec.staticInput();
        INDArray gIn = FusedLifKernel.inputGrad(stat, gSd, T, B, N);
        FloatBuffer gI = gIn.data().asNioFloat();
        float[] be = pad(FusedLifKernel.heap(beta), N, 0f), th = pad(FusedLifKernel.heap(threshold), N, 1f);
        int P = padded(N), chunks = (B + FusedLifKernel.CHUNK - 1) / FusedLifKernel.CHUNK;
        boolean lean = spec.reset() == ResetMode.SUBTRACT && gM == null && !stat && !spec.paramGrads();
        float[][] gThr = lean ? null : new float[chunks][P], gBeta = lean ? null : new float[chunks][P];
        FusedLifKernel.parallel(B, (b0, b1) -> {
            Rows r = new Rows(T, P);
            int c = b0 / FusedLifKernel.CHUNK;
            for (int b = b0; b < b1; b++) {
                recurrence(spec, in, b, be, th, r.u, r.sp, r.x);
                Arrays.fill(r.next, 0f);
                Arrays.fill(r.acc, 0f);
                for (int t = T - 1; t >= 0; t--) {
                    int row = (t * B + b) * N;
                    if (gS == null) Arrays.fill(r.gs, 0f); // pad lanes stay 0 below
                    else gS.get(row, r.gs, 0, N);
                    if (gM != null) gM.get(row, r.gm, 0, N);
                    if (lean) stepSubtract(spec, r, t, th, be);
                    else step(spec, r, t, be, th, gM != null, gThr[c], gBeta[c]);
                    if (!stat) gI.put(row, r.next, 0, N);
                }
                if (stat) gI.put(b * N, r.acc, 0, N);
            }
        });
        return lean ? new Grads(gIn, null, null) : new Grads(gIn, reduce(gThr, N), reduce(gBeta, N));
    }

    /** Per-task scratch rows (P = padded width): membrane, spikes, and the rows of one backward step. */
    private static final class Rows {
        final float[] u, sp, x, gs, gm, sg, next, acc;

        Rows(int T, int P) {
            u = new float[T * P];
            sp = new float[T * P];
            x = new float[P];
            gs = new float[P];
            gm = new float[P];
            sg = new float[P];
            next = new float[P];
            acc = new float[P];
        }
    }

    /** One BPTT step at time t: {@code r.next} holds dL/du[t+1] on entry and dL/du[t] on exit. */
    private static void step(Spec spec, Rows r, int t, float[] be, float[] th, boolean withMem,
                             float[] gt, float[] gb) {
        int P = r.x.length, k = t * P, kp = k - P;
        ResetMode reset = spec.reset();
        boolean detach = spec.detachReset();
        for (int n = 0; n < P; n += L) load(r.u, k + n).sub(load(th, n)).intoArray(r.x, n);
        spec.surrogate().grad(r.x, r.sg, P);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int n = 0; n < P; n += L) {
            FloatVector gn = load(r.next, n), bv = load(be, n), thv = load(th, n);
            FloatVector un = load(r.u, k + n), sn = load(r.sp, k + n), gs = load(r.gs, n);
            if (!detach && reset == ResetMode.SUBTRACT) gs = gs.sub(gn.mul(thv));
            else if (!detach && reset == ResetMode.ZERO) gs = gs.sub(gn.mul(bv).mul(un));
            FloatVector gsSg = gs.mul(load(r.sg, n));
            FloatVector carry = gn.mul(bv);
            FloatVector gu = gsSg.add(reset == ResetMode.ZERO ? carry.mul(one.sub(sn)) : carry);
            if (withMem) gu = gu.add(load(r.gm, n));
            FloatVector gtv = load(gt, n).sub(gsSg);
            if (reset == ResetMode.SUBTRACT) gtv = gtv.sub(gn.mul(sn));
            gtv.intoArray(gt, n);
            if (t > 0) {
                FloatVector up = load(r.u, kp + n);
                if (reset == ResetMode.ZERO) up = up.mul(one.sub(load(r.sp, kp + n)));
                load(gb, n).add(gu.mul(up)).intoArray(gb, n);
            }
            gu.intoArray(r.next, n);
            load(r.acc, n).add(gu).intoArray(r.acc, n);
        }
    }

    /**
     * {@link #step} for the common case in straight-line code: subtractive reset, a spike gradient only,
     * a time-varying input, no threshold or beta gradient (so no accumulators):
     * {@code gs = dL/ds[t] - g[t+1] theta} (reset not detached), {@code gu[t] = gs sg'(u[t]-theta) + g[t+1] beta}.
     * The same float operations in the same order as {@link #step}; no vector value merges across
     * branches (which C2 may box).
     */
    private static void stepSubtract(Spec spec, Rows r, int t, float[] th, float[] be) {
        int P = r.x.length, k = t * P;
        for (int n = 0; n < P; n += L) load(r.u, k + n).sub(load(th, n)).intoArray(r.x, n);
        spec.surrogate().grad(r.x, r.sg, P);
        if (spec.detachReset()) leanDetached(r, be, P);
        else leanAttached(r, th, be, P);
    }

    private static void leanAttached(Rows r, float[] th, float[] be, int P) {
        for (int n = 0; n < P; n += L) {
            FloatVector gn = load(r.next, n);
            FloatVector gs = load(r.gs, n).sub(gn.mul(load(th, n)));
            gs.mul(load(r.sg, n)).add(gn.mul(load(be, n))).intoArray(r.next, n);
        }
    }

    private static void leanDetached(Rows r, float[] be, int P) {
        for (int n = 0; n < P; n += L) {
            FloatVector gn = load(r.next, n);
            load(r.gs, n).mul(load(r.sg, n)).add(gn.mul(load(be, n))).intoArray(r.next, n);
        }
    }

    private static INDArray reduce(float[][] parts, int n) {
        double[] sum = new double[n];
        for (float[] p : parts) for (int i = 0; i < n; i++) sum[i] += p[i];
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) sum[i];
        return Nd4j.createFromArray(out);
    }
}
