package org.snnlab.layer;

import org.snnlab.core.Layer;
import org.snnlab.core.Forward;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fully connected synapses {@code y = x W + b} applied to all T*B rows in ONE matrix multiply
 * (multi-step mode). Backward: {@code dW = x^T dy}, {@code db = 1^T dy} (a GEMV, not a slow column
 * sum), {@code dx = dy W^T} only when the input needs a gradient. A static input stays static.
 * Weight layout {@code [in, out]}; PyTorch's Linear stores the transpose. Opt-in
 * ({@link org.snnlab.core.ComputeOptions#sparse()} in the pass): for a binary spike input of density
 * <= 25% both products skip the zeros ({@link SpikeMatmul}); the GEMMs are the twin a test holds it equal to.
 * With {@link org.snnlab.core.ComputeOptions#vector()} on, the bias is written into the output before
 * the GEMM adds {@code x W} to it, and its gradient is a SIMD column sum ({@link BiasRows}; the ND4J
 * ops are their twin). A narrow layer (a 512 -> 10 classifier head) is three sgemm calls too: with the
 * output in the step workspace they beat SIMD loops on the same threads (2026-12-02, 2 threads, 3200
 * rows: 0.40 / 0.46 / 0.37 ms against 0.77 / 1.4 / 0.55 ms for the forward, weight and input products).
 */
public final class Dense implements Layer {
    private final int in;
    private final int out;
    private final Param weight;
    private final Param bias;
    private WeightQuantizer quantizer;
    private String name = "dense";

    public Dense(int in, int out, boolean bias, DataType dtype, SplittableRandom rng) {
        if (in < 1 || out < 1) throw new IllegalArgumentException("Dense sizes must be >= 1, got " + in + "x" + out);
        this.in = in;
        this.out = out;
        this.weight = Param.trainable("weight", Param.Role.WEIGHT, Init.uniformFanIn(rng, dtype, in, in, out));
        this.bias = bias ? Param.trainable("bias", Param.Role.BIAS, Init.uniformFanIn(rng, dtype, in, 1, out)) : null;
    }

    public Param weight() { return weight; }

    /** Trains this layer's weights quantization-aware ({@link WeightQuantizer}); returns this layer. */
    public Dense quantized(WeightQuantizer q) {
        this.quantizer = q;
        return this;
    }

    public WeightQuantizer quantizer() { return quantizer; }

    public Param bias() { return bias; }

    @Override
    public Forward forward(Seq input, Pass pass) {
        if (input.features() != in)
            throw new IllegalArgumentException("Dense expects " + in + " input features, got " + input.features());
        INDArray x = input.data().reshape('c', input.data().size(0), in);
        INDArray w = quantizer == null ? weight.value() : quantizer.quantize(weight.value());
        boolean vector = pass.compute().vector();
        SpikeMatmul.Csr spikes = SpikeMatmul.binaryCsr(x, pass.compute()); // binary, sparse input: add rows, skip zeros
        OpTally.dense(pass, name, input, x, out, spikes == null ? -1 : spikes.rowStart()[spikes.rows()]); // the CSR already counted the spikes
        INDArray y;
        if (spikes != null) {
            y = SpikeMatmul.forward(spikes, w, bias == null ? null : bias.value(), vector);
        } else {
            y = Nd4j.createUninitialized(x.dataType(), x.size(0), out);
            boolean biasFirst = bias != null && vector && BiasRows.applies(y);
            if (biasFirst) BiasRows.fill(y, bias.value()); // y = b, then y += x W: no zeroing pass, no second pass
            Nd4j.gemm(x, w, y, false, false, 1.0, biasFirst ? 1.0 : 0.0); // BLAS sgemm straight into y
            if (bias != null && !biasFirst) y.addiRowVector(bias.value());
        }
        Seq output = new Seq(y, input.steps(), input.isStatic());
        return new Forward() {
            public Seq output() { return output; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                INDArray g = grad.data().reshape('c', grad.data().size(0), out);
                if (grad.isStatic() != input.isStatic())
                    throw new IllegalStateException("Dense: gradient layout (static=" + grad.isStatic()
                            + ") differs from its input's");
                if (spikes != null) SpikeMatmul.accumulateWeightGrad(spikes, g, weight.grad(), vector);
                else gemmInto(x, g, true, weight); // dW += x^T dy, no temporary
                if (bias != null && vector && BiasRows.applies(g)) {
                    Param.Accumulator acc = bias.accumulator();
                    BiasRows.columnSums(g, acc.array(), acc.beta());
                } else if (bias != null) gemmInto(Nd4j.ones(g.dataType(), 1, g.size(0)), g, false, bias);
                if (!needInputGrad) return null;
                INDArray gx = Nd4j.createUninitialized(g.dataType(), g.size(0), in);
                Nd4j.gemm(g, w, gx, false, true, 1.0, 0.0); // dx = dy W^T (W quantized when QAT)
                gx = gx.reshape('c', input.data().shape());
                return new Seq(gx, input.steps(), input.isStatic());
            }
        };
    }

    /** {@code p.grad += op(a) b} by one GEMM (overwriting instead when the gradient was just zeroed). */
    private static void gemmInto(INDArray a, INDArray b, boolean transposeA, Param p) {
        Param.Accumulator acc = p.accumulator();
        Nd4j.gemm(a, b, acc.array(), transposeA, false, 1.0, acc.beta());
    }

    @Override
    public long[] outputShape(long[] inputShape) { return new long[]{out}; }

    @Override
    public List<Param> params() {
        List<Param> p = new ArrayList<>(List.of(weight));
        if (bias != null) p.add(bias);
        return p;
    }

    @Override
    public String type() { return "Dense"; }

    @Override
    public void bindName(String n) { this.name = n; }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("in", in);
        m.put("out", out);
        m.put("bias", bias != null);
        if (quantizer != null) m.put("quantization", quantizer.describe());
        return m;
    }
}
