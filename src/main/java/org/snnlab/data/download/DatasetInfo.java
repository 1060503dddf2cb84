package org.snnlab.data.download;

import java.util.List;

/**
 * A data set snnlab knows: its folder name under the data roots, its files, licence and citation,
 * and a note on how the checksums were obtained.
 */
public record DatasetInfo(String name, List<RemoteFile> files, String licence, String citation, String note) {
    public DatasetInfo {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) throw new IllegalArgumentException("data set name must be lower-case kebab, got '" + name + "'");
        if (files == null || files.isEmpty()) throw new IllegalArgumentException(name + ": needs at least one file");
        files = List.copyOf(files);
    }
}
