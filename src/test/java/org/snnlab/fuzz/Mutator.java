package org.snnlab.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutations of a valid input: bit flips, random bytes, truncation, length fields set to 0 /
 * huge / negative (known fields of the format and randomly placed ones, both byte orders), inserted
 * and deleted runs, text tokens replaced (numbers by huge, negative, non-numbers), whole random files.
 * Each case is a pure function of (input, case seed), so a failing case is reproduced by its seed.
 */
final class Mutator {
    /** A mutated input and what was done to it (for the report). */
    record Mutant(byte[] bytes, String how) { }

    private static final long[] SPECIAL = {0, 1, -1, 0x7FFFFFFFL, 0x80000000L, 0x7FFFFFF0L, 0xFFFFFFFFL, 0xFFFFL, 0x10000L,
            1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, 3};
    private static final String[] TOKENS = {"0", "-1", "-9223372036854775809", "99999999999999999999999", "1e999", "NaN", "null",
            "\"x\"", "[]", "{}", "true", "", "\"", "{", "[", "1.5", "2147483648"};

    private Mutator() { }

    static Mutant mutate(byte[] in, List<FuzzTarget.Field> fields, SplittableRandom r) {
        int kind = r.nextInt(10);
        return switch (kind) {
            case 0 -> flips(in, r);
            case 1 -> bytes(in, r);
            case 2 -> truncate(in, r);
            case 3 -> fields.isEmpty() ? anyField(in, r) : field(in, fields.get(r.nextInt(fields.size())), r, "field");
            case 4 -> anyField(in, r);
            case 5 -> insertOrDelete(in, r);
            case 6 -> token(in, r);
            case 7 -> random(in, r);
            case 8 -> stacked(in, fields, r);
            default -> r.nextBoolean() ? flips(in, r) : truncate(in, r);
        };
    }

    private static Mutant flips(byte[] in, SplittableRandom r) {
        byte[] b = in.clone();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n && b.length > 0; i++) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        return new Mutant(b, n + " bit flips");
    }

    private static Mutant bytes(byte[] in, SplittableRandom r) {
        byte[] b = in.clone();
        if (b.length == 0) return new Mutant(b, "empty");
        int at = r.nextInt(b.length), n = Math.min(b.length - at, 1 + r.nextInt(16));
        for (int i = 0; i < n; i++) b[at + i] = (byte) r.nextInt(256);
        return new Mutant(b, n + " random bytes at " + at);
    }

    private static Mutant truncate(byte[] in, SplittableRandom r) {
        int len = in.length == 0 ? 0 : r.nextInt(in.length);
        if (r.nextInt(4) == 0) len = Math.max(0, in.length - 1 - r.nextInt(Math.min(in.length, 8) + 1));
        return new Mutant(Arrays.copyOf(in, len), "truncated to " + len + " of " + in.length);
    }

    private static Mutant anyField(byte[] in, SplittableRandom r) {
        if (in.length < 2) return flips(in, r);
        int width = in.length >= 8 && r.nextInt(4) == 0 ? 8 : in.length >= 4 ? 4 : 2;
        int at = r.nextInt(in.length - width + 1);
        if (r.nextBoolean()) at -= at % width;
        return field(in, new FuzzTarget.Field(at, width, r.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN), r, "int");
    }

    private static Mutant field(byte[] in, FuzzTarget.Field f, SplittableRandom r, String what) {
        if (f.offset() + f.width() > in.length) return truncate(in, r);
        byte[] b = in.clone();
        long v = r.nextInt(5) == 0 ? r.nextLong() : SPECIAL[r.nextInt(SPECIAL.length)];
        ByteBuffer bb = ByteBuffer.wrap(b).order(f.order());
        switch (f.width()) {
            case 2 -> bb.putShort(f.offset(), (short) v);
            case 4 -> bb.putInt(f.offset(), (int) v);
            default -> bb.putLong(f.offset(), v);
        }
        return new Mutant(b, what + f.width() * 8 + (f.order() == ByteOrder.BIG_ENDIAN ? "be" : "le") + " at " + f.offset() + " = " + v);
    }

    private static Mutant insertOrDelete(byte[] in, SplittableRandom r) {
        int at = in.length == 0 ? 0 : r.nextInt(in.length + 1), n = 1 + r.nextInt(64);
        if (r.nextBoolean() && in.length > 0) {
            int from = Math.min(at, in.length - 1), k = Math.min(n, in.length - from);
            byte[] b = new byte[in.length - k];
            System.arraycopy(in, 0, b, 0, from);
            System.arraycopy(in, from + k, b, from, in.length - from - k);
            return new Mutant(b, "deleted " + k + " at " + from);
        }
        byte[] ins = new byte[n];
        r.nextBytes(ins);
        byte[] b = new byte[in.length + n];
        System.arraycopy(in, 0, b, 0, at);
        System.arraycopy(ins, 0, b, at, n);
        System.arraycopy(in, at, b, at + n, in.length - at);
        return new Mutant(b, "inserted " + n + " at " + at);
    }

    /** A run of digits (or a JSON literal) replaced by another token; for binary input, a printable run. */
    private static Mutant token(byte[] in, SplittableRandom r) {
        if (in.length == 0) return new Mutant(in, "empty");
        int at = r.nextInt(in.length), end = at;
        while (at > 0 && isWord(in[at - 1])) at--;
        while (end < in.length && isWord(in[end])) end++;
        if (end == at) end = Math.min(in.length, at + 1);
        byte[] tok = TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[in.length - (end - at) + tok.length];
        System.arraycopy(in, 0, b, 0, at);
        System.arraycopy(tok, 0, b, at, tok.length);
        System.arraycopy(in, end, b, at + tok.length, in.length - end);
        return new Mutant(b, "token [" + at + "," + end + ") = '" + new String(tok, StandardCharsets.US_ASCII) + "'");
    }

    private static boolean isWord(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || c == '+';
    }

    private static Mutant random(byte[] in, SplittableRandom r) {
        int len = r.nextBoolean() ? in.length : r.nextInt(2 * in.length + 64);
        byte[] b = new byte[len];
        r.nextBytes(b);
        if (len > 16 && r.nextBoolean()) System.arraycopy(in, 0, b, 0, Math.min(Math.min(in.length, len), 8 + r.nextInt(64))); // keep the magic
        return new Mutant(b, "random " + len + " bytes");
    }

    private static Mutant stacked(byte[] in, List<FuzzTarget.Field> fields, SplittableRandom r) {
        Mutant a = r.nextBoolean() ? flips(in, r) : anyField(in, r);
        Mutant b = r.nextBoolean() ? bytes(a.bytes(), r) : fields.isEmpty() ? anyField(a.bytes(), r)
                : field(a.bytes(), fields.get(r.nextInt(fields.size())), r, "field");
        return new Mutant(b.bytes(), a.how() + " + " + b.how());
    }
}
