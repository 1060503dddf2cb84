package org.snnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.util.Json;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code snnlab nir export / inspect / eval}: a run's network as a NIR file, its description, its accuracy; bad input exits 2. */
class NirCommandTest {
    @Test
    void aRunExportsInspectsAndEvaluatesToTheRunsAccuracy(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run"), nir = tmp.resolve("net.nir");
        CliRun train = CliRun.of("train", "--model", "fc", "--hidden", "16", "--epochs", "1", "--limit-train", "200", "--limit-test", "100",
                "--time-steps", "3", "--quiet", "--out", run.toString());
        assertEquals(0, train.rc(), train.err());
        double trained = Json.MAPPER.readTree(train.lastLine()).get("test_accuracy").asDouble();

        CliRun export = CliRun.of("nir", "export", run.toString(), nir.toString());
        assertEquals(0, export.rc(), export.err());
        assertTrue(Files.size(nir) > 0);
        JsonNode info = Json.MAPPER.readTree(CliRun.of("nir", "inspect", nir.toString()).lastLine());
        assertEquals("input", info.get("nodes").get(0).get("name").asText());
        assertEquals("Affine", info.get("nodes").get(1).get("type").asText());
        assertEquals("float32[16, 784]", info.get("nodes").get(1).get("fields").get("weight").asText());
        assertTrue(info.get("metadata").get("train_spec").asText().contains("\"hidden\":16"));

        CliRun eval = CliRun.of("nir", "eval", nir.toString());
        assertEquals(0, eval.rc(), eval.err());
        assertEquals(trained, Json.MAPPER.readTree(eval.lastLine()).get("test_accuracy").asDouble(), 0.0);
    }

    @Test
    void badFilesAndFoldersGiveOneLineAndExitCode2(@TempDir Path tmp) throws Exception {
        Path junk = tmp.resolve("junk.nir");
        Files.writeString(junk, "not hdf5");
        for (String[] args : new String[][]{{"nir", "inspect", junk.toString()}, {"nir", "eval", junk.toString()},
                {"nir", "export", tmp.toString(), tmp.resolve("x.nir").toString()}, {"nir", "inspect", tmp.resolve("none.nir").toString()}}) {
            CliRun r = CliRun.of(args);
            assertEquals(2, r.rc(), String.join(" ", args));
            assertEquals(1, r.errorLines().size(), r.err());
        }
    }
}
