package org.snnlab.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.data.FashionMnist;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kill -9 during {@code train}, run the same command again: it resumes from the last checkpoint and
 * ends with the same metrics as an uninterrupted run. Also: the same seed gives the same metrics.
 */
class TrainResumeTest {

    static String[] args(Path out) {
        return new String[]{"train", "--model", "fc", "--hidden", "64", "--epochs", "4", "--batch", "64",
                "--time-steps", "5", "--limit-train", "3000", "--limit-test", "500", "--seed", "7",
                "--quiet", "--out", out.toString()};
    }

    static boolean haveData() {
        try {
            FashionMnist.locate();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void killedRunResumesToTheSameMetrics(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(haveData(), "Fashion-MNIST not installed");
        Path ref = tmp.resolve("ref"), killed = tmp.resolve("killed");
        assertEquals(0, Main.run(args(ref)));

        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // the same kernels as this JVM: SIMD and scalar loops sum in different orders
        if (org.snnlab.util.Simd.AVAILABLE) cmd.add("--add-modules=jdk.incubator.vector");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.snnlab.cli.Main"));
        cmd.addAll(List.of(args(killed)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
        Path ckpt = killed.resolve("checkpoint.bin");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(ckpt) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
        p.destroyForcibly(); // SIGKILL
        p.waitFor(30, TimeUnit.SECONDS);
        assertTrue(Files.exists(ckpt), "the child wrote no checkpoint: " + Files.readString(tmp.resolve("log")));
        int rowsBefore = rows(killed).size();
        assertTrue(rowsBefore >= 1 && rowsBefore < 4, "kill should land mid-run, rows = " + rowsBefore);

        assertEquals(0, Main.run(args(killed)));
        List<CSVRecord> a = rows(ref), b = rows(killed);
        assertEquals(4, a.size());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++)
            for (String col : List.of("epoch", "iteration", "lr", "train_loss", "train_acc", "test_loss", "test_acc"))
                assertEquals(a.get(i).get(col), b.get(i).get(col), "row " + i + " column " + col);
        assertTrue(Files.readString(killed.resolve("provenance.json")).contains("\"resumed_from_epoch\" : " + rowsBefore));
    }

    @Test
    void badArgumentsGiveOneLineAndExitCode2() {
        assertEquals(2, Main.run("train", "--model", "resnet"));
        assertEquals(2, Main.run("train", "--model", "fc", "--epochs", "zero"));
        assertEquals(2, Main.run("bench", "--model", "fc", "--batch", "0"));
    }

    static List<CSVRecord> rows(Path run) throws Exception {
        return rows(run, "metrics.csv");
    }

    static List<CSVRecord> rows(Path dir, String csv) throws Exception {
        try (Reader r = Files.newBufferedReader(dir.resolve(csv))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

}
