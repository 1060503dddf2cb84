package org.snnlab.data.download;

import org.snnlab.util.Hashing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Offline-first data set files. {@link #locate} looks for a folder holding every file of a data set in
 * the search roots, in order (the CLI gives its {@code --dir}, then the data roots of
 * {@link org.snnlab.data.DataRoots#standard()}). {@link #fetch} downloads what is missing into the
 * first root: to a temp file beside the target, verified (sha256 when known, else md5 when known),
 * then renamed atomically, so a half-written file is never taken for a whole one. Offline, or for a
 * manual source, it fails with ONE line naming what to fetch, from where, and where to put it.
 * {@link #prepare} also unpacks the archives marked {@link RemoteFile#unpack()} (see {@link Archives}); an
 * archive counts as present when its file or its unpack marker is there.
 */
public final class Downloader {
    private final List<Path> roots;
    private final boolean offline;
    private final List<String> log = new ArrayList<>();

    /**
     * @param roots   folders searched in order; downloads land in the first
     * @param offline never touch the network (a missing file is then the one-line message)
     */
    public Downloader(List<Path> roots, boolean offline) {
        if (roots == null || roots.isEmpty()) throw new IllegalArgumentException("need at least one data root");
        this.roots = List.copyOf(roots);
        this.offline = offline;
    }

    /** The search roots, in order (downloads land in the first). */
    public List<Path> roots() {
        return roots;
    }

    /** Messages about computed checksums with no recorded value (to copy into the registry). */
    public List<String> log() {
        return List.copyOf(log);
    }

    /**
     * The first {@code <root>/<name>} folder holding every file of the data set, each file that is
     * there verified against its recorded checksum ({@link OnDisk}), or null.
     *
     * @throws UncheckedIOException naming the file, the expected and the found digest, when a file
     *                              under the expected name is not the registered one
     */
    public Path locate(DatasetInfo d) {
        for (Path root : roots) {
            Path dir = root.resolve(d.name());
            if (d.files().stream().allMatch(f -> present(dir, f))) {
                for (RemoteFile f : d.files()) verified(dir, f);
                return dir;
            }
        }
        return null;
    }

    /**
     * Verifies an archive {@code f} in {@code dir} when the file itself is there (an unpacked archive's
     * marker needs no check). Plain files are not: their readers check their headers, and redistributed
     * copies (Debian's Fashion-MNIST is recompressed) hold the same data under other bytes.
     */
    private static void verified(Path dir, RemoteFile f) {
        Path file = dir.resolve(f.name());
        if (!f.unpack() || !Files.isRegularFile(file)) return;
        try {
            OnDisk.verify(file, f);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The data set folder, downloading missing files into {@code <first root>/<name>}. */
    public Path fetch(DatasetInfo d) throws IOException {
        Path found;
        try {
            found = locate(d);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (found != null) return found;
        Path dir = roots.get(0).resolve(d.name());
        for (RemoteFile f : d.files()) {
            Path target = dir.resolve(f.name());
            if (present(dir, f)) continue;
            if (offline || f.manual()) throw new IOException(missing(d, f, offline ? "offline" : "needs a browser"));
            Files.createDirectories(dir);
            download(d, f, target);
        }
        return dir;
    }

    /** Whether {@code f} is in {@code dir}: the file itself, or (for an archive) the marker of its unpacking. */
    static boolean present(Path dir, RemoteFile f) {
        return Files.isRegularFile(dir.resolve(f.name())) || (f.unpack() && Archives.isUnpacked(dir, f.name()));
    }

    /**
     * {@link #fetch}, then unpacks every archive of the data set not unpacked yet, beside itself, or
     * into {@code <first root>/<name>} when its folder is not writable (a system path).
     *
     * @return the folder holding the (unpacked) data set
     */
    public Path prepare(DatasetInfo d) throws IOException {
        Path dir = fetch(d);
        for (RemoteFile f : d.files()) {
            if (!f.unpack() || Archives.isUnpacked(dir, f.name())) continue;
            Path dest = Files.isWritable(dir) ? dir : roots.get(0).resolve(d.name());
            if (Archives.isUnpacked(dest, f.name())) { dir = dest; continue; }
            OnDisk.verify(dir.resolve(f.name()), f); // never unpack a wrong archive
            Archives.Unpacked u = Archives.unpack(dir.resolve(f.name()), dest);
            log.add(f.name() + ": unpacked " + u.files().size() + " files into " + dest
                    + (u.skipped().isEmpty() ? "" : ", skipped " + u.skipped()));
            dir = dest;
        }
        return dir;
    }

    private String missing(DatasetInfo d, RemoteFile f, String why) {
        List<String> places = new ArrayList<>();
        for (Path r : roots) places.add(r.resolve(d.name()).toString());
        return d.name() + ": " + f.name() + " not found (" + why + "); download " + f.url() + " and put " + f.name()
                + " in " + places.get(0) + "/ (searched: " + String.join(", ", places) + ")";
    }

    private void download(DatasetInfo d, RemoteFile f, Path target) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + f.name(), ".part");
        try {
            MessageDigest sha = Hashing.digest("SHA-256"), md5 = Hashing.digest("MD5");
            try {
                URLConnection c = f.url().toURL().openConnection();
                c.setConnectTimeout(30_000);
                c.setReadTimeout(60_000);
                try (InputStream in = new DigestInputStream(new DigestInputStream(c.getInputStream(), sha), md5);
                     OutputStream out = Files.newOutputStream(tmp)) {
                    in.transferTo(out);
                }
            } catch (IOException e) {
                throw new IOException(missing(d, f, "download failed: " + e), e);
            }
            verify(f, Hashing.hex(sha.digest()), Hashing.hex(md5.digest()), Files.size(tmp));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Checks every recorded checksum (sha256 and md5); logs the sha256 when none is recorded. */
    private void verify(RemoteFile f, String sha, String md5, long size) throws IOException {
        if (f.sha256() != null && !f.sha256().equals(sha))
            throw new IOException(f.url() + ": sha256 mismatch: expected " + f.sha256() + ", got " + sha + " (" + size + " bytes; not kept)");
        if (f.md5() != null && !f.md5().equals(md5))
            throw new IOException(f.url() + ": md5 mismatch: expected " + f.md5() + ", got " + md5 + " (" + size + " bytes; not kept)");
        if (f.sha256() == null) log.add(f.name() + ": sha256 " + sha + " (no recorded sha256; verify and record it)");
    }
}
