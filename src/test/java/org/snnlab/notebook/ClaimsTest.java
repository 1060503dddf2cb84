package org.snnlab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.util.Json;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The scorecard file: written after every claim, replaced by id, verdicts as words, nothing null. */
class ClaimsTest {
    @Test
    void everyRecordRewritesTheFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("runs/claims.json");
        Claims c = Claims.at("05-rouser", "Rouser (arXiv 2407.19566)", f);
        c.record("dead", "fewer dead neurons", "Fig. 4", "1.0% vs 0.4%", Claims.Verdict.of(true), "3 seeds", "dead neurons per layer");
        JsonNode n = Json.MAPPER.readTree(f.toFile());
        assertEquals("05-rouser", n.get("notebook").asText());
        assertEquals(1, n.get("claims").size());
        assertEquals("holds", n.get("claims").get(0).get("verdict").asText());
        c.notTested("shd", "SHD accuracy", "Table 2", "SHD cannot be downloaded here");
        c.record("dead", "fewer dead neurons", "Fig. 4", "1.0% vs 1.2%", Claims.Verdict.of(false), "3 seeds", "");
        n = Json.MAPPER.readTree(f.toFile());
        assertEquals(2, n.get("claims").size(), "replaced by id");
        assertEquals("does not hold", n.get("claims").get(0).get("verdict").asText());
        assertEquals("not tested", n.get("claims").get(1).get("verdict").asText());
        assertEquals(2, c.claims().size());
        assertThrows(IllegalArgumentException.class, () -> c.record("", "x", "", "", Claims.Verdict.HOLDS, "", ""));
        assertThrows(IllegalArgumentException.class, () -> c.record("x", "x", null, "", Claims.Verdict.HOLDS, "", ""));
    }
}
