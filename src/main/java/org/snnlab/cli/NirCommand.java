package org.snnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.snnlab.data.DataCatalog;
import org.snnlab.data.DataSetEntry;
import org.snnlab.data.EncoderSpec;
import org.snnlab.interop.Nir;
import org.snnlab.interop.NirExport;
import org.snnlab.interop.NirGraph;
import org.snnlab.interop.NirImport;
import org.snnlab.loss.LossSpec;
import org.snnlab.model.Sequential;
import org.snnlab.neuron.LifConfig;
import org.snnlab.optim.Adam;
import org.snnlab.optim.lr.ConstantLr;
import org.snnlab.train.Checkpoint;
import org.snnlab.train.Evaluation;
import org.snnlab.train.TrainConfig;
import org.snnlab.train.TrainSpec;
import org.snnlab.train.Training;
import org.snnlab.train.Trainer;
import org.snnlab.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code snnlab nir}: NIR files (the Neuromorphic Intermediate Representation read by Lava, SpiNNaker2,
 * Xylo, snnTorch, Norse, SpikingJelly). {@code export RUN_DIR OUT.nir} rebuilds a run's network from
 * its provenance.json spec and checkpoint and writes it; {@code inspect FILE} prints nodes, shapes,
 * edges and metadata as one JSON line; {@code eval FILE} imports a file and reports its test accuracy
 * on a catalog data set. Bad input: one line on stderr, exit code 2.
 */
@Command(name = "nir", mixinStandardHelpOptions = true, description = "Export, inspect and evaluate NIR files.",
        subcommands = {NirCommand.Export.class, NirCommand.Inspect.class, NirCommand.Eval.class})
public final class NirCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    /** {@code snnlab nir export RUN_DIR OUT.nir [--dt S]}. */
    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write a training run's network as a NIR file (last line: JSON).")
    static final class Export implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a train run's folder (provenance.json, checkpoint.bin)") Path run;
        @Parameters(index = "1", paramLabel = "OUT.nir") Path out;
        @Option(names = "--dt", defaultValue = "1e-4", description = "time step in seconds the NIR time constants are written for (default 1e-4)") double dt;

        @Override
        public Integer call() throws IOException {
            Training.Restored r = Training.restore(run);
            TrainSpec spec = r.spec();
            DataSetEntry entry = DataCatalog.entry(spec.data().name());
            Sequential net = r.model();
            NirExport.Options o = NirExport.Options.defaults().withDt(dt).withMetadata("train_spec", spec.toJson())
                    .withMetadata("dataset", spec.data().name()).withMetadata("encoder", spec.encoder().text())
                    .withMetadata("time_steps", org.snnlab.interop.NirArray.scalar((long) spec.timeSteps()))
                    .withMetadata("epochs_trained", org.snnlab.interop.NirArray.scalar((long) r.epochsDone()));
            NirGraph g = Nir.export(net, entry.shape(), out, o);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("out", out.toString());
            m.put("nodes", g.nodes().size());
            m.put("edges", g.edges().size());
            m.put("dt", dt);
            m.put("epochs_trained", r.epochsDone());
            System.out.println(Json.compact(m));
            return 0;
        }
    }

    /** {@code snnlab nir inspect FILE}. */
    @Command(name = "inspect", mixinStandardHelpOptions = true, description = "Nodes, shapes, edges and metadata of a NIR file as one JSON line.")
    static final class Inspect implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE.nir") Path file;

        @Override
        public Integer call() {
            System.out.println(Json.compact(Nir.inspect(file)));
            return 0;
        }
    }

    /** {@code snnlab nir eval FILE --dataset NAME ...}: the imported network's test accuracy. */
    @Command(name = "eval", mixinStandardHelpOptions = true, description = "Import a NIR file and evaluate it on a data set's test split (JSON line).")
    static final class Eval implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE.nir") Path file;
        @Option(names = "--dataset", description = "a data catalog name (default: the file's training spec, else fashion-mnist)") String dataset;
        @Option(names = "--time-steps", description = "T, frames per example for event data (default: the training spec's, else 10)") Integer steps;
        @Option(names = "--limit-test", description = "use the first N test examples (default: the training spec's limit)") Integer limitTest;
        @Option(names = "--encoder", description = "direct | rate[:gain] | latency[:threshold] | frames (default: the training spec's; direct, event data: frames)") String encoder;
        @Option(names = "--loss", description = "decides the predicted class: ce-count | ce-mem | mse-count | mse-rate (default: the training spec's, else mse-rate)") String loss;
        @Option(names = "--dt", description = "integrate at this time step (default: the file's metadata/dt, else 1e-4)") Double dt;
        @Option(names = "--batch", defaultValue = "64") int batch;

        @Override
        public Integer call() throws IOException {
            NirImport.Options o = dt == null ? NirImport.Options.defaults() : NirImport.Options.defaults().withDt(dt);
            NirImport.Imported m = Nir.load(file, o);
            Object specJson = org.snnlab.interop.NirFile.read(file).graph().metadata().get("train_spec");
            TrainSpec spec = specJson instanceof String js ? TrainSpec.fromJson(js) : null; // written by `nir export`
            String name = dataset != null ? dataset : spec != null ? spec.data().name() : "fashion-mnist";
            int t = steps != null ? steps : spec != null ? spec.timeSteps() : 10;
            Integer limit = limitTest != null ? limitTest : spec != null && spec.data().name().equals(name) ? spec.data().limitTest() : null;
            String enc = encoder != null ? encoder : spec != null ? spec.encoder().text() : DataCatalog.isEvents(name) ? "frames" : "direct";
            String lossText = loss != null ? loss : spec != null ? spec.loss().text() : "mse-rate";
            DataCatalog.TrainTest data = DataCatalog.load(name, t, 1, limit);
            Path scratch = Files.createTempDirectory("snnlab-nir-eval");
            Trainer tr = Trainer.builder(m.net(), scratch).loss(LossSpec.parse(lossText).create()).optimizer(new Adam(0.9, 0.999, 1e-8, 0))
                    .schedule(new ConstantLr(1e-3)).encoder(EncoderSpec.parse(enc).create()).config(new TrainConfig(1, batch, t, 0, 0, false)).build();
            Evaluation ev;
            try {
                ev = tr.evaluate(data.test());
            } finally {
                try (var files = Files.walk(scratch)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("file", file.toString());
            r.put("dataset", name);
            r.put("time_steps", t);
            r.put("encoder", enc);
            r.put("loss", lossText);
            r.put("test_examples", data.test().size());
            r.put("test_accuracy", ev.accuracy());
            r.put("test_loss", ev.loss());
            r.put("dt", m.dt());
            System.out.println(Json.compact(r));
            return 0;
        }
    }
}
