package org.snnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.snnlab.sweep.Trial;
import org.snnlab.sweep.TrialResult;
import org.snnlab.sweep.TrialStore;
import org.snnlab.train.EpochMetrics;
import org.snnlab.train.MetricsCsv;
import org.snnlab.train.NonFiniteException;
import org.snnlab.train.StabilityDetector;
import org.snnlab.train.TrainSpec;
import org.snnlab.train.Training;
import org.snnlab.util.Json;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sweep and range-scan trials as {@code snnlab train} runs: a trial's fixed settings are {@code train}
 * options (option name -> value, "" for a flag), each grid parameter {@code name} is the option
 * {@code --name} ({@code policy} = {@code --schedule}, {@code vth} = {@code --threshold}), and the sweep
 * adds {@code --seed}, {@code --out <trial>/run}, {@code --quiet} and {@code --data-cache}.
 */
final class TrainTrials {
    /** Options the sweep sets itself. */
    static final Set<String> MANAGED = Set.of("--seed", "--out", "--quiet", "--data-cache", "--help", "--version");
    /** Grid parameter names that stand for a differently named train option. */
    static final Map<String, String> ALIASES = Map.of("policy", "--schedule", "vth", "--threshold");

    private TrainTrials() { }

    /** The train option a grid parameter sets. */
    static String option(String param) {
        return ALIASES.getOrDefault(param, "--" + param);
    }

    /**
     * The fixed settings from {@code train} options as typed: option name -> value, in the order given.
     *
     * @throws IllegalArgumentException for an unknown or malformed option, or one the sweep sets itself
     */
    static Map<String, String> fixedOptions(List<String> args) {
        CommandLine cl = new CommandLine(new TrainCommand());
        ParseResult pr;
        try {
            pr = cl.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException("train option: " + e.getMessage());
        }
        if (!pr.unmatched().isEmpty()) throw new IllegalArgumentException("unknown train arguments " + pr.unmatched());
        Map<String, String> m = new LinkedHashMap<>();
        for (OptionSpec o : pr.matchedOptions()) {
            String name = o.longestName();
            if (MANAGED.contains(name))
                throw new IllegalArgumentException(name + " is set by the sweep itself" + (name.equals("--seed") ? " (use --seeds)" : ""));
            m.put(name, o.arity().max() == 0 ? "" : String.join(",", o.stringValues()));
        }
        return m;
    }

    /** The full {@code train} arguments of a trial. */
    static List<String> args(Trial t, Path trialDir, Path dataCache) {
        List<String> a = new ArrayList<>();
        t.fixed().forEach((k, v) -> {
            a.add(k);
            if (!v.isEmpty()) a.add(v);
        });
        t.params().forEach((k, v) -> {
            a.add(option(k));
            a.add(v);
        });
        a.addAll(List.of("--seed", Long.toString(t.seed()), "--out", trialDir.resolve("run").toString(), "--quiet"));
        if (dataCache != null) a.addAll(List.of("--data-cache", dataCache.toString()));
        return a;
    }

    /**
     * The trial's resolved training recipe (seed included). Its canonical JSON is the trial's identity,
     * so {@code --param lr=1e-3} and the default rate 1e-3 name the same trial.
     */
    static TrainSpec spec(Trial t) throws IOException {
        try {
            return command(t, Path.of("."), null).spec();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trial " + t.label() + ": " + e.getMessage());
        }
    }

    /** The trial identified by its recipe. */
    static Trial bind(Trial t) throws IOException {
        return t.identifiedBy(spec(t).toJson());
    }

    /** A parsed (not yet validated) train command for the trial. */
    static TrainCommand command(Trial t, Path trialDir, Path dataCache) {
        TrainCommand cmd = new TrainCommand();
        try {
            new CommandLine(cmd).parseArgs(args(t, trialDir, dataCache).toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException("trial " + t.label() + ": " + e.getMessage());
        }
        return cmd;
    }

    /** Checks a trial's options without running it (parameter names and values included); the trial identified by its recipe. */
    static Trial validate(Trial t) throws IOException {
        CommandLine spec = new CommandLine(new TrainCommand());
        for (String k : t.params().keySet()) {
            String opt = option(k);
            if (!spec.getCommandSpec().optionsMap().containsKey(opt))
                throw new IllegalArgumentException("grid parameter '" + k + "' is not a train option (" + opt + "; see snnlab train --help)");
            if (MANAGED.contains(opt)) throw new IllegalArgumentException("grid parameter '" + k + "' is set by the sweep itself");
            if (t.fixed().containsKey(opt)) throw new IllegalArgumentException("'" + k + "' is both a grid parameter and the fixed option " + opt);
        }
        return bind(t);
    }

    /**
     * Trains the trial in this JVM. A NaN/Inf stop becomes a DIVERGED result holding the epochs that
     * finished. Stability in the result: the trial's own {@code --stability-window} rule, else the
     * paper's (10 epochs, 1 point).
     */
    static TrialResult run(Trial t, Path trialDir, Path dataCache) throws IOException {
        TrainCommand cmd = command(t, trialDir, dataCache);
        TrainSpec spec = cmd.spec();
        if (!spec.toJson().equals(t.identity()))
            throw new IllegalStateException(trialDir + ": its trial.json describes another recipe than its options give today"
                    + " (the defaults changed?); run the sweep into a new --out folder");
        StabilityDetector rule = spec.stability() != null ? spec.stability() : StabilityDetector.paper();
        Path run = trialDir.resolve("run");
        try {
            Training.Outcome o = Training.run(spec, run, cmd.runOptions());
            return TrialResult.of(o.result().history(), rule, o.energyMethod());
        } catch (NonFiniteException e) {
            List<EpochMetrics> h = new MetricsCsv(run.resolve("metrics.csv")).read();
            return TrialResult.diverged(h, rule, energyMethod(run), e.getMessage());
        }
    }

    /** The energy method a run recorded in its provenance.json ("" if none). */
    static String energyMethod(Path run) {
        try {
            Path f = run.resolve("provenance.json");
            if (!Files.isRegularFile(f)) return "";
            JsonNode n = Json.MAPPER.readTree(f.toFile());
            return n.has("energy_method") ? n.get("energy_method").asText() : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Reads a trial folder's trial.json, runs it here and writes result.json (the child-JVM side). */
    static TrialResult runFolder(Path trialDir, Path dataCache) throws IOException {
        Trial t = TrialStore.readTrial(trialDir);
        if (!trialDir.getFileName().toString().equals(t.id()))
            throw new IllegalArgumentException(trialDir + ": its trial.json describes trial " + t.id() + ", not this folder's");
        TrialResult r = run(t, trialDir, dataCache);
        TrialStore.writeResult(trialDir, r);
        return r;
    }
}
