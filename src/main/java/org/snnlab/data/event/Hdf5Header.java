package org.snnlab.data.event;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an HDF5 file's superblock before a library parses it (HDF5 File Format Specification 3.0,
 * section II.A): the 8-byte signature {@code \211HDF\r\n\032\n} at byte 0, and the "end of file address"
 * field against the real file size, so that empty, garbled and truncated files fail with the byte offset.
 * Superblock versions 0/1 keep that address at {@code 24 + 2*O} / {@code 28 + 2*O}, versions 2/3 at
 * {@code 12 + 2*O}, where O is the size of offsets.
 */
final class Hdf5Header {
    static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};

    private Hdf5Header() { }

    static boolean hasSignature(byte[] head) {
        if (head.length < SIGNATURE.length) return false;
        for (int i = 0; i < SIGNATURE.length; i++) if (head[i] != SIGNATURE[i]) return false;
        return true;
    }

    static void check(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) throw new IOException(file + ": empty file (0 bytes), expected HDF5");
        byte[] b = new byte[(int) Math.min(size, 64)];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(b, 0, b.length);
            if (n != b.length) throw Bytes.at(file, n, "could not read the superblock");
        }
        if (!hasSignature(b)) throw Bytes.at(file, 0, "not an HDF5 file (no HDF5 signature)");
        if (b.length < 14) throw Bytes.at(file, b.length, "truncated HDF5 superblock");
        int version = b[8] & 0xFF;
        int sizeOfOffsets = version <= 1 ? b[13] & 0xFF : b[9] & 0xFF;
        if (sizeOfOffsets != 2 && sizeOfOffsets != 4 && sizeOfOffsets != 8)
            throw Bytes.at(file, version <= 1 ? 13 : 9, "garbled HDF5 superblock (size of offsets " + sizeOfOffsets + ")");
        int at = switch (version) {
            case 0 -> 24 + 2 * sizeOfOffsets;
            case 1 -> 28 + 2 * sizeOfOffsets;
            case 2, 3 -> 12 + 2 * sizeOfOffsets;
            default -> throw Bytes.at(file, 8, "unknown HDF5 superblock version " + version);
        };
        if (at + sizeOfOffsets > b.length) throw Bytes.at(file, b.length, "truncated HDF5 superblock (file is " + size + " bytes)");
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long eof = sizeOfOffsets == 8 ? bb.getLong(at) : sizeOfOffsets == 4 ? bb.getInt(at) & 0xFFFFFFFFL : bb.getShort(at) & 0xFFFF;
        if (eof > size)
            throw new IOException(file + ": truncated HDF5 file: data missing from byte " + size + " (the superblock says the file is "
                    + eof + " bytes, it has " + size + ")");
    }

    /**
     * Refuses a dataset that claims more elements than the file can hold: even deflate at its best
     * (about 1:1032) stores an element in more than 1/1100 of a byte, so a garbled dataspace is an error
     * here instead of an allocation of gigabytes.
     */
    static void checkSize(Path file, io.jhdf.api.Dataset d, String path) throws IOException {
        long size = Files.size(file), n = d.getSize();
        if (n < 0 || n > 1100 * Math.max(size, 1024))
            throw new IOException(file + ": " + path + " claims " + n + " elements, more than a " + size + "-byte file holds (garbled dataspace)");
    }

    /** A throwable's message on one line (its class name when it has none). */
    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        m = m.replaceAll("[\\r\\n]+", " ");
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }
}
