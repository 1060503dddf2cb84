package org.snnlab.notebook;

import com.fasterxml.jackson.annotation.JsonValue;
import org.snnlab.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A paper notebook's scorecard: each of its paper's claims, what the paper reports, what this run
 * measured and whether the claim holds here. Every {@link #record} rewrites {@code claims.json} in the
 * notebook's runs folder ({@link Runs#base()}; {@code snnlab reproduce} gathers these files into the
 * report's {@code index.html} and {@code summary.json}), so a notebook that fails later keeps the claims
 * it had checked. A claim this scale or data cannot test is recorded as {@link Verdict#NOT_TESTED} with
 * the reason: never a silent omission.
 */
public final class Claims {
    /** Whether a claim holds in this run. */
    public enum Verdict {
        HOLDS("holds"), PARTLY("partly"), DOES_NOT_HOLD("does not hold"), NOT_TESTED("not tested");

        private final String text;

        Verdict(String text) { this.text = text; }

        @JsonValue
        public String text() { return text; }

        /** {@link #HOLDS} when {@code ok}, else {@link #DOES_NOT_HOLD}. */
        public static Verdict of(boolean ok) { return ok ? HOLDS : DOES_NOT_HOLD; }
    }

    /**
     * One claim.
     *
     * @param id       short stable id, e.g. {@code q4-within-2pt}
     * @param claim    the claim in words
     * @param paper    what the paper reports (value and where: table or figure)
     * @param measured what this run measured
     * @param verdict  whether it holds here
     * @param note     why, or what limits the test (scale, data)
     * @param figure   the figure of this notebook that shows it (its title), or ""
     */
    public record Claim(String id, String claim, String paper, String measured, Verdict verdict, String note, String figure) {
        public Claim {
            for (String s : new String[]{id, claim, paper, measured, note, figure})
                if (s == null) throw new IllegalArgumentException("claim fields must not be null (use \"\")");
            if (id.isBlank() || claim.isBlank()) throw new IllegalArgumentException("a claim needs an id and its text");
            if (verdict == null) throw new IllegalArgumentException("claim " + id + ": verdict must not be null");
        }
    }

    private final String notebook;
    private final String paper;
    private final Path file;
    private final Map<String, Claim> claims = new LinkedHashMap<>();

    private Claims(String notebook, String paper, Path file) {
        this.notebook = notebook;
        this.paper = paper;
        this.file = file;
    }

    /**
     * The scorecard of {@code notebook} (e.g. "05-rouser-trainable-thresholds") for {@code paper}
     * (title and arXiv id), written to {@code Runs.base()/claims.json}.
     */
    public static Claims of(String notebook, String paper) {
        return new Claims(notebook, paper, Runs.base().resolve("claims.json"));
    }

    /** A scorecard written to {@code file} (tests). */
    static Claims at(String notebook, String paper, Path file) {
        return new Claims(notebook, paper, file);
    }

    /** Records (or replaces, by id) a claim and rewrites the file. */
    public Claims record(String id, String claim, String paperValue, String measured, Verdict verdict, String note, String figure) {
        claims.put(id, new Claim(id, claim, paperValue, measured, verdict, note, figure));
        write();
        return this;
    }

    /** Records a claim this run cannot test, with the reason. */
    public Claims notTested(String id, String claim, String paperValue, String why) {
        return record(id, claim, paperValue, "-", Verdict.NOT_TESTED, why, "");
    }

    /** The claims so far, in the order recorded. */
    public List<Claim> claims() {
        return Collections.unmodifiableList(new ArrayList<>(claims.values()));
    }

    /** Shows the scorecard as a table. */
    public void show() {
        HtmlTable t = new HtmlTable("claim", "paper", "measured here", "verdict", "note");
        for (Claim c : claims.values()) t.row(c.claim(), c.paper(), c.measured(), c.verdict().text(), c.note());
        t.show("claims");
    }

    private void write() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("notebook", notebook);
        m.put("paper", paper);
        m.put("claims", claims.values());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Json.write(file, m);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
