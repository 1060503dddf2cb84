package org.snnlab.layer;

import org.snnlab.core.Seq;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** Calls of libnd4j custom ops by name (conv2d, pooling), and per-channel reductions done as GEMVs. */
final class Ops {
    private Ops() { }

    static void exec(String op, INDArray[] inputs, INDArray[] outputs, int... iArgs) {
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder(op).addInputs(inputs).addOutputs(outputs);
        Nd4j.exec(b.addIntegerArguments(iArgs).build());
    }

    /**
     * Sum per channel of {@code x [N, C, ...]} over N and the trailing dims: {@code [C]}. Computed as
     * a GEMV with a ones vector (several times faster than ND4J's column sum on big arrays).
     */
    static INDArray channelSum(INDArray x, long channels) {
        long n = x.size(0), rest = x.length() / n;
        INDArray cols = Nd4j.ones(x.dataType(), 1, n).mmul(x.reshape('c', n, rest)); // [1, C*HW]
        return cols.reshape('c', channels, rest / channels).sum(1);
    }

    /**
     * The gradient of a layer's output must have the input's layout (a static input gets a static,
     * time-summed gradient); a mismatch would silently mix up rows, so it is refused.
     */
    static void checkLayout(String layer, org.snnlab.core.Seq grad, org.snnlab.core.Seq input) {
        if (grad.isStatic() != input.isStatic() || grad.data().size(0) != input.data().size(0))
            throw new IllegalStateException(layer + ": gradient layout (static=" + grad.isStatic() + ", rows="
                    + grad.data().size(0) + ") differs from its input's (static=" + input.isStatic() + ", rows="
                    + input.data().size(0) + ")");
    }

    /** {@code x [N, C, ...]} viewed as {@code [N, C, HW]}. */
    static INDArray asNcs(INDArray x, long channels) {
        long n = x.size(0);
        return x.reshape('c', n, channels, x.length() / n / channels);
    }
}
