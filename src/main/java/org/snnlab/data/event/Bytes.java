package org.snnlab.data.event;

import java.io.IOException;
import java.nio.file.Path;

/** Error messages that name the file and the byte offset. */
final class Bytes {
    private Bytes() { }

    static IOException at(Path file, long offset, String what) {
        return new IOException(file + ": " + what + " at byte " + offset);
    }

    static void notEmpty(Path file, byte[] b, String format) throws IOException {
        if (b.length == 0) throw new IOException(file + ": empty file (0 bytes), expected " + format);
    }
}
