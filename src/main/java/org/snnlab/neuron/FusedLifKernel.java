package org.snnlab.neuron;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * {@link LifKernel} as hand-fused loops reading ND4J's buffers in place, the batch split across
 * cores, each example's T x N recurrence kept in cache. The membrane is NOT stored: the backward pass
 * recomputes each example's recurrence (cheap arithmetic) instead of writing and re-reading T*B*N
 * values (this machine is memory-bound). Same equations as {@link Nd4jLifKernel},
 * which a test holds it equal to; float32 only.
 */
public final class FusedLifKernel implements LifKernel {

    /** Batch rows handled per parallel task. */
    static final int CHUNK = 32;

    /** Whether the fused path can take this array (float32 on a CPU backend). */
    public static boolean supports(INDArray a) {
        return a.dataType() == DataType.FLOAT && Nd4j.getEnvironment().isCPU();
    }

    static float[] heap(INDArray a) {
        INDArray c = org.snnlab.util.Buffers.dense(a);
        float[] out = new float[(int) c.length()];
        c.data().asNioFloat().get(0, out);
        return out;
    }

    static INDArray contiguous(INDArray a) {
        return org.snnlab.util.Buffers.dense(a);
    }

    static FloatBuffer nio(INDArray a) {
        return contiguous(a).data().asNioFloat();
    }



    @Override
    public State forward(Spec spec, INDArray current, INDArray beta, INDArray threshold) {
        int T = spec.steps(), B = spec.batch(), N = spec.neurons();
        INDArray in = contiguous(current);
        INDArray spikes = Nd4j.createUninitialized(DataType.FLOAT, (long) T * B, N);
        INDArray mem = spec.keepMembrane() ? Nd4j.createUninitialized(DataType.FLOAT, (long) T * B, N) : null;
        FloatBuffer inb = in.data().asNioFloat(), s = spikes.data().asNioFloat();
        FloatBuffer m = mem == null ? null : mem.data().asNioFloat();
        float[] be = heap(beta), th = heap(threshold);
        parallel(B, (b0, b1) -> {
            float[] u = new float[T * N], sp = new float[T * N];
            for (int b = b0; b < b1; b++) {
                recurrence(spec, inb, b, be, th, u, sp);
                for (int t = 0; t < T; t++) {
                    s.put((t * B + b) * N, sp, t * N, N);
                    if (m != null) m.put((t * B + b) * N, u, t * N, N);
                }
            }
        });
        return new State(spikes, mem, in);
    }

    /**
     * The forward recurrence of ONE example into {@code u[t*N+n]} and {@code sp[t*N+n]} (small enough
     * to stay in cache): used by the forward pass and again by the backward pass, which recomputes the
     * membrane rather than storing T*B*N values and reading them back.
     */
    private static void recurrence(Spec spec, FloatBuffer in, int b, float[] be, float[] th, float[] u, float[] sp) {
        int T = spec.steps(), B = spec.batch(), N = spec.neurons();
        boolean smooth = spec.spikeFn() == SpikeFn.SMOOTH, stat = spec.staticInput();
        Surrogate sur = spec.surrogate();
        ResetMode reset = spec.reset();
        for (int t = 0; t < T; t++) {
            int row = t * N, prev = row - N, inRow = stat ? b * N : (t * B + b) * N;
            if (t == 0) {
                for (int n = 0; n < N; n++) u[n] = in.get(inRow + n);
            } else if (reset == ResetMode.SUBTRACT) {
                for (int n = 0; n < N; n++) u[row + n] = in.get(inRow + n) + be[n] * u[prev + n] - th[n] * sp[prev + n];
            } else if (reset == ResetMode.ZERO) {
                for (int n = 0; n < N; n++) u[row + n] = in.get(inRow + n) + be[n] * u[prev + n] * (1 - sp[prev + n]);
            } else {
                for (int n = 0; n < N; n++) u[row + n] = in.get(inRow + n) + be[n] * u[prev + n];
            }
            if (smooth) for (int n = 0; n < N; n++) sp[row + n] = (float) sur.primitive(u[row + n] - th[n]);
            else for (int n = 0; n < N; n++) sp[row + n] = u[row + n] > th[n] ? 1f : 0f;
        }
    }

