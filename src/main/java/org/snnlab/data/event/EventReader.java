package org.snnlab.data.event;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one event file. An empty, truncated or garbled file gives an {@link IOException} whose message
 * names the file and the byte offset where reading failed.
 */
@FunctionalInterface
public interface EventReader {
    Events read(Path file) throws IOException;
}
