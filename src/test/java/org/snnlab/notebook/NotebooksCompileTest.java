package org.snnlab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every notebook's code cells, compiled and run in order in JShell at smoke scale, without Python or
 * a Jupyter kernel: API drift breaks {@code mvn test}. (bin/test also runs them in the real kernel.)
 */
class NotebooksCompileTest {

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsAtSmokeScale() throws IOException {
        List<Path> books;
        try (Stream<Path> s = Files.list(Path.of("notebooks"))) {
            books = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().collect(Collectors.toList());
        }
        assertFalse(books.isEmpty(), "no notebooks found");
        return books.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> run(p)));
    }

    /** Outputs are never committed (kernel/strip_outputs.py removes them). */
    @org.junit.jupiter.api.Test
    void committedNotebooksCarryNoOutputs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("notebooks"))) {
            for (Path p : s.filter(q -> q.toString().endsWith(".ipynb")).sorted().toList()) {
                int cell = 0;
                for (JsonNode c : new ObjectMapper().readTree(p.toFile()).get("cells")) {
                    boolean dirty = c.path("outputs").size() > 0 || !c.path("execution_count").isMissingNode() && !c.path("execution_count").isNull();
                    if (dirty) fail(p.getFileName() + " cell " + cell + " has outputs; run /usr/bin/python3 kernel/strip_outputs.py");
                    cell++;
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aThrowingCellFailsTheRun() {
        Path bad = Path.of("src/test/resources/notebooks/throws.ipynb");
        org.opentest4j.AssertionFailedError e = org.junit.jupiter.api.Assertions.assertThrows(
                org.opentest4j.AssertionFailedError.class, () -> run(bad));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("cell 2 threw"), e.getMessage());
    }

    static void run(Path book) throws IOException {
        System.setProperty("SNN_SCALE", "smoke");
        System.setProperty("snnlab.figures", "target/notebook-figures/" + book.getFileName());
        System.setProperty("snnlab.runs", Files.createTempDirectory("snnlab-nb-runs").toString());
        JsonNode nb = new ObjectMapper().readTree(book.toFile());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JShell sh = JShell.builder().executionEngine("local").out(new PrintStream(out, true)).err(new PrintStream(out, true)).build()) {
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            for (String e : cp.split(File.pathSeparator)) if (!e.isBlank()) sh.addToClasspath(e);
            int cell = 0;
            for (JsonNode c : nb.get("cells")) {
                if (!"code".equals(c.get("cell_type").asText())) { cell++; continue; }
                StringBuilder src = new StringBuilder();
                for (JsonNode line : c.get("source")) src.append(line.asText());
                eval(sh, book, cell++, src.toString(), out);
            }
        }
    }

    static void eval(JShell sh, Path book, int cell, String source, ByteArrayOutputStream out) {
        String rest = source.lines().filter(l -> !l.stripLeading().startsWith("%")).collect(Collectors.joining("\n"));
        SourceCodeAnalysis sca = sh.sourceCodeAnalysis();
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
            String snippet = ci.source() != null ? ci.source() : rest;
            for (SnippetEvent ev : sh.eval(snippet)) {
                if (ev.status() == Snippet.Status.REJECTED) {
                    String diag = sh.diagnostics(ev.snippet()).map(d -> d.getMessage(null)).collect(Collectors.joining("; "));
                    fail(book.getFileName() + " cell " + cell + " does not compile: " + diag + "\n  in: " + ev.snippet().source());
                }
                if (ev.exception() != null)
                    fail(book.getFileName() + " cell " + cell + " threw " + ev.exception() + "\n  in: " + ev.snippet().source()
                            + "\n  output: " + out);
            }
            rest = ci.remaining();
        }
    }
}
