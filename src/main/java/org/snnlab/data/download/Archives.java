package org.snnlab.data.download;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import org.snnlab.util.CountingInputStream;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks downloaded archives: {@code .tar.gz} / {@code .tgz} and {@code .tar} (Apache Commons
 * Compress), {@code .zip} ({@link ZipFile}) and single-file {@code .gz} (to the name without
 * {@code .gz}). Everything is first written into a staging folder beside the destination and moved
 * into place only when the whole archive was read, so a truncated or hostile archive leaves nothing
 * behind. An entry whose path would land outside the destination ("zip slip": {@code ../x}, an
 * absolute path) stops the whole archive with one message naming it. Links and device entries are
 * skipped (data sets hold none) and reported. A marker {@code .<archive>.unpacked} listing the files
 * records a finished unpack, so it is not repeated (and the archive itself may then be deleted).
 */
public final class Archives {
    private Archives() { }

    /** What an unpack produced: the files written (absolute) and the entries skipped (links, devices). */
    public record Unpacked(List<Path> files, List<String> skipped) { }

    /** Whether {@code name} is an archive this class unpacks (by its ending). */
    public static boolean isArchive(String name) {
        String n = name.toLowerCase();
        return n.endsWith(".tar.gz") || n.endsWith(".tgz") || n.endsWith(".tar") || n.endsWith(".zip") || n.endsWith(".gz");
    }

    /** The marker written into {@code dest} after {@code archiveName} was unpacked there. */
    public static Path marker(Path dest, String archiveName) {
        return dest.resolve("." + archiveName + ".unpacked");
    }

    /** Whether {@code archiveName} was already unpacked into {@code dest} (its marker exists). */
    public static boolean isUnpacked(Path dest, String archiveName) {
        return Files.isRegularFile(marker(dest, archiveName));
    }

    /**
     * Unpacks {@code archive} into {@code dest} (created if needed; existing files of the same name are
     * replaced) and writes the marker.
     *
     * @throws IOException naming the archive for a corrupt or truncated archive (with the compressed
     *                     byte offset reached), or for an entry that would escape {@code dest}
     */
    public static Unpacked unpack(Path archive, Path dest) throws IOException {
        String name = archive.getFileName().toString();
        if (!isArchive(name)) throw new IllegalArgumentException(archive + ": not an archive this unpacks (.tar.gz, .tgz, .tar, .zip, .gz)");
        Files.createDirectories(dest);
        Path stage = Files.createTempDirectory(dest, ".unpack-");
        List<String> skipped = new ArrayList<>();
        try {
            String n = name.toLowerCase();
            if (n.endsWith(".gz") || n.endsWith(".tgz")) expectGzip(archive);
            if (n.endsWith(".zip")) unzip(archive, stage);
            else if (n.endsWith(".tar.gz") || n.endsWith(".tgz") || n.endsWith(".tar")) untar(archive, stage, skipped);
            else gunzip(archive, stage.resolve(name.substring(0, name.length() - 3)));
            List<Path> files = moveInto(stage, dest);
            List<String> lines = new ArrayList<>();
            for (Path f : files) lines.add(dest.relativize(f).toString().replace('\\', '/'));
            Files.write(marker(dest, name), lines);
            return new Unpacked(files, List.copyOf(skipped));
        } finally {
            deleteTree(stage);
        }
    }

