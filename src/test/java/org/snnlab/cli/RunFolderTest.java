package org.snnlab.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, items 1-4, through {@code snnlab train}: a folder locked by a real second process, a stale
 * checkpoint not adopted, a different spec refused with the options that differ, flipped, truncated
 * and old-format checkpoints refused, and a cut or deleted metrics.csv refused, each in one line.
 */
class RunFolderTest {

    @BeforeEach
    void data() {
        Assumptions.assumeTrue(TrainResumeTest.haveData(), "Fashion-MNIST not installed");
    }

    static String[] small(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--model", "fc", "--hidden", "16", "--epochs", "2", "--batch", "50",
                "--time-steps", "3", "--limit-train", "300", "--limit-test", "100", "--seed", "3", "--quiet", "--out", out.toString()));
        for (int i = 0; i < more.length; i++) { // an option given again replaces its value; a flag is added
            int at = a.indexOf(more[i]);
            boolean valued = i + 1 < more.length && !more[i + 1].startsWith("--");
            if (at >= 0 && valued) a.set(at + 1, more[++i]);
            else if (valued) { a.add(more[i]); a.add(more[++i]); }
            else a.add(more[i]);
        }
        return a.toArray(String[]::new);
    }

    /** One error line (JVM warnings aside) containing every one of {@code parts}; exit code 2. */
    static String refused(CliRun r, String... parts) {
        assertEquals(2, r.rc(), r.err());
        assertEquals(1, r.errorLines().size(), r.err());
        String line = r.errorLines().get(0);
        for (String p : parts) assertTrue(line.contains(p), "'" + p + "' missing from: " + line);
        return line;
    }

    @Test
    void theSameCommandTwiceAtOnceIsRefusedWithTheHoldersPid(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (org.snnlab.util.Simd.AVAILABLE) cmd.add("--add-modules=jdk.incubator.vector");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.snnlab.cli.Main"));
        cmd.addAll(List.of(TrainResumeTest.args(out)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
        try {
            Path lock = out.resolve(".lock");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (p.isAlive() && System.nanoTime() < deadline && !(Files.exists(lock) && Files.readString(lock).trim().equals(String.valueOf(p.pid()))))
                Thread.sleep(5);
            assertTrue(p.isAlive(), "the child ended before the second run: " + Files.readString(tmp.resolve("log")));
            refused(CliRun.of(TrainResumeTest.args(out)), out.toString(), "pid " + p.pid(), "in use");
            assertTrue(p.isAlive());
        } finally {
            p.destroyForcibly(); // SIGKILL: the OS drops the lock with the process
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(0, CliRun.of(TrainResumeTest.args(out)).rc(), "the lock of a killed run must not block the next");
    }

    @Test
    void aNoCheckpointRunIntoAUsedFolderIsRefusedAndItsCheckpointIsNeverAdopted(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        assertEquals(0, CliRun.of(small(out)).rc());
        byte[] csv = Files.readAllBytes(out.resolve("metrics.csv")), ckpt = Files.readAllBytes(out.resolve("checkpoint.bin"));
        refused(CliRun.of(small(out, "--no-checkpoint", "--hidden", "24")), out.toString(), "--overwrite");
        assertArrayEquals(csv, Files.readAllBytes(out.resolve("metrics.csv")), "a refused run writes nothing");
        assertArrayEquals(ckpt, Files.readAllBytes(out.resolve("checkpoint.bin")));

        assertEquals(0, CliRun.of(small(out, "--no-checkpoint", "--hidden", "24", "--overwrite")).rc());
        assertFalse(Files.exists(out.resolve("checkpoint.bin")), "--overwrite removes the old checkpoint");
        // the original command: must neither resume nor silently replace the other run's results
        refused(CliRun.of(small(out)), out.toString(), "model.hidden was 24, now 16", "--overwrite");
        CliRun again = CliRun.of(small(out, "--overwrite"));
        assertEquals(0, again.rc(), again.err());
        assertTrue(again.lastLine().contains("\"resumed_from_epoch\":0"), again.out());
    }

    @Test
    void resumingWithAnotherSpecNamesTheOptionsThatDiffer(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        assertEquals(0, CliRun.of(small(out)).rc());
        String line = refused(CliRun.of(small(out, "--lr", "0.0123", "--seed", "4")), out.resolve("checkpoint.bin").toString(), "0.0123", "seed was 3, now 4");
        assertFalse(line.contains("written_at"), line);
        CliRun same = CliRun.of(small(out)); // a finished run, re-run: nothing to do, same folder
        assertEquals(0, same.rc(), same.err());
    }

    @Test
    void flippedTruncatedAndOldCheckpointsAreRefused(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run"), ckpt = out.resolve("checkpoint.bin");
        assertEquals(0, CliRun.of(small(out, "--epochs", "1")).rc());
        byte[] good = Files.readAllBytes(ckpt);
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10; // inside the weights
        Files.write(ckpt, flipped);
        refused(CliRun.of(small(out, "--epochs", "1")), ckpt.toString(), "checksum mismatch");
        Files.write(ckpt, Arrays.copyOf(good, good.length - 100));
        refused(CliRun.of(small(out, "--epochs", "1")), ckpt.toString(), "truncated");
        try (DataOutputStream d = new DataOutputStream(Files.newOutputStream(ckpt))) {
            d.writeUTF("SNNLAB-CKPT-1");
            d.writeInt(1);
        }
        refused(CliRun.of(small(out, "--epochs", "1")), ckpt.toString(), "old format");
        Files.write(ckpt, good);
        assertEquals(0, CliRun.of(small(out, "--epochs", "1")).rc(), "the intact checkpoint still resumes");
    }

    @Test
    void aCutEditedOrDeletedMetricsCsvIsRefused(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run"), csv = out.resolve("metrics.csv");
        assertEquals(0, CliRun.of(small(out)).rc());
        byte[] good = Files.readAllBytes(csv);
        Files.write(csv, Arrays.copyOf(good, good.length - 4)); // the last field shortened, its end of line gone
        refused(CliRun.of(small(out)), csv.toString(), "cut short");
        assertArrayEquals(Arrays.copyOf(good, good.length - 4), Files.readAllBytes(csv), "never rewritten");

        String text = new String(good, StandardCharsets.US_ASCII);
        int lastComma = text.lastIndexOf(',', text.length() - 3);
        String edited = text.substring(0, lastComma + 1) + "7" + text.substring(lastComma + 2); // a well-formed but different value
        Files.writeString(csv, edited, StandardCharsets.US_ASCII);
        refused(CliRun.of(small(out)), csv.toString(), "not what");

        Files.delete(csv);
        refused(CliRun.of(small(out)), csv.toString(), "missing", "cannot be rebuilt");
        Files.write(csv, good);
        assertEquals(0, CliRun.of(small(out)).rc());
        assertArrayEquals(good, Files.readAllBytes(csv), "a resume keeps every row's original text");
    }
}
