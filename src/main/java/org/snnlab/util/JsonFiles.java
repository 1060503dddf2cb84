package org.snnlab.util;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads JSON files strictly (nothing may follow the value) with every error one line naming the
 * file and where it is wrong: the byte offset (with line and column) for text that is not JSON, the
 * field path (e.g. {@code result.epochs}) for a value of the wrong type. Jackson's own messages span
 * several lines and name neither.
 */
public final class JsonFiles {
    private static final int MAX_DETAIL = 200;

    private JsonFiles() { }

    /** The file as a tree. */
    public static JsonNode tree(Path file) throws IOException {
        notEmpty(file);
        try {
            return Json.MAPPER.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(file.toFile());
        } catch (JsonProcessingException e) {
            throw error(file, e, "");
        } catch (CharConversionException e) {
            throw encoding(file, e);
        }
    }

    /** The file as a {@code type}. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        notEmpty(file);
        try {
            return Json.MAPPER.readerFor(type).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(file.toFile());
        } catch (JsonProcessingException e) {
            throw error(file, e, "");
        } catch (CharConversionException e) {
            throw encoding(file, e);
        }
    }

    /** The object {@code field} of a tree read from {@code file} as a {@code type}; errors name {@code field.sub.path}. */
    public static <T> T field(Path file, JsonNode tree, String field, Class<T> type) throws IOException {
        JsonNode n = tree == null ? null : tree.get(field);
        if (n == null || n.isNull()) throw new IOException(file + ": no '" + field + "' field");
        try {
            return Json.MAPPER.treeToValue(n, type);
        } catch (JsonProcessingException e) {
            throw error(file, e, field);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": field '" + field + "': " + detail(e.getMessage()), e);
        }
    }

    /** Jackson guesses the encoding from the first bytes; garbled ones can make it read UTF-32 and fail. */
    private static IOException encoding(Path file, CharConversionException e) {
        return new IOException(file + ": not UTF-8 JSON text (" + detail(e.getMessage()) + ")", e);
    }

    private static void notEmpty(Path file) throws IOException {
        if (Files.size(file) == 0) throw new IOException(file + ": empty file (0 bytes at byte 0), expected JSON");
    }

    /** One line: the file, then the field path (mapping errors) or the byte offset (syntax errors), then Jackson's reason. */
    static IOException error(Path file, JsonProcessingException e, String prefix) {
        StringBuilder b = new StringBuilder().append(file).append(": ");
        String path = e instanceof JsonMappingException m ? path(m, prefix) : prefix;
        if (!path.isEmpty()) b.append("field '").append(path).append("'");
        else b.append("not valid JSON");
        JsonLocation at = e.getLocation();
        if (at != null && (at.getByteOffset() >= 0 || at.getCharOffset() >= 0))
            b.append(" at byte ").append(at.getByteOffset() >= 0 ? at.getByteOffset() : at.getCharOffset());
        if (at != null && at.getLineNr() > 0) b.append(" (line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr()).append(')');
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String why = root == e ? e.getOriginalMessage()
                : root instanceof JsonProcessingException j ? j.getOriginalMessage()
                : root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return new IOException(b.append(": ").append(detail(why)).toString(), e);
    }

    private static String path(JsonMappingException m, String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            else if (r.getIndex() >= 0) b.append('[').append(r.getIndex()).append(']');
        }
        return b.toString();
    }

    /** A reason on one line (control characters shown as spaces), at most 200 characters. */
    static String detail(String s) {
        if (s == null) return "(no detail)";
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_DETAIL + 3));
        for (int i = 0; i < s.length() && b.length() < MAX_DETAIL; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        if (s.length() > MAX_DETAIL) b.append("...");
        return b.toString();
    }
}
