package org.snnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.util.Json;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --init-from FILE.nir}: a run starts from an exported network's weights; another architecture is refused in one line. */
class NirInitTest {
    static final List<String> TINY = List.of("--model", "fc", "--hidden", "32", "--time-steps", "4", "--batch", "64",
            "--limit-train", "256", "--limit-test", "128", "--seed", "5", "--quiet");

    @Test
    void aRunStartsFromTheExportedWeights(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(TrainResumeTest.haveData(), "Fashion-MNIST not installed");
        Path a = tmp.resolve("a"), b = tmp.resolve("b"), nir = tmp.resolve("a.nir");
        CliRun first = CliRun.of(Args.with("train", TINY, "--epochs", "2", "--out", a.toString()));
        assertEquals(0, first.rc(), first.err());
        assertEquals(0, CliRun.of("nir", "export", a.toString(), nir.toString()).rc());
        // a rate so small that the weights do not move: the run evaluates what it started from
        CliRun second = CliRun.of(Args.with("train", TINY, "--epochs", "1", "--lr", "1e-20", "--init-from", nir.toString(),
                "--out", b.toString()));
        assertEquals(0, second.rc(), second.err());
        double accA = Json.MAPPER.readTree(first.lastLine()).get("test_accuracy").asDouble();
        double accB = Json.MAPPER.readTree(second.lastLine()).get("test_accuracy").asDouble();
        assertEquals(accA, accB, "the exported network, evaluated again");
        JsonNode prov = Json.MAPPER.readTree(b.resolve("provenance.json").toFile());
        assertTrue(prov.get("initial_weights").asText().contains("sha256"), prov.toString());

        CliRun other = CliRun.of(Args.with("train", List.of("--model", "fc", "--hidden", "16", "--time-steps", "4",
                "--limit-train", "64", "--limit-test", "64", "--quiet"), "--init-from", nir.toString(), "--out", tmp.resolve("c").toString()));
        assertEquals(2, other.rc());
        assertEquals(1, other.errorLines().size(), other.err());
        assertTrue(other.err().contains("has shape"), other.err());
    }

    /** Argument lists. */
    static final class Args {
        static String[] with(String first, List<String> mid, String... more) {
            List<String> all = new java.util.ArrayList<>();
            all.add(first);
            all.addAll(mid);
            all.addAll(List.of(more));
            return all.toArray(String[]::new);
        }
    }
}
