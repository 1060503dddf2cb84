package org.snnlab.data.download;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unpacking real .tar.gz / .zip / .gz archives made here; zip slip and truncation leave nothing behind. */
class ArchivesTest {
    @TempDir
    Path dir;

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    static Map<String, byte[]> content() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("set/readme.txt", "hello".getBytes(StandardCharsets.US_ASCII));
        m.put("set/a/one.bin", bytes(100_000, 1));
        m.put("set/a/b/two.bin", bytes(3, 2));
        m.put("set/empty.bin", new byte[0]);
        return m;
    }

    /** A tar (gzipped when the name says so) of {@code files}, with a directory entry first. */
    static Path tar(Path file, Map<String, byte[]> files) throws IOException {
        boolean gz = file.toString().endsWith("gz");
        try (OutputStream raw = Files.newOutputStream(file); OutputStream o = gz ? new GZIPOutputStream(raw) : raw;
             TarArchiveOutputStream t = new TarArchiveOutputStream(o)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            t.putArchiveEntry(new TarArchiveEntry("set/"));
            t.closeArchiveEntry();
            for (var e : files.entrySet()) {
                TarArchiveEntry te = new TarArchiveEntry(e.getKey());
                te.setSize(e.getValue().length);
                t.putArchiveEntry(te);
                t.write(e.getValue());
                t.closeArchiveEntry();
            }
        }
        return file;
    }

    static Path zip(Path file, Map<String, byte[]> files) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var e : files.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return file;
    }

    private void assertUnpacked(Path dest, Map<String, byte[]> files, Archives.Unpacked u) throws IOException {
        for (var e : files.entrySet()) assertArrayEquals(e.getValue(), Files.readAllBytes(dest.resolve(e.getKey())), e.getKey());
        assertEquals(files.size(), u.files().size());
        assertEquals(List.of(), leftovers(dest), "no staging folder left");
    }

    private static List<Path> leftovers(Path dest) throws IOException {
        if (!Files.exists(dest)) return List.of();
        try (Stream<Path> s = Files.list(dest)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".unpack-")).toList();
        }
    }

    @Test
    void unpacksTarGzTarZipAndGz() throws IOException {
        Map<String, byte[]> files = content();
        for (String name : List.of("x.tar.gz", "x.tgz", "x.tar")) {
            Path dest = dir.resolve("out-" + name);
            Archives.Unpacked u = Archives.unpack(tar(dir.resolve(name), files), dest);
            assertUnpacked(dest, files, u);
            assertTrue(Archives.isUnpacked(dest, name));
            assertEquals(files.size(), Files.readAllLines(Archives.marker(dest, name)).size());
        }
        Path dest = dir.resolve("out-zip");
        assertUnpacked(dest, files, Archives.unpack(zip(dir.resolve("x.zip"), files), dest));
        byte[] body = bytes(5000, 3);
        Path gz = dir.resolve("shd_train.h5.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(body);
        }
        Archives.unpack(gz, dir.resolve("out-gz"));
        assertArrayEquals(body, Files.readAllBytes(dir.resolve("out-gz/shd_train.h5")));
        Archives.unpack(zip(dir.resolve("x.zip"), Map.of("set/readme.txt", new byte[]{9})), dir.resolve("out-zip"));
        assertArrayEquals(new byte[]{9}, Files.readAllBytes(dir.resolve("out-zip/set/readme.txt")), "existing files are replaced");
    }

    @Test
    void zipSlipIsRefusedAndNothingIsWritten() throws IOException {
        Path dest = dir.resolve("a/b/dest");
        for (String evil : List.of("../evil.txt", "set/../../evil.txt", "../../b/x.txt")) {
            Map<String, byte[]> files = new LinkedHashMap<>(content());
            files.put(evil, "pwned".getBytes(StandardCharsets.US_ASCII));
            for (Path archive : List.of(zip(dir.resolve("slip.zip"), files), tar(dir.resolve("slip.tar.gz"), files))) {
                IOException e = assertThrows(IOException.class, () -> Archives.unpack(archive, dest));
                String m = e.getMessage();
                assertTrue(m.contains(archive.toString()) && m.contains("'" + evil + "'") && m.contains("zip slip"), m);
                assertFalse(m.contains("\n"), m);
                assertFalse(Files.exists(dir.resolve("a/b/evil.txt")) || Files.exists(dir.resolve("a/evil.txt"))
                        || Files.exists(dir.resolve("a/b/x.txt")));
                try (Stream<Path> s = Files.list(dest)) {
                    assertEquals(List.of(), s.toList(), "nothing unpacked, no staging left, no marker");
                }
            }
        }
    }

    @Test
    void truncatedArchivesNameTheFileAndLeaveNothing() throws IOException {
        Map<String, byte[]> files = content();
        Path good = tar(dir.resolve("t.tar.gz"), files);
        byte[] all = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.tar.gz"), Arrays.copyOf(all, all.length / 2));
        Path dest = dir.resolve("dest");
        IOException e = assertThrows(IOException.class, () -> Archives.unpack(cut, dest));
        assertTrue(e.getMessage().contains(cut.toString()) && e.getMessage().contains("truncated or corrupt")
                && e.getMessage().contains("at byte"), e.getMessage());
        try (Stream<Path> s = Files.list(dest)) {
            assertEquals(List.of(), s.toList());
        }
        byte[] z = Files.readAllBytes(zip(dir.resolve("z.zip"), files));
        Path cutZip = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(z, z.length - 30));
        IOException ze = assertThrows(IOException.class, () -> Archives.unpack(cutZip, dest));
        assertTrue(ze.getMessage().contains(cutZip.toString()) && ze.getMessage().contains("zip"), ze.getMessage());
        Path gz = Files.write(dir.resolve("cut.h5.gz"), Arrays.copyOf(all, 40));
        IOException ge = assertThrows(IOException.class, () -> Archives.unpack(gz, dest));
        assertTrue(ge.getMessage().contains("truncated or corrupt"), ge.getMessage());
        try (Stream<Path> s = Files.list(dest)) {
            assertEquals(List.of(), s.toList());
        }
        assertThrows(IllegalArgumentException.class, () -> Archives.unpack(dir.resolve("x.rar"), dest));
    }
}
