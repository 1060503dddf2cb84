package org.snnlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one lookup order of the data roots, without duplicates, and the first complete folder in it. */
class DataRootsTest {
    @TempDir
    Path dir;

    @Test
    void standardOrderLocalThenInstallation() {
        DataRoots r = DataRoots.of("/p", "/e", "/r", Path.of("/co"));
        assertEquals(List.of(Path.of("/p"), Path.of("/e"), Path.of("data"), Path.of("/usr/share/datasets")), r.local());
        assertEquals(List.of(Path.of("..", "data"), Path.of("/r", "data"), Path.of("/co", "data")), r.installation());
        assertEquals(List.of(Path.of("/p/x"), Path.of("/e/x"), Path.of("data/x"), Path.of("/usr/share/datasets/x"),
                Path.of("../data/x"), Path.of("/r/data/x"), Path.of("/co/data/x")), r.folders("x"));
        assertEquals(List.of(Path.of("data"), Path.of("/usr/share/datasets"), Path.of("..", "data")),
                DataRoots.of(null, null, null, null).all(), "unset settings add nothing");
    }

    @Test
    void theSameFolderTwiceIsSearchedOnceAtItsFirstPlace() {
        DataRoots r = DataRoots.of(null, null, ".", Path.of("").toAbsolutePath());
        assertEquals(List.of(Path.of("data"), DataRoots.SYSTEM, Path.of("..", "data")), r.all(), "$SNNLAB_ROOT/data and the checkout are ./data here");
        DataRoots first = r.withFirst(Path.of("data").toAbsolutePath());
        assertEquals(List.of(Path.of("data").toAbsolutePath(), DataRoots.SYSTEM, Path.of("..", "data")), first.all());
        assertThrows(IllegalArgumentException.class, () -> new DataRoots(List.of(), List.of()));
    }

    @Test
    void findTakesTheFirstCompleteFolder() throws IOException {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        Files.createDirectories(a.resolve("set"));
        Files.createDirectories(b.resolve("set"));
        Files.writeString(b.resolve("set/ok"), "x");
        DataRoots r = new DataRoots(List.of(a, b), List.of());
        assertEquals(b.resolve("set"), r.find("set", d -> Files.exists(d.resolve("ok"))), "a/set is incomplete");
        assertEquals(a.resolve("set"), r.find("set", d -> true));
        assertNull(r.find("other", d -> true), "no folder at all");
    }

    @Test
    void standardReadsThePropertyWhenAsked() {
        String old = System.getProperty("snnlab.data");
        try {
            System.setProperty("snnlab.data", dir.toString());
            assertEquals(dir, DataRoots.standard().all().get(0));
        } finally {
            if (old == null) System.clearProperty("snnlab.data"); else System.setProperty("snnlab.data", old);
        }
    }
}