    private static void untar(Path archive, Path stage, List<String> skipped) throws IOException {
        boolean gz = !archive.getFileName().toString().toLowerCase().endsWith(".tar");
        try (CountingInputStream raw = new CountingInputStream(Files.newInputStream(archive));
             InputStream body = gz ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(body)) {
            try {
                for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                    Path target = inside(archive, stage, e.getName());
                    if (e.isDirectory()) Files.createDirectories(target);
                    else if (e.isFile()) copy(tar, target);
                    else skipped.add(e.getName() + (e.isSymbolicLink() || e.isLink() ? " (link to " + e.getLinkName() + ")" : " (not a file)"));
                }
            } catch (UnsafeEntry e) {
                throw e;
            } catch (IOException | IllegalArgumentException e) {
                throw corrupt(archive, raw.count(), e);
            }
        }
    }

    private static void unzip(Path archive, Path stage) throws IOException {
        try (ZipFile zip = open(archive)) {
            List<? extends ZipEntry> entries = java.util.Collections.list(zip.entries());
            for (ZipEntry e : entries) inside(archive, stage, e.getName()); // check every name before writing any
            for (ZipEntry e : entries) {
                Path target = inside(archive, stage, e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    copy(in, target);
                } catch (EOFException | ZipException ex) {
                    throw new IOException(archive + ": corrupt zip entry '" + e.getName() + "' (" + ex.getMessage()
                            + "); nothing unpacked", ex);
                }
            }
        }
    }

    private static ZipFile open(Path archive) throws IOException {
        try {
            return new ZipFile(archive.toFile());
        } catch (ZipException e) {
            throw new IOException(archive + ": not a readable zip archive (" + Files.size(archive) + " bytes; truncated or corrupt,"
                    + " its central directory at the end is missing or garbled): " + e.getMessage(), e);
        }
    }

    private static void gunzip(Path archive, Path target) throws IOException {
        try (CountingInputStream raw = new CountingInputStream(Files.newInputStream(archive))) {
            try (InputStream in = new GZIPInputStream(raw, 1 << 16)) {
                copy(in, target);
            } catch (EOFException | ZipException e) {
                throw corrupt(archive, raw.count(), e);
            }
        }
    }

    /** Refuses, in one line naming the file, an archive whose name says gzip but whose first bytes do not. */
    static void expectGzip(Path archive) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(archive)) {
            head = in.readNBytes(512);
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b) return;
        if (head.length == 0) throw new IOException(archive + ": empty file (0 bytes at byte 0), expected a gzip archive; nothing unpacked");
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(4, head.length); i++) hex.append(String.format(" %02x", head[i] & 0xFF));
        throw new IOException(archive + ": not a gzip archive: byte 0 starts" + hex + ", gzip starts 1f 8b (" + looksLike(head)
                + "); nothing unpacked");
    }

    /** What a file that is not gzip seems to be, from its first bytes. */
    private static String looksLike(byte[] h) {
        String s = new String(h, 0, Math.min(h.length, 64), java.nio.charset.StandardCharsets.ISO_8859_1).stripLeading().toLowerCase();
        if (h.length >= 4 && h[0] == 'P' && h[1] == 'K' && h[2] == 3 && h[3] == 4) return "a zip archive under a gzip name";
        if (h.length >= 262 && new String(h, 257, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("ustar")) return "an uncompressed tar under a gzip name";
        if (s.startsWith("<!doctype html") || s.startsWith("<html") || s.startsWith("<?xml")) return "an HTML/XML page: a failed download?";
        if (h.length >= 3 && h[0] == 'B' && h[1] == 'Z' && h[2] == 'h') return "a bzip2 file";
        if (h.length >= 6 && (h[0] & 0xFF) == 0xFD && h[1] == '7' && h[2] == 'z' && h[3] == 'X' && h[4] == 'Z') return "an xz file";
        return "not a compressed archive";
    }

    private static IOException corrupt(Path archive, long at, Exception e) {
        return new IOException(archive + ": truncated or corrupt archive, failing at byte " + at + " of its " + size(archive)
                + " bytes (compressed offset read so far; " + e + "); nothing unpacked", e);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    /** {@code stage/name}, refusing names that would leave {@code stage}. */
    static Path inside(Path archive, Path stage, String name) throws IOException {
        Path root = stage.toAbsolutePath().normalize(), target = root.resolve(name).normalize();
        if (name.isEmpty() || !target.startsWith(root) || target.equals(root))
            throw new UnsafeEntry(archive + ": entry '" + name + "' would be written outside the destination (path traversal,"
                    + " \"zip slip\"); refusing the whole archive, nothing unpacked");
        return target;
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
    }

    /** Moves every file of {@code stage} to the same relative path under {@code dest}; returns the targets. */
    private static List<Path> moveInto(Path stage, Path dest) throws IOException {
        List<Path> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(stage)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            Path target = dest.resolve(stage.relativize(f).toString());
            Files.createDirectories(target.getParent());
            try {
                Files.move(f, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                Files.move(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
            out.add(target.toAbsolutePath());
        }
        return out;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }

    /** An entry that would be written outside the destination. */
    private static final class UnsafeEntry extends IOException {
        UnsafeEntry(String message) { super(message); }
    }
}
