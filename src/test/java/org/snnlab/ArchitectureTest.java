package org.snnlab;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import graph of the library's main classes follows the floors of {@link Floors#SNNLAB}, has no
 * cycle between its packages, and README.md states the same floors; the same rules run over a badly
 * layered fixture ({@code org.snnlab.archfixture}) report exactly its faults.
 */
class ArchitectureTest {
    private static final Floors SNNLAB = new Floors("org.snnlab", Floors.SNNLAB);
    private static final Floors FIXTURE = new Floors("org.snnlab.archfixture", Floors.SNNLAB);
    private static JavaClasses main;
    private static JavaClasses fixture;

    @BeforeAll
    static void importClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.snnlab");
        fixture = new ClassFileImporter().importPackages("org.snnlab.archfixture");
    }

    @Test
    void everyPackageDependsOnlyOnItsOwnFloorOrBelow() {
        assertTrue(main.size() > 100, "imported " + main.size() + " main classes");
        SNNLAB.layering().check(main);
    }

    @Test
    void thePackagesFormNoCycle() {
        SNNLAB.freeOfCycles().check(main);
    }

    @Test
    void theRulesReportTheFixturesUpwardImportAndItsUnlistedPackageAndNothingElse() {
        EvaluationResult r = FIXTURE.layering().evaluate(fixture);
        assertTrue(r.hasViolation());
        List<String> details = r.getFailureReport().getDetails();
        assertEquals(2, details.size(), String.join("\n", details));
        assertTrue(details.stream().anyMatch(d -> d.contains("core (floor 0) -> layer (floor 1)")
                && d.contains("archfixture.core.Value") && d.contains("archfixture.layer.Box")), String.join("\n", details));
        assertTrue(details.stream().anyMatch(d -> d.contains("archfixture.gadget.Thing") && d.contains("no floor")),
                String.join("\n", details));
        assertFalse(details.stream().anyMatch(d -> d.contains("archfixture.model.Net")), "downward imports are allowed");
    }

    @Test
    void theCycleRuleReportsTheFixturesLayerLossCycle() {
        EvaluationResult r = FIXTURE.freeOfCycles().evaluate(fixture);
        assertTrue(r.hasViolation());
        String report = r.getFailureReport().toString();
        assertTrue(report.contains("layer") && report.contains("loss") && report.contains("Cycle"), report);
        assertFalse(report.contains("model"), report);
    }

    @Test
    void aPackageBelongsToItsLongestListedAncestor() {
        assertEquals("data", SNNLAB.entryOf("org.snnlab.data.event.transform"));
        assertEquals("data.download", SNNLAB.entryOf("org.snnlab.data.download"));
        assertEquals("optim.lr", SNNLAB.entryOf("org.snnlab.optim.lr"));
        assertEquals("optim", SNNLAB.entryOf("org.snnlab.optim"));
        assertNull(SNNLAB.entryOf("org.snnlabx.core"), "a name prefix is not a parent package");
        assertNull(SNNLAB.entryOf("org.snnlab"));
        assertEquals(0, SNNLAB.floorOf("core"));
        assertEquals(6, SNNLAB.floorOf("cli"));
        assertThrows(IllegalArgumentException.class, () -> new Floors("x", List.of(List.of("a"), List.of("a"))));
        assertThrows(IllegalArgumentException.class, () -> new Floors("x", List.of(List.of())));
    }

    /** README.md's lines {@code - floor N: `a`, `b` ...} give the same table. */
    @Test
    void theReadmeStatesTheSameFloors() throws IOException {
        Pattern line = Pattern.compile("^- floor (\\d+): (.*)$"), name = Pattern.compile("`([a-z.]+)`");
        List<List<String>> readme = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8)) {
            Matcher m = line.matcher(l);
            if (!m.matches()) continue;
            assertEquals(readme.size(), Integer.parseInt(m.group(1)), "floors in order: " + l);
            List<String> names = new ArrayList<>();
            for (Matcher n = name.matcher(m.group(2)); n.find(); ) names.add(n.group(1));
            readme.add(names);
        }
        assertEquals(Floors.SNNLAB, readme, "README.md's floors vs Floors.SNNLAB");
    }
}
