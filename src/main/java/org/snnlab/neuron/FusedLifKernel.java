package org.snnlab.neuron;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * {@link LifKernel} as one hand-fused loop over raw float buffers (zero-copy views of ND4J's
 * off-heap memory): no temporaries per time step, the batch split across cores. Same equations as
 * {@link Nd4jLifKernel}, which a test holds it equal to; float32, C-order arrays only.
 */
public final class FusedLifKernel implements LifKernel {

    /** Batch rows handled per parallel task. */
    private static final int CHUNK = 16;

    /** Whether the fused path can take this array (float32 on a CPU backend; copied to C-order if needed). */
    public static boolean supports(INDArray a) {
        return a.dataType() == DataType.FLOAT && Nd4j.getEnvironment().isCPU();
    }

    static INDArray contiguous(INDArray a) {
        return (a.isView() || a.ordering() != 'c' || a.offset() != 0) ? a.dup('c') : a;
    }

    static FloatBuffer buf(INDArray a) {
        return a.data().asNioFloat();
    }

    static float[] floats(INDArray v) {
        return contiguous(v).data().asFloat();
    }

    @Override
    public State forward(Spec spec, INDArray current, INDArray beta, INDArray threshold) {
        int T = spec.steps(), B = spec.batch(), N = spec.neurons();
        FloatBuffer in = buf(contiguous(current));
        INDArray spikes = Nd4j.createUninitialized(DataType.FLOAT, (long) T * B, N);
        INDArray mem = Nd4j.createUninitialized(DataType.FLOAT, (long) T * B, N);
        FloatBuffer s = buf(spikes), u = buf(mem);
        float[] be = floats(beta), th = floats(threshold);
        boolean smooth = spec.spikeFn() == SpikeFn.SMOOTH;
        Surrogate sur = spec.surrogate();
        parallel(B, (b0, b1) -> {
            for (int t = 0; t < T; t++) {
                for (int b = b0; b < b1; b++) {
                    int row = (t * B + b) * N, prev = row - B * N;
                    int inRow = spec.staticInput() ? b * N : row;
                    for (int n = 0; n < N; n++) {
                        float x = in.get(inRow + n);
                        if (t > 0) {
                            float up = u.get(prev + n), sp = s.get(prev + n);
                            x += switch (spec.reset()) {
                                case SUBTRACT -> be[n] * up - th[n] * sp;
                                case ZERO -> be[n] * up * (1 - sp);
                                case NONE -> be[n] * up;
                            };
                        }
                        u.put(row + n, x);
                        float d = x - th[n];
                        s.put(row + n, smooth ? (float) sur.primitive(d) : (d > 0 ? 1f : 0f));
                    }
                }
            }
        });
        return new State(spikes, mem);
    }

    @Override
    public Grads backward(Spec spec, State st, INDArray gradSpikes, INDArray gradMembrane,
                          INDArray beta, INDArray threshold) {
        int T = spec.steps(), B = spec.batch(), N = spec.neurons();
        FloatBuffer u = buf(st.membrane()), s = buf(st.spikes());
        FloatBuffer gS = gradSpikes == null ? null : buf(contiguous(gradSpikes));
        FloatBuffer gM = gradMembrane == null ? null : buf(contiguous(gradMembrane));
        INDArray gIn = spec.staticInput() ? Nd4j.zeros(DataType.FLOAT, B, N)
                : Nd4j.createUninitialized(DataType.FLOAT, (long) T * B, N);
        FloatBuffer gI = buf(gIn);
        float[] be = floats(beta), th = floats(threshold);
        int chunks = (B + CHUNK - 1) / CHUNK;
        double[][] gThr = new double[chunks][N], gBeta = new double[chunks][N];
        Surrogate sur = spec.surrogate();
        ResetMode reset = spec.reset();
        boolean detach = spec.detachReset(), stat = spec.staticInput();
        parallel(B, (b0, b1) -> {
            int c = b0 / CHUNK;
            double[] gt = gThr[c], gb = gBeta[c];
            float[] next = new float[(b1 - b0) * N]; // dL/du[t+1] for this chunk's rows
            for (int t = T - 1; t >= 0; t--) {
                for (int b = b0; b < b1; b++) {
                    int row = (t * B + b) * N, prev = row - B * N, k0 = (b - b0) * N;
                    for (int n = 0; n < N; n++) {
                        float un = u.get(row + n), sn = s.get(row + n), gn = next[k0 + n];
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
                        if (t > 0) {
                            float up = u.get(prev + n);
                            gb[n] += gu * (reset == ResetMode.ZERO ? up * (1 - s.get(prev + n)) : up);
                        }
                        if (stat) gI.put(b * N + n, gI.get(b * N + n) + gu);
                        else gI.put(row + n, gu);
                        next[k0 + n] = gu;
                    }
                }
            }
        });
        return new Grads(gIn, reduce(gThr, N), reduce(gBeta, N));
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
