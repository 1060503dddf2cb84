package org.snnlab.optim;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.ComputeOptions;

/**
 * When the optimizers may update raw float buffers in one loop instead of a chain of ND4J ops, and the
 * in-place ND4J primitive the op chains use.
 */
final class Fused {
    private Fused() { }

    /** Whether the options say {@code fused} and every array is a dense float32 buffer on a CPU. */
    static boolean applies(ComputeOptions compute, INDArray... arrays) {
        if (!compute.fused() || !Nd4j.getEnvironment().isCPU()) return false;
        for (INDArray a : arrays)
            if (a.dataType() != DataType.FLOAT || !org.snnlab.util.Buffers.isDense(a)) return false;
        return true;
    }

    /** {@code y += alpha x} in place: one native op, no temporary (the ND4J path of every optimizer). */
    static void axpy(double alpha, INDArray x, INDArray y) {
        Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy(x, y, y, alpha));
    }
}
