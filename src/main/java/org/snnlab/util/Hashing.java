package org.snnlab.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 in one place, as lower-case hex (64 digits): of bytes, of a string's UTF-8 bytes, or of the
 * concatenated bytes of files (streamed). Every checksum and id in snnlab (data set checksums, cache
 * keys, run fingerprints, trial ids, download verification) is one of these.
 */
public final class Hashing {
    private Hashing() { }

    /** {@code sha256(bytes)} as hex. */
    public static String sha256Hex(byte[] bytes) {
        return hex(digest("SHA-256").digest(bytes));
    }

    /** {@code sha256(utf8(text))} as hex. */
    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** sha256 over the bytes of the given files, in order, as hex (read in 64 KB blocks). */
    public static String sha256Hex(Path... files) throws IOException {
        MessageDigest md = digest("SHA-256");
        byte[] buf = new byte[1 << 16];
        for (Path f : files)
            try (InputStream in = Files.newInputStream(f)) {
                for (int k; (k = in.read(buf)) >= 0; ) md.update(buf, 0, k);
            }
        return hex(md.digest());
    }

    /** A fresh digest of a standard algorithm ({@code "SHA-256"}, {@code "MD5"}), for streaming. */
    public static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("no message digest '" + algorithm + "' in this JVM", e);
        }
    }

    /** Lower-case hex of a digest. */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
