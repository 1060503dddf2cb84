package org.snnlab.data;

import java.io.IOException;
import java.nio.file.Path;

/** The package-private {@link CacheFile} readers, for the fuzz harness in another package. */
public final class CacheFileAccess {
    private CacheFileAccess() { }

    /** {@link CacheFile#read}: the whole entry (header, labels, values). */
    public static Object read(Path f) throws IOException {
        return CacheFile.read(f);
    }

    /** {@link CacheFile#header}: the header alone (what {@code data cache list} shows). */
    public static Object header(Path f) throws IOException {
        return CacheFile.header(f);
    }
}
