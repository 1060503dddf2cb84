// snnlab kernel start-up script: the notebook imports, preloaded by the "snnlab" kernel
// (RJK_INIT_SCRIPT) and the "snnlab-jjava" kernel (JJAVA_STARTUP_SCRIPTS_PATH). Notebooks still
// start with their own import cell, so they also run in a plain JShell (NotebooksCompileTest).
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.data.*;
import org.snnlab.layer.*;
import org.snnlab.loss.*;
import org.snnlab.core.*;
import org.snnlab.model.*;
import org.snnlab.interop.*;
import org.snnlab.neuron.*;
import org.snnlab.notebook.*;
import org.snnlab.optim.*;
import org.snnlab.optim.lr.*;
import org.snnlab.train.*;
import java.nio.file.*;
import java.util.*;
