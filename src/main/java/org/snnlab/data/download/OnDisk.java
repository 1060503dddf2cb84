package org.snnlab.data.download;

import org.snnlab.util.Hashing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

/**
 * Verification of a file already on disk against its registry entry (sha256, else md5), before it is
 * called present or unpacked: a wrong or damaged archive under the expected name is refused with one
 * line naming the file, the expected and the found digest. A verified file leaves a stamp beside it
 * ({@code .NAME.verified}: size, modification time, digest), so a multi-gigabyte archive is hashed once,
 * not at every {@code data list}; a changed size or time hashes it again.
 */
final class OnDisk {
    private OnDisk() { }

    /** Returns normally when {@code file} matches {@code f}'s recorded checksum (or none is recorded). */
    static void verify(Path file, RemoteFile f) throws IOException {
        if (f.sha256() == null && f.md5() == null) return;
        String stamp = Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis() + " ";
        Path mark = file.resolveSibling("." + file.getFileName() + ".verified");
        if (Files.isRegularFile(mark) && Files.readString(mark, StandardCharsets.UTF_8).startsWith(stamp)) return;
        MessageDigest sha = Hashing.digest("SHA-256"), md5 = Hashing.digest("MD5");
        try (InputStream in = new DigestInputStream(new DigestInputStream(Files.newInputStream(file), sha), md5)) {
            in.transferTo(OutputSink.INSTANCE);
        }
        String foundSha = Hashing.hex(sha.digest()), foundMd5 = Hashing.hex(md5.digest());
        if (f.sha256() != null && !f.sha256().equals(foundSha))
            throw new IOException(file + ": sha256 mismatch: expected " + f.sha256() + ", found " + foundSha
                    + " (not the registered " + f.name() + "; delete it and download again)");
        if (f.sha256() == null && !f.md5().equals(foundMd5))
            throw new IOException(file + ": md5 mismatch: expected " + f.md5() + ", found " + foundMd5
                    + " (not the registered " + f.name() + "; delete it and download again)");
        try {
            Files.writeString(mark, stamp + (f.sha256() != null ? foundSha : foundMd5), StandardCharsets.UTF_8);
        } catch (IOException notWritable) {
            // a read-only folder (a system path): verified again next time
        }
    }

    /** Discards what it is given (hashing a stream without keeping it). */
    private static final class OutputSink extends java.io.OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) { }

        @Override
        public void write(byte[] b, int off, int len) { }
    }
}
