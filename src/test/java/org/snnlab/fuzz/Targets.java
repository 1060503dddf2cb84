package org.snnlab.fuzz;

import org.snnlab.data.CacheFileAccess;
import org.snnlab.data.CifarBin;
import org.snnlab.data.CifarFixtures;
import org.snnlab.data.DataCache;
import org.snnlab.data.Idx;
import org.snnlab.data.InMemoryDataset;
import org.snnlab.data.event.Aedat31;
import org.snnlab.data.event.EventReadersTest;
import org.snnlab.data.event.Events;
import org.snnlab.data.event.NmnistBin;
import org.snnlab.data.event.PropheseeDat;
import org.snnlab.data.event.Shd;
import org.snnlab.interop.Nir;
import org.snnlab.sweep.Trial;
import org.snnlab.sweep.TrialResult;
import org.snnlab.sweep.TrialStore;
import org.snnlab.fuzz.FuzzTarget.Field;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** The readers the harness fuzzes, each with a valid fixture written here. Add a reader: add one entry to {@link #all}. */
final class Targets {
    private Targets() { }

    static List<FuzzTarget> all() {
        List<FuzzTarget> t = new ArrayList<>();
        t.add(FuzzTarget.of("n-mnist-bin", d -> write(d.resolve("a.bin"), f -> NmnistBin.write(f, EventReadersTest.random(34, 80, 200_000, 1))),
                NmnistBin::read));
        t.add(FuzzTarget.of("n-mnist-bin-frames", d -> write(d.resolve("a.bin"), f -> NmnistBin.write(f, EventReadersTest.random(34, 80, 200_000, 2))),
                f -> NmnistBin.binsInto(f, 4, false, new float[4 * 2 * 34 * 34], 0)));
        t.add(FuzzTarget.of("prophesee-dat", d -> write(d.resolve("a.dat"), f -> PropheseeDat.write(f, EventReadersTest.random(120, 60, (1L << 32) - 1, 3))),
                PropheseeDat::read));
        t.add(FuzzTarget.of("prophesee-dat-headerless", Targets::headerlessDat, PropheseeDat::read));
        t.add(FuzzTarget.of("aedat-3.1", d -> write(d.resolve("a.aedat"), f -> Aedat31.write(f, EventReadersTest.random(128, 60, 1L << 32, 4))),
                Aedat31::read).withFields(Targets::aedatFields));
        t.add(FuzzTarget.of("shd-hdf5", d -> copy("shd/shd_tiny.h5", d), Shd::read));
        for (boolean gz : new boolean[]{false, true}) {
            String s = gz ? "-gz" : "";
            t.add(FuzzTarget.of("idx-images" + s, d -> images(d, gz), Idx::readImages)
                    .withFields(b -> gz ? List.of() : List.of(Field.be32(0), Field.be32(4), Field.be32(8), Field.be32(12))));
            t.add(FuzzTarget.of("idx-labels" + s, d -> labels(d, gz), f -> Idx.readLabels(f, 10))
                    .withFields(b -> gz ? List.of() : List.of(Field.be32(0), Field.be32(4))));
        }
        t.add(FuzzTarget.of("idx-images", d -> images(d, false), Idx::readImages)
                .withFields(b -> List.of(Field.be32(4), Field.be32(8), Field.be32(12))).encodedBy("-inside-gz", Targets::gzip));
        t.add(FuzzTarget.of("cifar-10-bin", d -> cifar(d, "data_batch_1.bin", CifarBin.Layout.CIFAR10),
                f -> CifarBin.read(f, CifarBin.Layout.CIFAR10)));
        t.add(FuzzTarget.of("cifar-100-bin", d -> cifar(d, "train.bin", CifarBin.Layout.CIFAR100),
                f -> CifarBin.read(f, CifarBin.Layout.CIFAR100)));
        for (String nir : List.of("rleaky.nir", "snntorch_affine_lif.nir", "conv_sumpool_cubalif.nir"))
            t.add(FuzzTarget.of("nir-" + nir.replace(".nir", ""), d -> copy("nir/" + nir, d), Nir::load));
        t.add(FuzzTarget.of("nir-inspect", d -> copy("nir/rleaky.nir", d), Nir::inspect));
        t.add(FuzzTarget.of("sweep-done.json", d -> trialFile(d, "done.json"),
                f -> new TrialStore(f.getParent().getParent().getParent()).done(TRIAL)));
        t.add(FuzzTarget.of("sweep-result.json", d -> trialFile(d, "result.json"), f -> TrialStore.readResult(f.getParent())));
        t.add(FuzzTarget.of("sweep-trial.json", d -> trialFile(d, "trial.json"), f -> TrialStore.readTrial(f.getParent())));
        t.add(FuzzTarget.of("data-cache-entry", Targets::cacheEntry, CacheFileAccess::read).withFields(Targets::cacheFields));
        t.add(FuzzTarget.of("data-cache-header", Targets::cacheEntry, CacheFileAccess::header).withFields(Targets::cacheFields));
        t.add(FuzzTarget.of("checkpoint", Targets::checkpoint, org.snnlab.train.Checkpoint::read)
                .withFields(b -> List.of(new Field(37 + CKPT_FP.length(), 8, ByteOrder.BIG_ENDIAN), Field.be32(45 + CKPT_FP.length()))));
        t.add(FuzzTarget.of("metrics.csv", Targets::metrics,
                f -> new org.snnlab.train.MetricsCsv(f).resume(3, 30, -1, f.resolveSibling("checkpoint.bin"))));
        return t;
    }

    static final String CKPT_FP = "0123456789abcdef";

    private static Path checkpoint(Path dir) throws IOException {
        Path f = dir.resolve("checkpoint.bin");
        new org.snnlab.train.Checkpoint(3, 30, CKPT_FP, Map.of("w", org.nd4j.linalg.factory.Nd4j.rand(3, 4)),
                Map.of("w.m", org.nd4j.linalg.factory.Nd4j.zeros(3, 4)), Map.of(), 12345).write(f);
        return f;
    }

    private static Path metrics(Path dir) throws IOException {
        Path f = dir.resolve("metrics.csv");
        org.snnlab.train.MetricsCsv csv = new org.snnlab.train.MetricsCsv(f);
        for (int e = 0; e < 3; e++)
            csv.append(new org.snnlab.train.EpochMetrics(e, 10L * (e + 1), 1e-3, 1.5 / (e + 1), 0.5, 1.6e-5 * e, 0.6, 2.0,
                    Map.of("spike_rate/fc1", 0.1 * e)));
        return f;
    }

    // ---- fixtures ----

    interface FileWriter { void write(Path f) throws IOException; }

    private static Path write(Path f, FileWriter w) throws IOException {
        w.write(f);
        return f;
    }

    private static Path copy(String resource, Path dir) throws IOException {
        Path src = Path.of("src/test/resources", resource);
        return Files.copy(src, dir.resolve(src.getFileName()));
    }

    private static Path headerlessDat(Path dir) throws IOException {
        Events e = EventReadersTest.random(64, 40, 100_000, 5);
        ByteBuffer b = ByteBuffer.allocate(2 + 8 * e.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0).put((byte) 8);
        for (int i = 0; i < e.size(); i++) b.putInt((int) e.t(i)).putInt(e.x(i) | e.y(i) << 14 | e.p(i) << 28);
        return Files.write(dir.resolve("h.dat"), b.array());
    }

    private static Path images(Path dir, boolean gz) throws IOException {
        byte[] px = new byte[5 * 6 * 7];
        new java.util.SplittableRandom(6).nextBytes(px);
        Path f = dir.resolve("img-idx3-ubyte" + (gz ? ".gz" : ""));
        Idx.writeImages(f, 6, 7, px, gz);
        return f;
    }

    private static Path labels(Path dir, boolean gz) throws IOException {
        Path f = dir.resolve("lab-idx1-ubyte" + (gz ? ".gz" : ""));
        Idx.writeLabels(f, new int[]{3, 1, 4, 1, 5, 9, 2, 6}, gz);
        return f;
    }

    private static Path cifar(Path dir, String name, CifarBin.Layout layout) throws IOException {
        Path f = dir.resolve(name);
        CifarBin.write(f, CifarFixtures.records(layout, 3, 7));
        return f;
    }

    static final Trial TRIAL = new Trial(Map.of("model", "fc", "epochs", "2"), Map.of("lr", "1e-3"), 1);

    private static Path trialFile(Path dir, String name) throws IOException {
        TrialStore store = new TrialStore(dir);
        store.prepare(TRIAL);
        TrialResult r = new TrialResult(TrialResult.Status.DONE, 0.5, 0.6, 2, -1, 1.5, Double.NaN, 10, 0.01, "tdp", List.of(0.6, 0.5), "");
        store.markDone(TRIAL, r);
        TrialStore.writeResult(store.dir(TRIAL), r);
        return store.dir(TRIAL).resolve(name);
    }

    private static Path cacheEntry(Path dir) throws IOException {
        float[] x = new float[4 * 6];
        for (int i = 0; i < x.length; i++) x[i] = i / 3f;
        new DataCache(dir).get("key", () -> new InMemoryDataset("tiny", new long[]{2, 3}, 3, x, new int[]{2, 0, 1, 1}, "abc"));
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".snnds")).findFirst().orElseThrow();
        }
    }

    // ---- fields a reader trusts ----

    /** AEDAT: every packet header's eventSize, tsOverflow, capacity, number and valid. */
    private static List<Field> aedatFields(byte[] b) {
        int pos = indexOf(b, "#!END-HEADER\r\n".getBytes(StandardCharsets.US_ASCII)) + 14;
        List<Field> out = new ArrayList<>();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        while (pos + 28 <= b.length) {
            for (int k : new int[]{4, 12, 16, 20, 24}) out.add(Field.le32(pos + k));
            out.add(new Field(pos, 2, ByteOrder.LITTLE_ENDIAN));
            pos += 28 + bb.getInt(pos + 4) * bb.getInt(pos + 20);
        }
        return out;
    }

    /** A cache entry's text lengths, rank, dimensions, classes and count. */
    private static List<Field> cacheFields(byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        List<Field> out = new ArrayList<>();
        int pos = 8;
        for (int i = 0; i < 4; i++) {
            out.add(Field.le32(pos));
            pos += 4 + bb.getInt(pos);
        }
        out.add(Field.le32(pos));
        int rank = bb.getInt(pos);
        pos += 4;
        for (int i = 0; i < rank; i++, pos += 8) out.add(Field.le64(pos));
        out.add(Field.le32(pos));
        out.add(Field.le32(pos + 4));
        return out;
    }

    private static int indexOf(byte[] b, byte[] s) {
        outer:
        for (int i = 0; i + s.length <= b.length; i++) {
            for (int k = 0; k < s.length; k++) if (b[i + k] != s[k]) continue outer;
            return i;
        }
        throw new IllegalStateException("not found");
    }

    static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
