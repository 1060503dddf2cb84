package org.snnlab.optim;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** When the optimizers may update raw float buffers in one loop instead of a chain of ND4J ops. */
final class Fused {
    static final boolean ENABLED = !"false".equals(System.getProperty("snnlab.fused"));

    private Fused() { }

    static boolean applies(INDArray... arrays) {
        if (!ENABLED || !Nd4j.getEnvironment().isCPU()) return false;
        for (INDArray a : arrays)
            if (a.dataType() != DataType.FLOAT || !org.snnlab.util.Buffers.isDense(a)) return false;
        return true;
    }
}
