package org.snnlab.data.download;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A local archive whose name says gzip but whose bytes do not: one line naming the file, byte 0 and what it seems to be. */
class ArchivesNotGzipTest {
    @TempDir
    Path dir;

    private String refused(String name, byte[] content) throws IOException {
        Path a = Files.write(dir.resolve(name), content);
        Path dest = dir.resolve("out-" + name);
        IOException e = assertThrows(IOException.class, () -> Archives.unpack(a, dest));
        String m = e.getMessage();
        assertTrue(m.startsWith(a + ": not a gzip archive: byte 0 starts"), m);
        assertTrue(m.contains("nothing unpacked"), m);
        assertEquals(1, m.lines().count(), m);
        try (Stream<Path> s = Files.list(dest)) {
            assertEquals(0, s.count(), "nothing written");
        }
        assertFalse(Archives.isUnpacked(dest, name));
        return m;
    }

    @Test
    void notGzipUnderAGzipName() throws IOException {
        assertTrue(refused("x.tar.gz", "<!DOCTYPE html><html>404</html>".getBytes()).contains("HTML"));
        assertTrue(refused("y.tgz", new byte[]{'P', 'K', 3, 4, 0, 0}).contains("50 4b 03 04") );
        assertTrue(refused("z.gz", "hello".getBytes()).contains("68 65 6c 6c"));
        Path empty = Files.write(dir.resolve("e.tar.gz"), new byte[0]);
        IOException e = assertThrows(IOException.class, () -> Archives.unpack(empty, dir.resolve("e")));
        assertTrue(e.getMessage().startsWith(empty + ": empty file (0 bytes at byte 0)"), e.getMessage());
    }
}
