package org.snnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.util.Json;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Spark standalone cluster on loopback: a master and two one-core workers started as child JVMs
 * from the Spark jars alone (SPARK_HOME = a folder with an empty jars/), a 6-trial sweep driven by
 * {@code snnlab sweep --executor spark --master spark://127.0.0.1:PORT}, and one worker (with its
 * executor) killed once the first trial has finished. Every trial finishes exactly once, results.csv
 * has each once, and the per-trial metrics equal the local executor's for the same grid and seeds.
 * Tagged {@code spark-cluster} (about a minute; {@code -DexcludedGroups=spark-cluster} skips it).
 */
@Tag("spark-cluster")
class SparkClusterTest {
    static final List<String> GRID = List.of("--param", "lr=1e-3,2e-3,3e-3", "--seeds", "1,2");

    @BeforeAll
    static void needData() {
        Assumptions.assumeTrue(TrainResumeTest.haveData(), "Fashion-MNIST not installed");
    }

    static Process start(Path home, Path log, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(SparkJvm.launcherOptions());
        cmd.addAll(List.of("-cp", SparkJvm.sparkClasspath(), main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("OMP_NUM_THREADS", "1");
        return pb.start();
    }

    static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    static int aliveWorkers(int uiPort) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + uiPort + "/json/").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            JsonNode n = Json.MAPPER.readTree(c.getInputStream());
            return n.path("aliveworkers").asInt(0);
        } catch (IOException e) {
            return -1;
        }
    }

    static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Map<String, CSVRecord> byTrial(Path out) throws Exception {
        Map<String, CSVRecord> m = new HashMap<>();
        for (CSVRecord r : TrainResumeTest.rows(out, "results.csv")) assertEquals(null, m.put(r.get("trial"), r), "trial twice in results.csv: " + r);
        return m;
    }

    @Test
    void sixTrialsOnAStandaloneClusterSurviveALostWorkerAndMatchTheLocalExecutor(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        Path home = Files.createDirectories(tmp.resolve("spark-home/jars"));
        home = home.getParent();
        int port = SparkExecutorTest.freePort(), ui = SparkExecutorTest.freePort();
        List<Process> procs = new ArrayList<>();
        Process driver = null;
        try {
            procs.add(start(home, tmp.resolve("master.log"), "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(ui)));
            for (int w = 1; w <= 2; w++)
                procs.add(start(home, tmp.resolve("worker" + w + ".log"), "org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--cores", "1", "--memory", "1536m", "--webui-port", "0",
                        "--work-dir", Files.createDirectories(tmp.resolve("work" + w)).toString(), "spark://127.0.0.1:" + port));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (aliveWorkers(ui) < 2) {
                assertTrue(System.nanoTime() < deadline, "two workers registered within 90 s");
                Thread.sleep(300);
            }
            double clusterUp = (System.nanoTime() - t0) / 1e9;
            Path out = tmp.resolve("spark-out");
            List<String> args = SparkExecutorTest.with(List.of("sweep"), SparkExecutorTest.TINY.toArray(String[]::new));
            args.addAll(GRID);
            args.addAll(List.of("--out", out.toString(), "--executor", "spark", "--master", "spark://127.0.0.1:" + port,
                    "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.executor.memory=1g", "--conf", "spark.task.maxFailures=4"));
            ProcessBuilder pb = new ProcessBuilder(SparkJvm.command(true, Main.class.getName(), args))
                    .redirectOutput(tmp.resolve("driver.out").toFile()).redirectError(tmp.resolve("driver.err").toFile());
            pb.environment().put("OMP_NUM_THREADS", "1");
            long d0 = System.nanoTime();
            driver = pb.start();
            Path csv = out.resolve("results.csv");
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (!Files.exists(csv) || Files.readAllLines(csv).size() < 2) { // header + the first finished trial
                assertTrue(driver.isAlive(), "driver ended early: " + Files.readString(tmp.resolve("driver.err")));
                assertTrue(System.nanoTime() < deadline, "a first trial within 240 s");
                Thread.sleep(200);
            }
            int rowsAtKill = Files.readAllLines(csv).size() - 1;
            kill(procs.get(1)); // worker 1 and its executor: a lost machine
            assertTrue(driver.waitFor(300, TimeUnit.SECONDS), "the sweep finished on the remaining worker");
            double sweepS = (System.nanoTime() - d0) / 1e9;
            String err = Files.readString(tmp.resolve("driver.err"));
            List<String> outLines = Files.readAllLines(tmp.resolve("driver.out"));
            assertEquals(0, driver.exitValue(), err);
            JsonNode j = Json.MAPPER.readTree(outLines.get(outLines.size() - 1));
            assertEquals(6, j.get("done").asInt(), j.toString());
            assertTrue(rowsAtKill < 6, "the worker died mid-sweep (" + rowsAtKill + " of 6 done)");
            Map<String, CSVRecord> spark = byTrial(out);
            assertEquals(6, spark.size(), "each trial once in results.csv");
            for (String id : spark.keySet()) {
                Path dir = out.resolve("trials").resolve(id);
                assertTrue(Files.isRegularFile(dir.resolve("done.json")), id + " committed");
                assertEquals(1, TrainResumeTest.rows(dir.resolve("run")).size(), id + ": its one epoch trained once in the committed run");
            }

            Path local = tmp.resolve("local-out");
            List<String> la = SparkExecutorTest.with(List.of("sweep"), SparkExecutorTest.TINY.toArray(String[]::new));
            la.addAll(GRID);
            la.addAll(List.of("--out", local.toString()));
            long l0 = System.nanoTime();
            CliRun lr = SparkJvm.run(false, Main.class.getName(), la, 300, Map.of());
            double localS = (System.nanoTime() - l0) / 1e9;
            assertEquals(0, lr.rc(), lr.err());
            Map<String, CSVRecord> loc = byTrial(local);
            assertEquals(spark.keySet(), loc.keySet(), "the same trials");
            for (String id : loc.keySet()) {
                for (String col : List.of("status", "final_test_acc", "best_test_acc", "epochs", "epochs_to_stability"))
                    assertEquals(loc.get(id).get(col), spark.get(id).get(col), id + " " + col);
                List<CSVRecord> a = TrainResumeTest.rows(local.resolve("trials").resolve(id).resolve("run"));
                List<CSVRecord> b = TrainResumeTest.rows(out.resolve("trials").resolve(id).resolve("run"));
                for (String col : List.of("train_loss", "train_acc", "test_loss", "test_acc"))
                    assertEquals(a.get(0).get(col), b.get(0).get(col), id + " metrics.csv " + col);
            }
            System.out.printf("spark cluster: up %.1f s; sweep (6 trials, worker killed after %d) %.1f s; local executor same sweep %.1f s;"
                    + " test total %.1f s%n", clusterUp, rowsAtKill, sweepS, localS, (System.nanoTime() - t0) / 1e9);
        } finally {
            if (driver != null) kill(driver);
            for (Process p : procs) kill(p);
        }
    }
}
