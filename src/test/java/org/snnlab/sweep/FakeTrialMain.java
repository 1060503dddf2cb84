package org.snnlab.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A child-process trial without training, for {@link ProcessTrialRunner} tests:
 * {@code FakeTrialMain MODE DIR}. MODE {@code ok}: writes result.json with accuracy = seed / 10 and
 * prints the OMP_NUM_THREADS it got; {@code fail}: one error line, exit 2; {@code hang}: watches its
 * parent and sleeps for a minute.
 */
public final class FakeTrialMain {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "ok" -> {
                Trial t = TrialStore.readTrial(dir);
                System.out.println("threads " + System.getenv("OMP_NUM_THREADS"));
                TrialStore.writeResult(dir, fake(t.seed() / 10.0));
            }
            case "fail" -> {
                System.err.println("bad things: no data");
                System.exit(2);
            }
            default -> {
                ParentWatch.start(System.in);
                Thread.sleep(60_000);
            }
        }
    }

    static TrialResult fake(double acc) {
        return new TrialResult(TrialResult.Status.DONE, acc, acc, 1, -1, 0.5, Double.NaN, 10, 10 * 475 / 3.6e3,
                "fake", List.of(acc), "");
    }

    static Trial trial(long seed) {
        return new Trial(Map.of("--model", "fc"), Map.of("lr", "1e-3"), seed);
    }
}
