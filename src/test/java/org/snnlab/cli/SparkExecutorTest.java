package org.snnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.util.Json;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark executor in embedded local mode (child JVMs with Spark, as bin/snnlab starts them): a trial
 * that fails its first attempt is retried under {@code local[2,2]} and appears once in results.csv;
 * under {@code local[2]} (one attempt) it fails alone while the others finish; bad input (no Spark on
 * the class path, an unreachable master, a bad or refused {@code --conf}) gives one line and exit 2.
 */
class SparkExecutorTest {
    static final List<String> TINY = List.of("--model", "fc", "--hidden", "16", "--time-steps", "2", "--limit-train", "128",
            "--limit-test", "64", "--epochs", "1");

    @BeforeAll
    static void needDataAndSpark() {
        Assumptions.assumeTrue(TrainResumeTest.haveData(), "Fashion-MNIST not installed");
        assertTrue(Files.isRegularFile(SparkJvm.SPARK_CP), "mvn package writes " + SparkJvm.SPARK_CP);
    }

    static List<String> with(List<String> a, String... more) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(more));
        return all;
    }

    static CliRun retryMain(Path out, String master) throws Exception {
        List<String> a = with(List.of(out.toString(), master, "2e-3"), TINY.toArray(String[]::new));
        return SparkJvm.run(true, SparkRetryMain.class.getName(), a, 240, Map.of());
    }

    @Test
    void aTrialFailingItsFirstAttemptIsRetriedUnderLocal22AndAppearsOnce(@TempDir Path out) throws Exception {
        CliRun r = retryMain(out, "local[2,2]");
        assertEquals(0, r.rc(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.lastLine());
        assertEquals(3, j.get("done").asInt(), r.lastLine());
        assertEquals(0, j.get("failed").asInt());
        List<CSVRecord> rows = TrainResumeTest.rows(out, "results.csv");
        assertEquals(3, rows.size(), "one row per trial");
        assertEquals(3, new HashSet<>(rows.stream().map(x -> x.get("trial")).toList()).size());
        assertEquals(1, rows.stream().filter(x -> x.get("lr").equals("2e-3")).count(), "the retried trial appears once");
        for (CSVRecord row : rows) {
            Path dir = out.resolve("trials").resolve(row.get("trial"));
            assertTrue(Files.isRegularFile(dir.resolve("done.json")), dir + " committed");
            assertEquals(1, TrainResumeTest.rows(dir.resolve("run")).size(), "one epoch trained once");
        }
        String failed = rows.stream().filter(x -> x.get("lr").equals("2e-3")).findFirst().orElseThrow().get("trial");
        try (Stream<Path> s = Files.list(out.resolve("attempts"))) {
            List<String> left = s.map(p -> p.getFileName().toString()).toList();
            assertEquals(1, left.size(), "only the failed attempt's folder is left: " + left);
            assertTrue(left.get(0).startsWith(failed + "-a0-"), left.toString());
        }
        System.out.println("spark local[2,2]: context start " + j.get("context_start_s") + " s, job " + j.get("job_s") + " s");
    }

    @Test
    void underLocal2TheFailingTrialFailsAloneAndTheOthersFinish(@TempDir Path out) throws Exception {
        CliRun r = retryMain(out, "local[2]");
        assertEquals(0, r.rc(), r.err());
        JsonNode j = Json.MAPPER.readTree(r.lastLine());
        assertEquals(2, j.get("done").asInt(), r.lastLine());
        assertEquals(1, j.get("failed").asInt());
        List<CSVRecord> rows = TrainResumeTest.rows(out, "results.csv");
        assertEquals(List.of("1e-3", "3e-3"), rows.stream().map(x -> x.get("lr")).sorted().toList());
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void oneLineExit2(CliRun r, String expected) {
        assertEquals(2, r.rc(), r.err());
        List<String> lines = r.errorLines();
        assertEquals(1, lines.size(), "one line: " + lines);
        assertTrue(lines.get(0).contains(expected), lines.get(0));
    }

    @Test
    void badInputGivesOneLineAndExit2(@TempDir Path out) throws Exception {
        List<String> sweep = with(List.of("sweep"), TINY.toArray(String[]::new));
        sweep.addAll(List.of("--param", "lr=1e-3", "--out", out.toString()));
        String main = Main.class.getName();
        oneLineExit2(SparkJvm.run(false, main, with(sweep, "--executor", "spark"), 120, Map.of()), "needs Apache Spark on the class path");
        oneLineExit2(SparkJvm.run(true, main, with(sweep, "--executor", "spark", "--master", "spark://127.0.0.1:" + freePort()), 120, Map.of()),
                "cannot reach the Spark master at 127.0.0.1:");
        oneLineExit2(SparkJvm.run(true, main, with(sweep, "--executor", "spark", "--conf", "spark.network.timeout=soon"), 120, Map.of()),
                "Spark did not start");
        oneLineExit2(CliRun.of(with(sweep, "--executor", "spark", "--conf", "spark.task.maxFailures").toArray(String[]::new)), "--conf must be key=value");
        oneLineExit2(CliRun.of(with(sweep, "--executor", "spark", "--conf", "task.cpus=2").toArray(String[]::new)), "not a Spark setting");
        oneLineExit2(CliRun.of(with(sweep, "--executor", "spark", "--conf", "spark.speculation=true").toArray(String[]::new)), "speculation stays off");
        oneLineExit2(CliRun.of(with(sweep, "--executor", "spark", "--master", "mesos://x:1").toArray(String[]::new)), "--master must be");
        oneLineExit2(CliRun.of(with(sweep, "--executor", "spark", "--workers", "2").toArray(String[]::new)), "--workers and --cores are the local executor's");
        oneLineExit2(CliRun.of(with(sweep, "--executor", "ray").toArray(String[]::new)), "--executor must be local or spark");
        oneLineExit2(CliRun.of(with(sweep, "--conf", "spark.a=b").toArray(String[]::new)), "add --executor spark");
        assertTrue(!Files.exists(out.resolve("trials")), "nothing ran");
    }
}
