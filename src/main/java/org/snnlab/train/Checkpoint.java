package org.snnlab.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Param;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training checkpoint: the epochs completed, the optimizer step count, a fingerprint of the
 * configuration, every parameter and buffer, and the optimizer state. Written to a temporary file
 * and renamed atomically, so a kill at any moment leaves either the old or the new checkpoint.
 *
 * @param epochsDone  number of finished epochs
 * @param iteration   optimizer steps taken
 * @param fingerprint the run configuration it belongs to (resuming a different run is refused)
 * @param params      parameter values by name
 * @param optimizer   optimizer state by name
 * @param extra       other state of the run by name (the pruning scoreboard); written after the
 *                    optimizer state, absent (empty) in checkpoints of runs that have none
 */
public record Checkpoint(int epochsDone, long iteration, String fingerprint, Map<String, INDArray> params,
                         Map<String, INDArray> optimizer, Map<String, INDArray> extra) {
    private static final String MAGIC = "SNNLAB-CKPT-1";

    public static Checkpoint capture(int epochsDone, long iteration, String fingerprint, List<Param> params,
                                     Map<String, INDArray> optimizerState) {
        return capture(epochsDone, iteration, fingerprint, params, optimizerState, Map.of());
    }

    /** As {@link #capture(int, long, String, List, Map)} with other state of the run ({@code extra}). */
    public static Checkpoint capture(int epochsDone, long iteration, String fingerprint, List<Param> params,
                                     Map<String, INDArray> optimizerState, Map<String, INDArray> extra) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        for (Param x : params) p.put(x.name(), x.value());
        return new Checkpoint(epochsDone, iteration, fingerprint, p, optimizerState, extra);
    }

    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeUTF(MAGIC);
            out.writeInt(epochsDone);
            out.writeLong(iteration);
            out.writeUTF(fingerprint);
            writeMap(out, params);
            writeMap(out, optimizer);
            if (!extra.isEmpty()) writeMap(out, extra); // none: the same bytes as before extra state existed
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeMap(DataOutputStream out, Map<String, INDArray> m) throws IOException {
        out.writeInt(m.size());
        for (var e : m.entrySet()) {
            out.writeUTF(e.getKey());
            Nd4j.write(e.getValue(), out);
        }
    }

    public static Checkpoint read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) throw new IOException(file + ": not a snnlab checkpoint (magic '" + magic + "')");
            int epochs = in.readInt();
            long it = in.readLong();
            String fp = in.readUTF();
            Map<String, INDArray> params = readMap(in), opt = readMap(in);
            return new Checkpoint(epochs, it, fp, params, opt, in.available() > 0 ? readMap(in) : Map.of());
        } catch (EOFException e) {
            throw new IOException(file + ": truncated checkpoint (" + Files.size(file) + " bytes)", e);
        }
    }

    private static Map<String, INDArray> readMap(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) m.put(in.readUTF(), Nd4j.read(in));
        return m;
    }

    /** Copies the saved values into the live parameters; every parameter must be present with its shape. */
    public void restoreInto(List<Param> live, Path file) {
        for (Param p : live) {
            INDArray v = params.get(p.name());
            if (v == null) throw new IllegalStateException(file + ": checkpoint has no parameter " + p.name());
            if (!java.util.Arrays.equals(v.shape(), p.value().shape()))
                throw new IllegalStateException(file + ": parameter " + p.name() + " has shape "
                        + java.util.Arrays.toString(v.shape()) + ", model expects " + java.util.Arrays.toString(p.value().shape()));
            p.value().assign(v);
        }
    }
}