    @Override
    public Grads backward(Spec spec, State st, INDArray gradSpikes, INDArray gradMembrane,
                          INDArray beta, INDArray threshold) {
        int T = spec.steps(), B = spec.batch(), N = spec.neurons();
        FloatBuffer in = contiguous(st.current()).data().asNioFloat();
        INDArray gSd = gradSpikes == null ? null : FusedLifKernel.contiguous(gradSpikes);
        FloatBuffer gS = gSd == null ? null : gSd.data().asNioFloat();
        FloatBuffer gM = gradMembrane == null ? null : nio(gradMembrane);
        boolean stat = spec.staticInput();
        INDArray gIn = FusedLifKernel.inputGrad(stat, gSd, T, B, N);
        FloatBuffer gI = gIn.data().asNioFloat();
        float[] be = heap(beta), th = heap(threshold);
        int chunks = (B + CHUNK - 1) / CHUNK;
        double[][] gThr = new double[chunks][N], gBeta = new double[chunks][N];
        Surrogate sur = spec.surrogate();
        ResetMode reset = spec.reset();
        boolean detach = spec.detachReset();
        parallel(B, (b0, b1) -> {
            int c = b0 / CHUNK;
            double[] gt = gThr[c], gb = gBeta[c];
            float[] u = new float[T * N], sp = new float[T * N];
            float[] next = new float[N], acc = new float[N]; // dL/du[t+1]; time-summed input gradient
            for (int b = b0; b < b1; b++) {
                recurrence(spec, in, b, be, th, u, sp);
                java.util.Arrays.fill(next, 0f);
                java.util.Arrays.fill(acc, 0f);
                for (int t = T - 1; t >= 0; t--) {
                    int row = (t * B + b) * N, k = t * N, kp = k - N;
                    for (int n = 0; n < N; n++) {
                        float un = u[k + n], sn = sp[k + n], gn = next[n];
                        float gs = gS == null ? 0f : gS.get(row + n);
                        if (!detach) {
                            if (reset == ResetMode.SUBTRACT) gs -= gn * th[n];
                            else if (reset == ResetMode.ZERO) gs -= gn * be[n] * un;
                        }
                        float gsSg = gs * (float) sur.grad(un - th[n]);
                        float gu = gsSg + gn * be[n] * (reset == ResetMode.ZERO ? 1 - sn : 1f);
                        if (gM != null) gu += gM.get(row + n);
                        gt[n] -= gsSg;
                        if (reset == ResetMode.SUBTRACT) gt[n] -= gn * sn;
                        if (t > 0) gb[n] += gu * (reset == ResetMode.ZERO ? u[kp + n] * (1 - sp[kp + n]) : u[kp + n]);
                        next[n] = gu;
                        acc[n] += gu;
                    }
                    if (!stat) gI.put(row, next, 0, N);
                }
                if (stat) gI.put(b * N, acc, 0, N);
            }
        });
        return new Grads(gIn, reduce(gThr, N), reduce(gBeta, N));
    }

    /**
     * Where the input gradient goes: a static input's {@code [B, N]} sum; else the incoming spike
     * gradient's own buffer (the layer may overwrite it, {@link org.snnlab.core.Forward#backward}),
     * which is safe because each row {@code (t, b)} of dL/ds is read just before row {@code (t, b)} of
     * dL/dI is written, and saves a {@code [T*B, N]} array per layer; else a new array.
     */
    static INDArray inputGrad(boolean stat, INDArray gradSpikes, int T, int B, int N) {
        if (stat) return Nd4j.zeros(DataType.FLOAT, B, N);
        if (gradSpikes != null && gradSpikes.length() == (long) T * B * N) return gradSpikes.reshape('c', (long) T * B, N);
        return Nd4j.createUninitialized(DataType.FLOAT, (long) T * B, N);
    }

    private static INDArray reduce(double[][] parts, int n) {
        float[] out = new float[n];
        for (double[] p : parts) for (int i = 0; i < n; i++) out[i] += (float) p[i];
        return Nd4j.createFromArray(out);
    }

    interface RangeBody { void run(int from, int to); }

    /** Runs {@code body} over batch rows in chunks of {@link #CHUNK}, on the common fork-join pool. */
    static void parallel(int batch, RangeBody body) {
        int chunks = (batch + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> body.run(c * CHUNK, Math.min(batch, (c + 1) * CHUNK)));
    }
}
