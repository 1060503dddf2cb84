package org.snnlab.data.event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Error messages that name the file and the byte offset. */
public final class Bytes {
    /** The largest file one read can hold: a Java array has at most about 2^31 elements. */
    public static final long MAX_READ = Integer.MAX_VALUE - 16;

    private Bytes() { }

    /**
     * All bytes of {@code file}, or an {@link IOException} naming the file and its size when it is too
     * large for one array (2 GiB): the readers of whole recordings refuse such a file in one line instead
     * of failing with {@code OutOfMemoryError: Requested array size exceeds VM limit}.
     *
     * @param format what the file should be, for the message (e.g. "an N-MNIST .bin recording")
     */
    public static byte[] readAll(Path file, String format) throws IOException {
        long size = Files.size(file);
        if (size > MAX_READ)
            throw new IOException(file + ": " + String.format(java.util.Locale.ROOT, "%.2f GiB", size / (double) (1L << 30))
                    + " is larger than one read can hold (2 GiB) for " + format + "; split it (e.g. by time) into smaller files");
        return Files.readAllBytes(file);
    }

    public static IOException at(Path file, long offset, String what) {
        return new IOException(file + ": " + what + " at byte " + offset);
    }

    public static void notEmpty(Path file, byte[] b, String format) throws IOException {
        if (b.length == 0) throw new IOException(file + ": empty file (0 bytes), expected " + format);
    }
}
