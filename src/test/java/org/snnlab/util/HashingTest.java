package org.snnlab.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** SHA-256 hex against the FIPS 180-2 test vectors, for bytes, strings and concatenated files. */
class HashingTest {
    static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void knownVectors() {
        assertEquals(EMPTY, Hashing.sha256Hex(new byte[0]));
        assertEquals(ABC, Hashing.sha256Hex("abc"));
        assertEquals(ABC, Hashing.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", Hashing.hex(Hashing.digest("MD5").digest("abc".getBytes(StandardCharsets.US_ASCII))));
        assertThrows(IllegalArgumentException.class, () -> Hashing.digest("NO-SUCH-HASH"));
    }

    @Test
    void filesAreHashedAsTheirConcatenation(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a"), "a"), bc = Files.writeString(dir.resolve("bc"), "bc");
        assertEquals(ABC, Hashing.sha256Hex(a, bc));
        byte[] big = new byte[(1 << 16) * 2 + 7]; // crosses the read-block boundary
        for (int i = 0; i < big.length; i++) big[i] = (byte) (i * 31);
        assertEquals(Hashing.sha256Hex(big), Hashing.sha256Hex(Files.write(dir.resolve("big"), big)));
        assertEquals(EMPTY, Hashing.sha256Hex(new Path[0]));
    }
}
