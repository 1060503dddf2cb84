package org.snnlab.data.download;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.data.DataCatalog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Offline-first lookup, download with checksum check and atomic rename, one-line messages. */
class DownloaderTest {
    @TempDir
    Path dir;

    static final byte[] BODY = "hello events".getBytes(StandardCharsets.US_ASCII);

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void downloadsVerifiesAndRejectsMismatch() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/f.bin", x -> {
            x.sendResponseHeaders(200, BODY.length);
            x.getResponseBody().write(BODY);
            x.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/f.bin";
            Downloader d = new Downloader(List.of(dir.resolve("a"), dir.resolve("b")), false);
            DatasetInfo good = new DatasetInfo("toy", List.of(RemoteFile.of("f.bin", url, sha256(BODY), null, BODY.length)), "MIT", "none", "test");
            Path got = d.fetch(good);
            assertEquals(dir.resolve("a/toy"), got);
            assertEquals(new String(BODY), Files.readString(got.resolve("f.bin")));
            DatasetInfo bad = new DatasetInfo("bad", List.of(RemoteFile.of("f.bin", url, "0".repeat(64), null, BODY.length)), "MIT", "none", "test");
            IOException ex = assertThrows(IOException.class, () -> d.fetch(bad));
            assertTrue(ex.getMessage().contains("sha256 mismatch") && ex.getMessage().contains(sha256(BODY)), ex.getMessage());
            try (var s = Files.list(dir.resolve("a/bad"))) {
                assertEquals(0, s.count(), "nothing left behind: no partial file, no target");
            }
            DatasetInfo unknown = new DatasetInfo("unknown", List.of(RemoteFile.of("f.bin", url, null, null, -1)), "MIT", "none", "test");
            d.fetch(unknown);
            assertTrue(d.log().get(0).contains(sha256(BODY)), d.log().toString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aWrongFileUnderTheExpectedNameIsNeitherPresentNorUnpacked() throws Exception {
        Path toy = dir.resolve("a/toy");
        Files.createDirectories(toy);
        Files.write(toy.resolve("f.zip"), "not the registered bytes".getBytes(StandardCharsets.US_ASCII));
        Downloader d = new Downloader(List.of(dir.resolve("a")), true);
        RemoteFile archive = new RemoteFile("f.zip", java.net.URI.create("http://127.0.0.1:9/f.zip"), sha256(BODY), null, BODY.length, false, true);
        DatasetInfo info = new DatasetInfo("toy", List.of(archive), "MIT", "none", "test");
        IOException e = assertThrows(IOException.class, () -> d.fetch(info));
        assertTrue(e.getMessage().contains("f.zip: sha256 mismatch: expected " + sha256(BODY) + ", found "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        Files.write(toy.resolve("f.zip"), BODY); // the right bytes: present, and stamped so the next look does not hash again
        assertEquals(toy, d.fetch(info));
        assertTrue(Files.isRegularFile(toy.resolve(".f.zip.verified")));
        assertEquals(toy, d.locate(info));
    }

    @Test
    void offlineFindsLocalCopiesOrSaysWhatToFetch() throws Exception {
        Path src = Files.write(dir.resolve("src.bin"), BODY);
        DatasetInfo toy = new DatasetInfo("toy", List.of(RemoteFile.of("f.bin", src.toUri().toString(), sha256(BODY), null, BODY.length)), "MIT", "none", "test");
        Downloader off = new Downloader(List.of(dir.resolve("data"), dir.resolve("env")), true);
        IOException ex = assertThrows(IOException.class, () -> off.fetch(toy));
        String m = ex.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.contains("offline") && m.contains(src.toUri().toString()) && m.contains(dir.resolve("data/toy").toString()), m);
        Files.createDirectories(dir.resolve("env/toy"));
        Files.write(dir.resolve("env/toy/f.bin"), BODY);
        assertEquals(dir.resolve("env/toy"), off.fetch(toy), "a copy in a later root is used, no network");
        Path online = new Downloader(List.of(dir.resolve("fresh")), false).fetch(toy);
        assertTrue(Files.isRegularFile(online.resolve("f.bin")), "file:// URL downloads");
    }

    @Test
    void registryHasTheDataSetsAndManualOnesExplain() {
        for (String n : List.of("n-mnist", "ncars", "dvs-gesture", "shd", "cifar-10", "cifar-100", "mnist", "fashion-mnist")) {
            DatasetInfo d = DataCatalog.download(n);
            assertNotNull(d.citation());
            assertFalse(d.licence().isBlank());
        }
        assertThrows(IllegalArgumentException.class, () -> DataCatalog.download("imagenet"));
        Downloader d = new Downloader(List.of(dir), false);
        IOException ex = assertThrows(IOException.class, () -> d.fetch(DataCatalog.download("ncars")));
        assertTrue(ex.getMessage().contains("needs a browser") && ex.getMessage().contains("prophesee.ai"), ex.getMessage());
    }
}
