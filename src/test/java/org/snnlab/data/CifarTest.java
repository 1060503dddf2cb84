package org.snnlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CIFAR-10/100 binary records: fixtures in the true format, byte-exact round trips, one-line errors. */
class CifarTest {
    @TempDir
    Path dir;

    static CifarBin.Records records(CifarBin.Layout layout, int n, long seed) {
        return CifarFixtures.records(layout, n, seed);
    }

    /** The record bytes written by hand (not by {@link CifarBin#write}): labels then the R, G, B planes. */
    static byte[] handWritten(CifarBin.Records r) {
        int lb = r.layout() == CifarBin.Layout.CIFAR100 ? 2 : 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < r.count(); i++) {
            if (lb == 2) out.write(r.coarse()[i]);
            out.write(r.labels()[i]);
            out.write(r.pixels(), i * 3072, 3072);
        }
        return out.toByteArray();
    }

    @Test
    void roundTripsBothLayoutsByteExactly() throws IOException {
        for (CifarBin.Layout layout : CifarBin.Layout.values()) {
            CifarBin.Records r = records(layout, 7, 11);
            Path f = dir.resolve(layout + ".bin");
            CifarBin.write(f, r);
            assertArrayEquals(handWritten(r), Files.readAllBytes(f), "the writer produces the documented layout");
            assertEquals(7L * layout.recordBytes(), Files.size(f));
            CifarBin.Records back = CifarBin.read(f, layout);
            assertEquals(7, back.count());
            assertArrayEquals(r.pixels(), back.pixels());
            assertArrayEquals(r.labels(), back.labels());
            if (layout == CifarBin.Layout.CIFAR100) assertArrayEquals(r.coarse(), back.coarse());
            else assertNull(back.coarse());
            Path again = dir.resolve(layout + "-again.bin");
            CifarBin.write(again, back);
            assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(again));
        }
    }

    @Test
    void cifar10DatasetFromTheUnpackedArchiveLayout() throws IOException {
        Path bins = Files.createDirectories(dir.resolve("cifar-10/cifar-10-batches-bin"));
        CifarBin.Records[] parts = new CifarBin.Records[5];
        for (int k = 0; k < 5; k++) CifarBin.write(bins.resolve("data_batch_" + (k + 1) + ".bin"), parts[k] = records(CifarBin.Layout.CIFAR10, 3, k));
        CifarBin.Records test = records(CifarBin.Layout.CIFAR10, 4, 99);
        CifarBin.write(bins.resolve("test_batch.bin"), test);
        InMemoryDataset train = Cifar.load10(dir.resolve("cifar-10"), Split.TRAIN);
        assertEquals(15, train.size());
        assertArrayEquals(new long[]{3, 32, 32}, train.shape());
        assertEquals(10, train.classes());
        assertEquals("cifar-10-train", train.name());
        float[] f = new float[3072];
        train.copyFeatures(7, f, 0); // batch 3 (index 2), record 1
        CifarBin.Records r = parts[2];
        assertEquals(r.labels()[1], train.label(7));
        assertEquals(r.pixel(1, 0, 0, 0) / 255f, f[0], 0, "red plane first");
        assertEquals(r.pixel(1, 1, 5, 7) / 255f, f[1024 + 5 * 32 + 7], 0, "green, row 5, column 7");
        assertEquals(r.pixel(1, 2, 31, 31) / 255f, f[3071], 0, "blue last");
        InMemoryDataset t = Cifar.load10(bins, Split.TEST);
        assertEquals(4, t.size());
        assertEquals(FashionMnist.sha256(bins.resolve("test_batch.bin")), t.checksum());
        assertNotEquals(train.checksum(), t.checksum());
        Files.delete(bins.resolve("data_batch_4.bin"));
        IOException e = assertThrows(IOException.class, () -> Cifar.load10(bins, Split.TRAIN));
        assertTrue(e.getMessage().contains("missing data_batch_4.bin"), e.getMessage());
    }

    @Test
    void cifar100FineAndCoarse() throws IOException {
        Path bins = Files.createDirectories(dir.resolve("cifar-100-binary"));
        CifarBin.Records r = records(CifarBin.Layout.CIFAR100, 30, 5);
        CifarBin.write(bins.resolve("train.bin"), r);
        CifarBin.write(bins.resolve("test.bin"), records(CifarBin.Layout.CIFAR100, 2, 6));
        InMemoryDataset fine = Cifar.load100(dir, Split.TRAIN, Cifar.Labels.FINE), coarse = Cifar.load100(dir, Split.TRAIN, Cifar.Labels.COARSE);
        assertEquals(100, fine.classes());
        assertEquals(20, coarse.classes());
        assertEquals("cifar-100-coarse-train", coarse.name());
        for (int i = 0; i < 30; i++) {
            assertEquals(r.labels()[i], fine.label(i));
            assertEquals(r.coarse()[i], coarse.label(i));
        }
        float[] a = new float[3072], b = new float[3072];
        fine.copyFeatures(29, a, 0);
        coarse.copyFeatures(29, b, 0);
        assertArrayEquals(a, b);
        assertEquals(r.pixel(29, 2, 10, 3) / 255f, a[2048 + 323], 0);
        assertEquals(2, Cifar.load100(bins, Split.TEST, Cifar.Labels.FINE).size());
    }

    @Test
    void emptyTruncatedAndBadLabelsNameTheFileAndByte() throws IOException {
        byte[] ten = handWritten(records(CifarBin.Layout.CIFAR10, 3, 1));
        assertError(write("empty/data_batch_1.bin", new byte[0]), CifarBin.Layout.CIFAR10, "empty file", "at byte 0");
        assertError(write("t/data_batch_1.bin", Arrays.copyOf(ten, ten.length - 100)), CifarBin.Layout.CIFAR10,
                "truncated record", "at byte 6146");
        byte[] badLabel = ten.clone();
        badLabel[3073] = 10;
        assertError(write("l/test_batch.bin", badLabel), CifarBin.Layout.CIFAR10, "label 10", "at byte 3073", "record 1");
        byte[] hundred = handWritten(records(CifarBin.Layout.CIFAR100, 2, 1));
        byte[] badCoarse = hundred.clone(), badFine = hundred.clone();
        badCoarse[3074] = 20;
        badFine[1] = (byte) 200;
        assertError(write("c/train.bin", badCoarse), CifarBin.Layout.CIFAR100, "coarse label 20", "at byte 3074");
        assertError(write("f/test.bin", badFine), CifarBin.Layout.CIFAR100, "fine label 200", "at byte 1");
        assertError(write("t/train.bin", Arrays.copyOf(hundred, 3075)), CifarBin.Layout.CIFAR100, "truncated record", "at byte 3074");
        assertError(write("x/train.bin", ten), CifarBin.Layout.CIFAR100, "truncated record", "3074 bytes");
    }

    private Path write(String name, byte[] b) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, b);
    }

    /** The reader's IOException, and the CLI's single line with exit code 2, both name the file and the byte. */
    private static void assertError(Path file, CifarBin.Layout layout, String... parts) {
        IOException e = assertThrows(IOException.class, () -> CifarBin.read(file, layout));
        for (String p : parts) assertTrue(e.getMessage().contains(p), "lacks '" + p + "': " + e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertEquals(layout, CifarBin.layoutOf(file));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true));
        try {
            assertEquals(2, org.snnlab.cli.Main.run("data", "inspect", file.toString()));
        } finally {
            System.setErr(old);
        }
        String msg = err.toString();
        assertEquals(1, msg.lines().count(), msg);
        for (String p : parts) assertTrue(msg.contains(p) && msg.contains(file.toString()), msg);
    }

    @Test
    void inspectSummarisesRecordFilesAndFolders() throws IOException {
        Path bins = Files.createDirectories(dir.resolve("cifar-10-batches-bin"));
        for (int k = 1; k <= 5; k++) CifarBin.write(bins.resolve("data_batch_" + k + ".bin"), records(CifarBin.Layout.CIFAR10, 2, k));
        CifarBin.write(bins.resolve("test_batch.bin"), records(CifarBin.Layout.CIFAR10, 3, 0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true));
        try {
            assertEquals(0, org.snnlab.cli.Main.run("data", "inspect", bins.resolve("test_batch.bin").toString()));
            assertEquals(0, org.snnlab.cli.Main.run("data", "inspect", dir.toString()));
        } finally {
            System.setOut(old);
        }
        String[] lines = out.toString().strip().split("\n");
        assertTrue(lines[0].contains("\"format\":\"cifar-10-bin\"") && lines[0].contains("\"records\":3"), lines[0]);
        assertTrue(lines[1].contains("\"format\":\"cifar-10\"") && lines[1].contains("\"train\":10") && lines[1].contains("\"test\":3"), lines[1]);
    }
}
