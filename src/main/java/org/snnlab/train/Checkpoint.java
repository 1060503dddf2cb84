package org.snnlab.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.core.Param;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A training checkpoint: the epochs completed, the optimizer step count, a fingerprint of the
 * configuration, every parameter and buffer, the optimizer state, other state of the run, and the
 * CRC32 of the metrics.csv bytes it goes with. Format 2, big-endian:
 * <pre>
 *   UTF "SNNLAB-CKPT-2" | int epochsDone | long iteration | UTF fingerprint | long metricsCrc
 *   | long payloadLength | payload (params, optimizer, extra: int count, then UTF name + ND4J array each)
 *   | long crc32 of every byte before it
 * </pre>
 * Written to {@code checkpoint.bin.tmp}, fsynced and renamed atomically, so a kill at any moment leaves
 * either the old or the new checkpoint, whole. {@link #read} checks the length and the checksum before
 * trusting a byte of the payload; a truncated, garbled or old-format file is refused in one line naming
 * the file, the offset and what is wrong.
 *
 * @param epochsDone  number of finished epochs
 * @param iteration   optimizer steps taken
 * @param fingerprint the run configuration it belongs to (resuming a different run is refused)
 * @param params      parameter values by name
 * @param optimizer   optimizer state by name
 * @param extra       other state of the run by name (the pruning scoreboard); empty for runs that have none
 * @param metricsCrc  CRC32 of metrics.csv (header and the {@code epochsDone} rows) when it was written; -1 = not recorded
 */
public record Checkpoint(int epochsDone, long iteration, String fingerprint, Map<String, INDArray> params,
                         Map<String, INDArray> optimizer, Map<String, INDArray> extra, long metricsCrc) {
    static final String MAGIC = "SNNLAB-CKPT-2";
    private static final String OLD_MAGIC = "SNNLAB-CKPT-1";

    public Checkpoint {
        if (epochsDone < 0 || iteration < 0 || fingerprint == null || params == null || optimizer == null || extra == null)
            throw new IllegalArgumentException("bad checkpoint: epochs " + epochsDone + ", iteration " + iteration);
    }

    public static Checkpoint capture(int epochsDone, long iteration, String fingerprint, List<Param> params,
                                     Map<String, INDArray> optimizerState) {
        return capture(epochsDone, iteration, fingerprint, params, optimizerState, Map.of(), -1);
    }

    /** As {@link #capture(int, long, String, List, Map)} with other state of the run and the metrics.csv checksum. */
    public static Checkpoint capture(int epochsDone, long iteration, String fingerprint, List<Param> params,
                                     Map<String, INDArray> optimizerState, Map<String, INDArray> extra, long metricsCrc) {
        Map<String, INDArray> p = new LinkedHashMap<>();
        for (Param x : params) p.put(x.name(), x.value());
        return new Checkpoint(epochsDone, iteration, fingerprint, p, optimizerState, extra, metricsCrc);
    }

    /** Writes {@code file.tmp}, fsyncs it, renames it over {@code file} (the old checkpoint stays until then). */
    public void write(Path file) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(payload)) {
            writeMap(out, params);
            writeMap(out, optimizer);
            writeMap(out, extra);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(payload.size() + 256);
        try (DataOutputStream out = new DataOutputStream(all)) {
            out.writeUTF(MAGIC);
            out.writeInt(epochsDone);
            out.writeLong(iteration);
            out.writeUTF(fingerprint);
            out.writeLong(metricsCrc);
            out.writeLong(payload.size());
            payload.writeTo(out);
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(all.toByteArray());
            out.writeLong(crc.getValue());
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(all.toByteArray());
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncFolder(file.toAbsolutePath().getParent());
    }

    /** Makes the rename durable (Linux: fsync of the folder); a file system that cannot is left as it is. */
    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // not supported here (e.g. Windows): the rename is still atomic
        }
    }

    private static void writeMap(DataOutputStream out, Map<String, INDArray> m) throws IOException {
        out.writeInt(m.size());
        for (var e : m.entrySet()) {
            out.writeUTF(e.getKey());
            Nd4j.write(e.getValue(), out);
        }
    }

    /**
     * Reads and verifies {@code file}.
     *
     * @throws IOException one line naming the file and what is wrong: not a checkpoint, old format,
     *                     truncated (declared and found lengths), trailing bytes, checksum mismatch, garbled payload
     */
    public static Checkpoint read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 16)
            throw new IOException(file + ": " + size + " bytes, larger than a checkpoint can be (2 GiB); not a snnlab checkpoint");
        byte[] b = Files.readAllBytes(file);
        Cursor in = new Cursor(b);
        String magic;
        try {
            magic = in.data.readUTF();
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a snnlab checkpoint (no magic at offset 0, " + b.length + " bytes)");
        }
        if (OLD_MAGIC.equals(magic))
            throw new IOException(file + ": checkpoint in the old format 1 (no checksum); it cannot be verified:"
                    + " delete it to start again, or keep it with the snnlab version that wrote it");
        if (!MAGIC.equals(magic)) throw new IOException(file + ": not a snnlab checkpoint (magic '" + clip(magic) + "' at offset 0)");
        int epochs;
        long it, metricsCrc, payloadLen;
        String fp;
        int lenAt;
        try {
            epochs = in.data.readInt();
            it = in.data.readLong();
            fp = in.data.readUTF();
            metricsCrc = in.data.readLong();
            lenAt = in.offset();
            payloadLen = in.data.readLong();
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": truncated checkpoint header (" + b.length + " bytes; cut at offset " + in.offset() + ")");
        }
        long expected = (long) in.offset() + payloadLen + 8;
        if (payloadLen < 0 || expected > b.length)
            throw new IOException(file + ": truncated checkpoint: the length field at offset " + lenAt + " declares a payload of "
                    + payloadLen + " bytes (file of " + expected + " bytes), the file has " + b.length);
        if (expected < b.length)
            throw new IOException(file + ": " + (b.length - expected) + " unexpected bytes after the checksum at offset " + (expected - 8));
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 8);
        long stored = ByteBuffer.wrap(b, b.length - 8, 8).getLong();
        if (stored != crc.getValue())
            throw new IOException(file + ": checksum mismatch: crc32 at offset " + (b.length - 8) + " is " + Long.toHexString(stored)
                    + ", bytes 0.." + (b.length - 9) + " give " + Long.toHexString(crc.getValue()) + " (the file is corrupted)");
        try {
            Map<String, INDArray> params = readMap(in), opt = readMap(in), extra = readMap(in);
            if (in.offset() != b.length - 8) throw new IOException("payload ends at offset " + in.offset() + ", expected " + (b.length - 8));
            return new Checkpoint(epochs, it, fp, params, opt, extra, metricsCrc);
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": garbled checkpoint payload at offset " + in.offset() + " (" + clip(String.valueOf(e.getMessage())) + ")");
        }
    }

    private static String clip(String s) {
        s = s.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private static Map<String, INDArray> readMap(Cursor in) throws IOException {
        int n = in.data.readInt();
        if (n < 0 || n > in.remaining()) throw new IOException("entry count " + n);
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) m.put(in.data.readUTF(), Nd4j.read(in.data));
        return m;
    }

    /** A data stream over bytes that knows its offset. */
    private static final class Cursor {
        final ByteArrayInputStream bytes;
        final DataInputStream data;
        final int length;

        Cursor(byte[] b) {
            this.bytes = new ByteArrayInputStream(b);
            this.data = new DataInputStream(bytes);
            this.length = b.length;
        }

        int remaining() { return bytes.available(); }

        int offset() { return length - bytes.available(); }
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
