package org.snnlab.fuzz;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One reader under fuzzing: a name, a writer of a valid fixture, and the reader call. Adding a reader
 * to {@link ReadersFuzzTest} is adding one of these to {@link Targets#all}.
 *
 * @param name     what the report calls it (e.g. {@code "n-mnist-bin"})
 * @param fixture  writes a valid input into a fresh folder and returns the file to mutate
 * @param reader   reads that file (after mutation); returning anything is a result
 * @param fields   the length / size fields of a fixture, given its bytes, that the mutator sets to 0,
 *                 huge and negative values (empty: only randomly placed ones)
 * @param encoding applied to the mutated bytes before they are written (e.g. gzip, to fuzz what is
 *                 inside a compressed file); identity for none
 */
public record FuzzTarget(String name, Fixture fixture, Reader reader, Fields fields, UnaryOperator<byte[]> encoding) {
    public FuzzTarget {
        if (name == null || fixture == null || reader == null || fields == null || encoding == null)
            throw new IllegalArgumentException("name, fixture, reader, fields and encoding must not be null");
    }

    /** A target without known fields or encoding. */
    public static FuzzTarget of(String name, Fixture fixture, Reader reader) {
        return new FuzzTarget(name, fixture, reader, b -> List.of(), UnaryOperator.identity());
    }

    /** This target with known length / size fields. */
    public FuzzTarget withFields(Fields f) {
        return new FuzzTarget(name, fixture, reader, f, encoding);
    }

    /** This target with its mutated bytes encoded before they are written. */
    public FuzzTarget encodedBy(String suffix, UnaryOperator<byte[]> e) {
        return new FuzzTarget(name + suffix, fixture, reader, fields, e);
    }

    /** Writes a valid input into {@code dir}; returns the file the cases mutate (its bytes are the seed input). */
    @FunctionalInterface
    public interface Fixture {
        Path write(Path dir) throws Exception;
    }

    /** The reader call under test. */
    @FunctionalInterface
    public interface Reader {
        Object read(Path file) throws Exception;
    }

    /** The fields of a fixture whose values a reader trusts as sizes, counts or offsets. */
    @FunctionalInterface
    public interface Fields {
        List<Field> of(byte[] fixture);
    }

    /** A {@code width}-byte (2, 4 or 8) integer at {@code offset} in the given byte order. */
    public record Field(int offset, int width, ByteOrder order) {
        public Field {
            if (offset < 0 || (width != 2 && width != 4 && width != 8)) throw new IllegalArgumentException("bad field " + offset + "/" + width);
        }

        public static Field be32(int offset) { return new Field(offset, 4, ByteOrder.BIG_ENDIAN); }

        public static Field le32(int offset) { return new Field(offset, 4, ByteOrder.LITTLE_ENDIAN); }

        public static Field le64(int offset) { return new Field(offset, 8, ByteOrder.LITTLE_ENDIAN); }
    }
}
