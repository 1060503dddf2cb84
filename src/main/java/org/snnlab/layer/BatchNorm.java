package org.snnlab.layer;

import org.snnlab.core.Layer;
import org.snnlab.core.Forward;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch normalisation (Ioffe and Szegedy 2015) with statistics over all T*B rows (the multi-step
 * convention) and, for {@code [rows, C, H, W]}, over H and W too:
 * <pre>  xhat = (x - mu_c) / sqrt(var_c + eps),  y = gamma_c xhat + beta_c
 *   dx = gamma / (M sqrt(var + eps)) (M dy - sum dy - xhat sum(dy xhat))</pre>
 * A static input stays static: T identical copies have the copy's mean and variance, and the formula
 * applied to the time-summed gradient gives exactly the summed gradient of the expanded input. Running
 * statistics follow PyTorch (momentum 0.1, unbiased running variance over all T*B*H*W values).
 * Float32 on a CPU runs the fused loops of {@link FusedBatchNorm} when the pass's compute options say
 * {@code fused}; the ND4J ops are its twin.
 */
public final class BatchNorm implements Layer {
    private final int channels;
    private final double eps;
    private final double momentum;
    private final Param gamma;
    private final Param beta;
    private final Param runningMean;
    private final Param runningVar;

    public BatchNorm(int channels, double eps, double momentum, DataType dtype) {
        if (channels < 1) throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        if (!(eps > 0)) throw new IllegalArgumentException("eps must be > 0, got " + eps);
        if (!(momentum >= 0 && momentum <= 1)) throw new IllegalArgumentException("momentum must be in [0,1], got " + momentum);
        this.channels = channels;
        this.eps = eps;
        this.momentum = momentum;
        this.gamma = Param.trainable("gamma", Param.Role.SCALE, Nd4j.ones(dtype, channels));
        this.beta = Param.trainable("beta", Param.Role.SHIFT, Nd4j.zeros(dtype, channels));
        this.runningMean = Param.buffer("running_mean", Nd4j.zeros(dtype, channels));
        this.runningVar = Param.buffer("running_var", Nd4j.ones(dtype, channels));
    }

    private static INDArray bcast(INDArray x3, INDArray v, String op) {
        return switch (op) {
            case "sub" -> Nd4j.exec(new BroadcastSubOp(x3, v, x3, 1));
            case "mul" -> Nd4j.exec(new BroadcastMulOp(x3, v, x3, 1));
            default -> Nd4j.exec(new BroadcastAddOp(x3, v, x3, 1));
        };
    }

    @Override
    public Forward forward(Seq input, Pass pass) {
        INDArray x = input.data();
        if (x.size(1) != channels)
            throw new IllegalArgumentException("BatchNorm expects " + channels + " channels, got shape " + java.util.Arrays.toString(x.shape()));
        if (FusedBatchNorm.applies(x, pass.compute())) return fused(input, pass);
        long m = x.length() / channels;
        INDArray mean, var;
        if (pass.training()) {
            mean = Ops.channelSum(x, channels).divi(m);
            INDArray xc = bcast(Ops.asNcs(x.dup('c'), channels), mean, "sub");
            var = Ops.channelSum(xc.mul(xc), channels).divi(m);
            updateRunning(mean, var, input.isStatic() ? m * input.steps() : m);
        } else {
            mean = runningMean.value();
            var = runningVar.value();
        }
        INDArray invStd = Transforms.pow(var.add(eps), -0.5, false);
        INDArray xhat = bcast(bcast(Ops.asNcs(x.dup('c'), channels), mean, "sub"), invStd, "mul");
        INDArray y = bcast(bcast(xhat.dup(), gamma.value(), "mul"), beta.value(), "add").reshape('c', x.shape());
        Seq out = new Seq(y, input.steps(), input.isStatic());
        boolean training = pass.training();
        return new Forward() {
            public Seq output() { return out; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                Ops.checkLayout("BatchNorm", grad, input);
                INDArray dy = Ops.asNcs(grad.data().dup('c'), channels);
                INDArray sumDy = Ops.channelSum(dy, channels);
                INDArray sumDyXhat = Ops.channelSum(dy.mul(xhat), channels);
                gamma.grad().addi(sumDyXhat);
                beta.grad().addi(sumDy);
                if (!needInputGrad) return null;
                INDArray scale = invStd.mul(gamma.value());
                INDArray dx;
                if (training) {
                    // dx = scale/M (M dy - sum dy - xhat sum(dy xhat))
                    INDArray t = bcast(xhat.dup(), sumDyXhat, "mul");
                    dx = bcast(bcast(dy.mul(m).subi(t), sumDy, "sub"), scale.div(m), "mul");
                } else {
                    dx = bcast(dy, scale, "mul");
                }
                return new Seq(dx.reshape('c', x.shape()), input.steps(), input.isStatic());
            }
        };
    }

    private Forward fused(Seq input, Pass pass) {
        INDArray x = input.data();
        long m = x.length() / channels;
        float[] mean, var;
        if (pass.training()) {
            double[][] st = FusedBatchNorm.stats(x, channels);
            mean = floats(st[0]);
            var = floats(st[1]);
            updateRunning(Nd4j.createFromArray(mean).castTo(runningMean.value().dataType()),
                    Nd4j.createFromArray(var).castTo(runningVar.value().dataType()), input.isStatic() ? m * input.steps() : m);
        } else {
            mean = runningMean.value().toFloatVector();
            var = runningVar.value().toFloatVector();
        }
        float[] invStd = new float[channels], g = gamma.value().toFloatVector();
        for (int c = 0; c < channels; c++) invStd[c] = (float) (1 / Math.sqrt(var[c] + eps));
        INDArray y = FusedBatchNorm.normalize(x, channels, mean, invStd, g, beta.value().toFloatVector());
        Seq out = new Seq(y, input.steps(), input.isStatic());
        boolean training = pass.training();
        return new Forward() {
            public Seq output() { return out; }

            public Seq backward(Seq grad, boolean needInputGrad) {
                Ops.checkLayout("BatchNorm", grad, input);
                double[] dG = new double[channels], dB = new double[channels];
                INDArray dx = FusedBatchNorm.backward(x, grad.data(), channels, mean, invStd, g, dG, dB, training, needInputGrad);
                gamma.grad().addi(Nd4j.createFromArray(dG).castTo(gamma.grad().dataType()));
                beta.grad().addi(Nd4j.createFromArray(dB).castTo(beta.grad().dataType()));
                return dx == null ? null : new Seq(dx, input.steps(), input.isStatic());
            }
        };
    }

    private static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return f;
    }

    private void updateRunning(INDArray mean, INDArray var, long n) {
        double unbias = n > 1 ? (double) n / (n - 1) : 1;
        runningMean.value().muli(1 - momentum).addi(mean.mul(momentum));
        runningVar.value().muli(1 - momentum).addi(var.mul(momentum * unbias));
    }

    @Override
    public long[] outputShape(long[] in) { return in.clone(); }

    @Override
    public List<Param> params() { return List.of(gamma, beta, runningMean, runningVar); }

    @Override
    public String type() { return "BatchNorm"; }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("channels", channels);
        s.put("eps", eps);
        s.put("momentum", momentum);
        return s;
    }
}
