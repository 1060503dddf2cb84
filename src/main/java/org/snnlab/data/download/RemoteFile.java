package org.snnlab.data.download;

import java.net.URI;

/**
 * One file of a data set: its name on disk, where to get it, its checksums and size. A null
 * {@code sha256} means the value is unknown to snnlab ("unknown, verify on first download"): the
 * {@link Downloader} then checks {@code md5} when that is known and prints the sha256 it computed.
 *
 * @param manual true when the source needs a browser (a form or a licence click): never fetched automatically
 * @param unpack true for an archive ({@code .tar.gz}, {@code .zip}, {@code .gz}) that
 *               {@link Downloader#prepare} unpacks beside itself (see {@link Archives})
 */
public record RemoteFile(String name, URI url, String sha256, String md5, long bytes, boolean manual, boolean unpack) {
    public RemoteFile {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\"))
            throw new IllegalArgumentException("file name must be a plain name, got '" + name + "'");
        if (url == null) throw new IllegalArgumentException(name + ": url must not be null");
        if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) throw new IllegalArgumentException(name + ": bad sha256 '" + sha256 + "'");
        if (md5 != null && !md5.matches("[0-9a-f]{32}")) throw new IllegalArgumentException(name + ": bad md5 '" + md5 + "'");
        if (unpack && !Archives.isArchive(name)) throw new IllegalArgumentException(name + ": marked for unpacking but not an archive");
    }

    /** A file that is not unpacked. */
    public RemoteFile(String name, URI url, String sha256, String md5, long bytes, boolean manual) {
        this(name, url, sha256, md5, bytes, manual, false);
    }

    /** A file fetched automatically. */
    public static RemoteFile of(String name, String url, String sha256, String md5, long bytes) {
        return new RemoteFile(name, URI.create(url), sha256, md5, bytes, false);
    }

    /** A file the user downloads by hand from {@code page}. */
    public static RemoteFile manual(String name, String page) {
        return new RemoteFile(name, URI.create(page), null, null, -1, true);
    }

    /** This file, marked as an archive to unpack after download. */
    public RemoteFile unpacked() {
        return new RemoteFile(name, url, sha256, md5, bytes, manual, true);
    }
}
