package org.snnlab.neuron;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.ComputeOptions;
import org.snnlab.core.Forward;
import org.snnlab.core.Layer;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layer of leaky integrate-and-fire neurons over T steps (snnTorch Leaky, SpikingJelly LIFNode in
 * multi-step mode). With beta = 1 it is the IF neuron. The membrane starts at 0 in every forward pass
 * and lives only inside that pass. See {@link LifKernel} for the equations and {@link LifConfig} for
 * the options; with {@code learnThreshold} theta gets {@code dL/dtheta = -sum surrogate'(u - theta) dL/ds}
 * (plus the reset term), which is Rouser's threshold gradient.
 */
public final class Lif implements Layer {
    private final int size;
    private final LifConfig config;
    private final INDArray beta;
    private final INDArray threshold;
    private final List<Param> params = new ArrayList<>();
    private String name = "lif";
    private LifKernel kernel;

    /**
     * @param size   neurons per example (features of the input, e.g. C*H*W after a convolution)
     * @param config hyper-parameters
     * @param dtype  FLOAT for training, DOUBLE for gradient checks
     */
    public Lif(int size, LifConfig config, DataType dtype) {
        if (size < 1) throw new IllegalArgumentException("LIF size must be >= 1, got " + size);
        this.size = size;
        this.config = config;
        this.beta = Nd4j.valueArrayOf(new long[]{size}, config.beta(), dtype);
        this.threshold = Nd4j.valueArrayOf(new long[]{size}, config.threshold(), dtype);
        if (config.learnThreshold()) params.add(Param.trainable("threshold", Param.Role.THRESHOLD, threshold));
        if (config.learnBeta()) params.add(Param.trainable("beta", Param.Role.LEAK, beta));
    }

    /** Forces one kernel whatever the pass's compute options (tests compare each kernel with its ND4J twin). */
    public Lif withKernel(LifKernel k) {
        this.kernel = k;
        return this;
    }

    public LifConfig config() { return config; }

    /** Neurons per example. */
    public int size() { return size; }

    /** The layer's name in its model. */
    public String name() { return name; }

    /**
     * The neuron state at a segment boundary, or the gradient of the loss with respect to it: the
     * membrane {@code u} and the spikes {@code s} of one step, {@code [B, N]} each.
     */
    public record Carry(INDArray membrane, INDArray spikes) { }

    /** The forward record of one segment of steps ({@link #forwardSegment}). */
    public interface Segment extends Forward {
        /**
         * BPTT through the segment. {@code fromNext}: dL/du and dL/ds of this segment's last step from
         * the segment after it (null for the last one); {@code toPrevious} receives the same for the
         * previous segment's last step (null for the first segment). The incoming gradient may be
         * overwritten.
         */
        Seq backward(Seq grad, boolean needInputGrad, Carry fromNext, Carry toPrevious);
    }

    /**
     * The forward pass over one segment of steps that continues from {@code start}, the state the
     * previous segment ended in (null: from rest, as {@link #forward}); when {@code endInto} is not
     * null, this segment's last membrane and spikes are written into it. Time-loop checkpointing
     * ({@code org.snnlab.model.TimeCheckpoint}) runs a long sequence as such segments; the equations
     * are in {@link LifSegment}.
     */
    public Segment forwardSegment(Seq input, Pass pass, Carry start, Carry endInto) {
        if (input.features() != size)
            throw new IllegalArgumentException(name + ": expected " + size + " features, got " + input.features());
        return new LifSegment(this, kernel, input, pass, start, endInto);
    }

    /** Live per-neuron thresholds {@code [N]}. */
    public INDArray threshold() { return threshold; }

    /** Live per-neuron retention {@code [N]}. */
    public INDArray beta() { return beta; }

    /**
     * The kernel the options choose: SIMD loops when {@code vector} (Heaviside spikes), else fused scalar
     * loops when {@code fused} (both CPU float32 only), else ND4J ops.
     */
    static LifKernel kernelFor(LifKernel.Spec spec, INDArray current, INDArray beta, ComputeOptions compute) {
        if (!compute.fused() || !FusedLifKernel.supports(current) || !FusedLifKernel.supports(beta)) return new Nd4jLifKernel();
        return compute.vector() && VectorLifKernel.handles(spec) ? new VectorLifKernel() : new FusedLifKernel();
    }

    @Override
    public Forward forward(Seq input, Pass pass) {
        if (input.features() != size)
            throw new IllegalArgumentException(name + ": expected " + size + " features, got " + input.features());
        long[] featureShape = input.featureShape();
        int B = input.batch(), T = input.steps();
        LifKernel.Spec spec = new LifKernel.Spec(T, B, size, input.isStatic(), config.reset(), config.detachReset(),
                config.surrogate(), config.spikeFn(), config.output() == LifConfig.Output.MEMBRANE,
                config.learnThreshold() || config.learnBeta());
        LifKernel k = kernel != null ? kernel : kernelFor(spec, input.data(), beta, pass.compute());
        LifKernel.State st = k.forward(spec, input.data(), beta, threshold);
        recordStats(st.spikes(), T, B, pass);
        boolean mem = config.output() == LifConfig.Output.MEMBRANE;
        Seq out = Seq.of(mem ? st.membrane() : st.spikes(), T).reshapeFeatures(featureShape);
        return new Forward() {
            public Seq output() { return out; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                INDArray g = grad.expand().data().reshape('c', (long) T * B, size);
                LifKernel.Grads gr = k.backward(spec, st, mem ? null : g, mem ? g : null, beta, threshold);
                if (config.learnThreshold()) params.get(0).grad().addi(gr.threshold());
                if (config.learnBeta()) params.get(params.size() - 1).grad().addi(gr.beta());
                if (!needInputGrad) return null;
                INDArray gi = gr.input();
                return new Seq(gi.reshape('c', prepend(gi.size(0), featureShape)), T, input.isStatic());
            }
        };
    }

    private void recordStats(INDArray spikes, int T, int B, Pass pass) {
        recordStats(name, size, spikes, T, B, pass);
    }

    /**
     * Spike counts per neuron, per example and per (step, example) of a {@code [T*B, size]} spike array
     * into {@code pass.stats()}: every kernel (ND4J, fused, SIMD) and every neuron built on this one
     * (CubaLif, RecurrentLif) reports through here, from the spikes its forward pass already holds.
     */
    static void recordStats(String name, int size, INDArray spikes, int T, int B, Pass pass) {
        if (pass.stats() == org.snnlab.core.ActivityStats.NONE) return;
        SpikeCounts c = SpikeCounts.of(spikes.rank() == 2 ? spikes : spikes.reshape('c', (long) T * B, size), T, B, pass.compute());
        if (pass.stats().countsOps()) { // the next layer's operation count takes the total (in double: exact)
            double total = 0;
            for (double v : c.perNeuron().toDoubleVector()) total += v;
            pass.ledger().record(spikes, total);
        }
        pass.stats().record(name, c.perNeuron(), c.perExample(), T);
        pass.stats().recordSteps(name, c.perStep());
    }

    static long[] prepend(long first, long[] rest) {
        long[] s = new long[rest.length + 1];
        s[0] = first;
        System.arraycopy(rest, 0, s, 1, rest.length);
        return s;
    }

    @Override
    public long[] outputShape(long[] inputShape) { return inputShape.clone(); }

    @Override
    public List<Param> params() { return params; }

    @Override
    public String type() { return "Lif"; }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", size);
        m.putAll(config.spec());
        m.put("output", config.output().name());
        return m;
    }

    @Override
    public void bindName(String n) { this.name = n; }
}
