import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.core.Layer;
import org.snnlab.core.Param;
import org.snnlab.data.DataCatalog;
import org.snnlab.data.Dataset;
import org.snnlab.data.FramesEncoder;
import org.snnlab.data.event.DvsEmulator;
import org.snnlab.data.event.EmulatedDataset;
import org.snnlab.layer.Dense;
import org.snnlab.layer.Flatten;
import org.snnlab.loss.MseRate;
import org.snnlab.model.Sequential;
import org.snnlab.neuron.CubaLif;
import org.snnlab.neuron.Surrogate;
import org.snnlab.neuron.Surrogates;
import org.snnlab.optim.Adam;
import org.snnlab.optim.lr.ConstantLr;
import org.snnlab.train.EpochMetrics;
import org.snnlab.train.LayerStat;
import org.snnlab.train.TrainConfig;
import org.snnlab.train.TrainResult;
import org.snnlab.train.Trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The search behind notebook 05's Part B (tools/rouser_regime.md): Rouser's CUBA-LIF 2312-H-...-H-10
 * network (Takaghaj and Sampson, arXiv 2407.19566; the notebook's rouserNet) on Fashion-MNIST emulated
 * as saccade events with contrast threshold C, over a grid of C x seed x hidden x layers x Th_init x
 * threshold mode (fixed, or trainable at lr_Th = k lr_W), one CSV line per epoch: C, amplitude, hidden,
 * layers, Th_init, mode, seed, epoch, test acc, train acc, then layer:dead_fraction:spike_rate.
 * <pre>
 *   . bin/cpu-env.sh; mvn -q -o -DskipTests package
 *   java $SNNLAB_MODULE_OPTS -cp target/snnlab-0.1.0-SNAPSHOT.jar:$(cat target/classpath.txt) tools/RouserRegimeSearch.java \
 *       --train 500 --test 300 --epochs 6 --C 0.55 --th 10,20 --modes fixed,100,1000 --seeds 1 --out runs/regime.csv
 * </pre>
 */
public class RouserRegimeSearch {
    private static final Map<String, String> OPTS = new HashMap<>();

    private static String opt(String k, String d) { return OPTS.getOrDefault(k, d); }

    private static double[] list(String k, String d) { return Arrays.stream(opt(k, d).split(",")).mapToDouble(Double::parseDouble).toArray(); }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) OPTS.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        int trainN = Integer.parseInt(opt("train", "500")), testN = Integer.parseInt(opt("test", "300"));
        int T = Integer.parseInt(opt("T", "10")), epochs = Integer.parseInt(opt("epochs", "5")), batch = Integer.parseInt(opt("batch", "32"));
        double lr = Double.parseDouble(opt("lr", "1e-3")), amp = Double.parseDouble(opt("amp", "2"));
        Path out = Path.of(opt("out", "regime.csv"));
        DataCatalog.TrainTest images = DataCatalog.load("fashion-mnist", trainN, testN);
        for (double c : list("C", "0.3")) {
            DvsEmulator emu = new DvsEmulator(34, 100, amp, 1000, c, 0.03, 1000, 0.2); // nfashion34() with contrast c
            Dataset train = EmulatedDataset.of(images.train(), emu, T, 1), test = EmulatedDataset.of(images.test(), emu, T, 1_000_000);
            for (double seed : list("seeds", "1")) for (double hidden : list("hidden", "500")) for (double layers : list("layers", "2"))
                for (double th : list("th", "1.25")) for (String mode : opt("modes", "fixed,1,10").split(",")) {
                    boolean trainable = !mode.equals("fixed");
                    Sequential net = net((int) (train.features() / T), (int) hidden, (int) layers, train.classes(), th, trainable, (long) seed);
                    Adam adam = new Adam(0.9, 0.999, 1e-8, 0).withLrScale(Param.Role.THRESHOLD, trainable ? Double.parseDouble(mode) : 1);
                    TrainResult r = Trainer.builder(net, Files.createTempDirectory("regime")).loss(new MseRate()).optimizer(adam)
                            .schedule(new ConstantLr(lr)).encoder(new FramesEncoder())
                            .config(new TrainConfig(epochs, batch, T, (long) seed, 0, false)).build().fit(train, test);
                    for (EpochMetrics m : r.history()) {
                        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%.2f,%.0f,%.0f,%.0f,%.2f,%s,%.0f,%d,%.4f,%.4f",
                                c, amp, hidden, layers, th, mode, seed, m.epoch() + 1, m.testAcc(), m.trainAcc()));
                        Map<String, Double> dead = m.stats(LayerStat.Kind.DEAD_FRACTION), rate = m.stats(LayerStat.Kind.SPIKE_RATE);
                        for (String k : dead.keySet()) sb.append(String.format(Locale.ROOT, ",%s:%.3f:%.4f", k, dead.get(k), rate.getOrDefault(k, Double.NaN)));
                        System.out.println(sb);
                        Files.writeString(out, sb + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    }
                }
        }
    }

    /** The notebook's rouserNet with {@code layers} hidden layers of {@code hidden} neurons. */
    static Sequential net(int inputs, int hidden, int layers, int classes, double th, boolean trainable, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Surrogate s = Surrogates.exponential(1.5, 3.75);
        List<Layer> l = new ArrayList<>(List.of(new Flatten()));
        int prev = inputs;
        for (int i = 0; i < layers; i++) {
            l.add(new Dense(prev, hidden, false, DataType.FLOAT, rng));
            l.add(CubaLif.fromDecays(hidden, 0.25, 0.03, th, s, trainable, DataType.FLOAT));
            prev = hidden;
        }
        l.add(new Dense(prev, classes, false, DataType.FLOAT, rng));
        l.add(CubaLif.fromDecays(classes, 0.25, 0.03, th, s, trainable, DataType.FLOAT));
        return new Sequential(l);
    }
}
