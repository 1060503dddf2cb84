package org.snnlab.data.download;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.cli.Main;
import org.snnlab.data.Cifar;
import org.snnlab.data.CifarBin;
import org.snnlab.data.DataCatalog;
import org.snnlab.data.InMemoryDataset;
import org.snnlab.data.Split;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Download + unpack end to end (file:// sources), checksum rejection, offline messages, `data download` and `data list`. */
class DownloadCommandTest {
    @TempDir
    Path dir;

    static String digest(String alg, byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(b));
    }

    /** A cifar-10-binary.tar.gz in the true layout, with {@code n} records per file. */
    private Path cifarArchive(int n) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Path tmp = Files.createDirectories(dir.resolve("make"));
        for (String f : Cifar.files(CifarBin.Layout.CIFAR10, Split.TRAIN)) files.put(f, null);
        files.put("test_batch.bin", null);
        int k = 0;
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String f : files.keySet()) {
            Path p = tmp.resolve(f);
            CifarBin.write(p, org.snnlab.data.CifarFixtures.records(CifarBin.Layout.CIFAR10, n, k++));
            entries.put("cifar-10-batches-bin/" + f, Files.readAllBytes(p));
        }
        return ArchivesTest.tar(dir.resolve("cifar-10-binary.tar.gz"), entries);
    }

    @Test
    void downloadsVerifiesUnpacksAndLoadsCifar() throws Exception {
        Path archive = cifarArchive(4);
        byte[] b = Files.readAllBytes(archive);
        DatasetInfo info = new DatasetInfo("cifar-10", List.of(RemoteFile.of(archive.getFileName().toString(), archive.toUri().toString(),
                digest("SHA-256", b), digest("MD5", b), b.length).unpacked()), "none", "test", "test");
        Downloader d = new Downloader(List.of(dir.resolve("data")), false);
        Path got = d.prepare(info);
        assertEquals(dir.resolve("data/cifar-10"), got);
        InMemoryDataset train = Cifar.load10(got, Split.TRAIN);
        assertEquals(20, train.size());
        assertEquals(4, Cifar.load10(got, Split.TEST).size());
        assertTrue(d.log().stream().anyMatch(l -> l.contains("unpacked 6 files")), d.log().toString());
        Files.delete(got.resolve(archive.getFileName()));
        assertEquals(got, d.locate(info), "the unpack marker stands for a deleted archive");
        assertEquals(got, new Downloader(List.of(dir.resolve("data")), true).prepare(info), "present: no network needed");
    }

    @Test
    void checksumMismatchLeavesNoFileAtTheFinalPath() throws Exception {
        Path archive = cifarArchive(1);
        byte[] b = Files.readAllBytes(archive);
        String url = archive.toUri().toString();
        for (RemoteFile bad : List.of(RemoteFile.of("c.tar.gz", url, "0".repeat(64), null, b.length),
                RemoteFile.of("c.tar.gz", url, null, "0".repeat(32), b.length),
                RemoteFile.of("c.tar.gz", url, digest("SHA-256", b), "0".repeat(32), b.length))) {
            Downloader d = new Downloader(List.of(dir.resolve("data")), false);
            DatasetInfo info = new DatasetInfo("bad", List.of(bad.unpacked()), "none", "test", "test");
            IOException e = assertThrows(IOException.class, () -> d.prepare(info));
            assertTrue(e.getMessage().contains("mismatch") && e.getMessage().contains("not kept"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("data/bad/c.tar.gz")));
            try (Stream<Path> s = Files.list(dir.resolve("data/bad"))) {
                assertEquals(List.of(), s.toList(), "no partial file either");
            }
        }
    }

    @Test
    void unreachableServerGivesOneLineNamingWhatWhereAndWhither() {
        DatasetInfo info = new DatasetInfo("toy", List.of(RemoteFile.of("x.tar.gz", "http://127.0.0.1:1/x", null, null, -1)), "none", "t", "t");
        IOException e = assertThrows(IOException.class, () -> new Downloader(List.of(dir.resolve("data")), false).prepare(info));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.contains("download failed") && m.contains("http://127.0.0.1:1/x") && m.contains(dir.resolve("data/toy").toString()), m);
        assertFalse(Files.exists(dir.resolve("data/toy/x.tar.gz")));
    }

    private static String[] run(int expect, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream o = System.out, e = System.err;
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            assertEquals(expect, Main.run(args), err.toString());
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
        return new String[]{out.toString(), err.toString()};
    }

    @Test
    void downloadCommandOfflineSaysWhatToFetchWithExitCode2() {
        String err = run(2, "data", "download", "cifar-100", "--dir", dir.toString(), "--offline")[1];
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("offline") && err.contains("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz")
                && err.contains(dir.resolve("cifar-100").toString()), err);
        assertTrue(run(2, "data", "download", "imagenet")[1].contains("unknown data set 'imagenet'"));
        String manual = run(2, "data", "download", "n-mnist", "--dir", dir.toString())[1];
        assertTrue(manual.contains("needs a browser") && manual.contains("mendeley"), manual);
    }

    @Test
    void listAndDownloadSeeWhatIsPresent() throws IOException {
        Path cifar = Files.createDirectories(dir.resolve("cifar-10"));
        Files.writeString(Archives.marker(cifar, "cifar-10-binary.tar.gz"), "cifar-10-batches-bin/test_batch.bin\n");
        String out = run(0, "data", "download", "cifar-10", "--dir", dir.toString(), "--offline")[0];
        assertTrue(out.contains("\"status\":\"present\"") && out.contains(cifar.toString()), out);
        String table = run(0, "data", "list", "--dir", dir.toString())[0];
        String row = table.lines().filter(l -> l.startsWith("cifar-10 ")).findFirst().orElseThrow();
        assertTrue(row.contains("yes") && row.contains(cifar.toString()) && row.contains("170.1 MB"), row);
        List<String> json = run(0, "data", "list", "--dir", dir.toString(), "--json")[0].lines().toList();
        assertEquals(DataCatalog.downloads().size(), json.size());
        String c100 = json.stream().filter(l -> l.contains("\"name\":\"cifar-100\"")).findFirst().orElseThrow();
        assertTrue(c100.contains("\"present\":\"no\""), c100);
        assertNull(new Downloader(List.of(dir), true).locate(DataCatalog.download("cifar-100")));
    }
}
