package org.snnlab.cli;

import org.snnlab.data.FashionMnistSubset;
import org.snnlab.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code snnlab data make-subset [--from DIR] [--to DIR] [--train N] [--test N]}: writes the bundled
 * Fashion-MNIST subset (see {@link FashionMnistSubset}) from the full IDX files; one JSON line.
 */
@Command(name = "make-subset", mixinStandardHelpOptions = true,
        description = "Write the first N Fashion-MNIST training/test images (gzipped IDX) with LICENSE and PROVENANCE.md.")
public final class DataSubsetCommand implements Callable<Integer> {
    @Option(names = "--from", defaultValue = "/usr/share/datasets/fashion-mnist", description = "folder of the full IDX files") Path from;
    @Option(names = "--to", defaultValue = "data/" + FashionMnistSubset.FOLDER, description = "output folder") Path to;
    @Option(names = "--train", defaultValue = "" + FashionMnistSubset.TRAIN) int train;
    @Option(names = "--test", defaultValue = "" + FashionMnistSubset.TEST) int test;

    @Override
    public Integer call() throws IOException {
        String cmd = "bin/snnlab data make-subset --from " + from + " --to " + to + " --train " + train + " --test " + test;
        FashionMnistSubset.Made made = FashionMnistSubset.make(from, to, train, test, cmd);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", made.dir().toString());
        m.put("train", made.train());
        m.put("test", made.test());
        m.put("sha256", made.sha256());
        System.out.println(Json.compact(m));
        return 0;
    }
}
