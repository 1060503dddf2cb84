package org.snnlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IDX headers whose counts overflow or promise more than the file holds are refused before anything is allocated. */
class IdxOverflowTest {
    @TempDir
    Path dir;

    private Path header(String name, int n, int rows, int cols, int body, boolean gz) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16 + body).putInt(Idx.IMAGES_MAGIC).putInt(n).putInt(rows).putInt(cols);
        byte[] bytes = b.array();
        if (gz) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(bytes);
            }
            bytes = out.toByteArray();
        }
        return Files.write(dir.resolve(name), bytes);
    }

    private static void refused(Path f, String... parts) {
        IOException e = assertThrows(IOException.class, () -> Idx.readImages(f));
        String m = e.getMessage();
        assertTrue(m.startsWith(f + ": "), m);
        assertEquals(1, m.lines().count(), m);
        for (String p : parts) assertTrue(m.contains(p), m);
    }

    @Test
    void countsWhoseProductWrapsAroundAreRefused() throws IOException {
        for (boolean gz : new boolean[]{false, true}) {
            // 2^22 * 2^21 * 2^21 = 2^64 wraps to 0 in a long: once accepted as 4M empty images
            refused(header("wrap0" + gz, 1 << 22, 1 << 21, 1 << 21, 0, gz), "at byte 4", "18446744073709551616 pixel bytes",
                    "more than one array holds");
            // (2^31-1)^3 wraps to a negative long: once a NegativeArraySizeException
            refused(header("neg" + gz, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 0, gz), "at byte 4", "more than one array holds");
            refused(header("big" + gz, 70_000, 100, 1000, 8, gz), "at byte 4", "7000000000 pixel bytes");
        }
    }

    @Test
    void aHeaderPromisingMoreThanTheStreamHoldsNamesTheOffset() throws IOException {
        refused(header("short", 1000, 28, 28, 100, false), "truncated at byte 116", "1000 images of 28x28", "784016 bytes");
        refused(header("short.gz", 1000, 28, 28, 100, true), "truncated at byte 116 of the decompressed data", "1000 images of 28x28");
        Path ok = header("ok.gz", 2, 2, 3, 12, true);
        assertEquals(2, Idx.readImages(ok).count(), "a valid gzip file still reads");
    }

    @Test
    void theImagesRecordRefusesOverflowingDimensionsToo() {
        assertThrows(IllegalArgumentException.class, () -> new Idx.Images(1 << 22, 1 << 21, 1 << 21, new byte[0]));
    }
}
