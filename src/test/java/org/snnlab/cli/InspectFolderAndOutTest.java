package org.snnlab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.data.event.EventReadersTest;
import org.snnlab.data.event.NmnistBin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code data inspect FOLDER} reads every file and names the corrupt ones; {@code train --out FILE} is one line. */
class InspectFolderAndOutTest {
    @TempDir
    Path dir;

    @Test
    void inspectReadsEveryFileOfAFolder() throws IOException {
        Path root = dir.resolve("nmnist");
        for (int c = 0; c < 2; c++) {
            Files.createDirectories(root.resolve("Train/" + c));
            for (int i = 0; i < 3; i++) NmnistBin.write(root.resolve("Train/" + c + "/" + i + ".bin"), EventReadersTest.random(34, 40, 1000, 10 * c + i));
        }
        CliRun ok = CliRun.of("data", "inspect", root.toString());
        assertEquals(0, ok.rc(), ok.err());
        assertTrue(ok.lastLine().contains("\"files_checked\":6") && ok.lastLine().contains("\"Train/1\":3"), ok.out());
        Path bad = root.resolve("Train/1/2.bin");
        byte[] b = Files.readAllBytes(bad);
        Files.write(bad, Arrays.copyOf(b, b.length - 2));
        Path garbled = root.resolve("Train/0/0.bin");
        byte[] g = Files.readAllBytes(garbled);
        g[5] = (byte) 200;
        Files.write(garbled, g);
        CliRun r = CliRun.of("data", "inspect", root.toString());
        assertEquals(2, r.rc(), "a folder of corrupt files is not accepted");
        assertEquals(1, r.errorLines().size(), r.err());
        String err = r.errorLines().get(0);
        assertTrue(err.contains("2 of 6 data files are corrupt") && err.contains(garbled.toString()) && err.contains("at byte 5"), err);
        assertTrue(r.lastLine().contains("\"corrupt\":2") && r.lastLine().contains("truncated event at byte " + (b.length - 5)), r.out());
    }

    @Test
    void outNamingAFileIsOneLine() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "not a folder");
        CliRun r = CliRun.of("train", "--model", "fc", "--epochs", "1", "--quiet", "--out", file.toString());
        assertEquals(2, r.rc());
        assertEquals(1, r.errorLines().size(), r.err());
        assertTrue(r.errorLines().get(0).contains("--out " + file + ": is a file, not a folder"), r.err());
        CliRun under = CliRun.of("train", "--model", "fc", "--epochs", "1", "--quiet", "--out", file.resolve("run").toString());
        assertEquals(2, under.rc());
        assertTrue(under.errorLines().get(0).contains(file + " is a file, not a folder"), under.err());
        assertTrue(Files.readString(file).equals("not a folder"), "the file is untouched");
    }
}
