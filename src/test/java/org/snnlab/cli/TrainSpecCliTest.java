package org.snnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Assumptions;
import org.snnlab.train.EpochMetrics;
import org.snnlab.train.MetricsCsv;
import org.snnlab.train.TrainSpec;
import org.snnlab.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recipe on the command line: {@code train --spec RUN/provenance.json} reruns RUN with the same
 * metrics, recipe options beside {@code --spec} are refused, and a sweep knows an explicit default
 * ({@code --param lr=1e-3}) as the trial an omitted one already finished.
 */
class TrainSpecCliTest {
    static final List<String> TINY = List.of("--model", "fc", "--hidden", "32", "--time-steps", "4", "--batch", "64",
            "--limit-train", "256", "--limit-test", "128", "--epochs", "2", "--seed", "5", "--quiet");

    @BeforeAll
    static void needData() {
        Assumptions.assumeTrue(TrainResumeTest.haveData(), "Fashion-MNIST not installed");
    }

    @Test
    void aRunIsRebuiltFromItsProvenance(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run"), again = tmp.resolve("again");
        CliRun first = CliRun.of(concat("train", TINY, "--out", run.toString()));
        assertEquals(0, first.rc(), first.err());
        JsonNode prov = Json.MAPPER.readTree(run.resolve("provenance.json").toFile());
        TrainSpec spec = TrainSpec.fromJson(prov.get("spec"));
        assertEquals(32, spec.model().hidden());
        assertEquals(spec.id(), prov.get("spec_id").asText());

        CliRun second = CliRun.of("train", "--spec", run.resolve("provenance.json").toString(), "--quiet", "--out", again.toString());
        assertEquals(0, second.rc(), second.err());
        List<EpochMetrics> a = new MetricsCsv(run.resolve("metrics.csv")).read(), b = new MetricsCsv(again.resolve("metrics.csv")).read();
        assertEquals(2, b.size());
        for (int e = 0; e < 2; e++) {
            assertEquals(a.get(e).trainLoss(), b.get(e).trainLoss(), "train loss, epoch " + e);
            assertEquals(a.get(e).testAcc(), b.get(e).testAcc(), "test accuracy, epoch " + e);
            assertEquals(a.get(e).testLoss(), b.get(e).testLoss(), "test loss, epoch " + e);
        }
        assertEquals(prov.get("spec"), Json.MAPPER.readTree(again.resolve("provenance.json").toFile()).get("spec"));

        CliRun mixed = CliRun.of("train", "--spec", run.resolve("provenance.json").toString(), "--lr", "0.1", "--out", tmp.resolve("x").toString());
        assertEquals(2, mixed.rc());
        assertEquals(1, mixed.errorLines().size(), mixed.err());
        assertTrue(mixed.err().contains("drop --lr"), mixed.err());
        Files.writeString(tmp.resolve("bad.json"), "{\"model\": {\"kind\": \"fc\"}}");
        CliRun bad = CliRun.of("train", "--spec", tmp.resolve("bad.json").toString(), "--out", tmp.resolve("y").toString());
        assertEquals(2, bad.rc());
        assertTrue(bad.err().contains("bad.json"), bad.err());
    }

    @Test
    void anExplicitDefaultIsTheTrialAnOmittedOneFinished(@TempDir Path out) throws Exception {
        String[] base = concat("sweep", TINY.subList(0, 10), "--epochs", "1", "--out", out.toString());
        CliRun first = CliRun.of(base);
        assertEquals(0, first.rc(), first.err());
        assertEquals(1, Json.MAPPER.readTree(first.lastLine()).get("done").asInt());
        CliRun explicit = CliRun.of(concat("sweep", List.of(base).subList(1, base.length), "--param", "lr=1e-3"));
        assertEquals(0, explicit.rc(), explicit.err());
        JsonNode j = Json.MAPPER.readTree(explicit.lastLine());
        assertEquals(1, j.get("skipped").asInt(), "lr=1e-3 is fc's default rate: the same, finished trial");
        CliRun other = CliRun.of(concat("sweep", List.of(base).subList(1, base.length), "--param", "lr=2e-3"));
        assertEquals(0, Json.MAPPER.readTree(other.lastLine()).get("skipped").asInt());
        try (var s = Files.list(out.resolve("trials"))) {
            assertEquals(2, s.count());
        }
    }

    private static String[] concat(String first, List<String> mid, String... more) {
        List<String> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(mid);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
