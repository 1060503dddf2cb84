package org.snnlab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.FutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.snnlab.util.Json;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs a sweep's trials as the tasks of one Spark job: {@code parallelize(trials, trials.size())}, one
 * task per trial not yet done, on any Spark master ({@link SparkSettings}). The store is the local
 * executor's ({@link TrialStore}) on a folder that the driver and every executor see (a shared
 * filesystem on a cluster); each attempt trains in its own folder and commits by an atomic rename
 * ({@link TrialAttempts}), so a task retried after a lost executor still finishes its trial once.
 * Results come back to the driver as each task ends ({@code SparkContext.submitJob}'s result handler),
 * where {@code results.csv} grows and the listener hears of it, as with {@link LocalExecutor}.
 *
 * <p>Spark settings it fixes: {@code spark.speculation=false}; {@code spark.task.cpus} = the trial's
 * threads; retries by {@code spark.task.maxFailures} ({@code local[N,F]} in local mode): the last
 * attempt of a failing trial returns the failure instead of throwing, so the job (and the other trials)
 * go on and the trial is left unfinished for the next run. Defaults it sets unless given:
 * {@code spark.ui.enabled=false}, {@code spark.executorEnv.OMP_NUM_THREADS} = the task's CPUs (and the
 * driver's {@code OPENBLAS_CORETYPE}); on a cluster {@code spark.executor.extraClassPath} = this JVM's
 * class path and {@code spark.executor.extraJavaOptions} = its {@code --add-modules} and {@code -D}
 * options (the same vector/native code path as here), which assumes the same install on every worker.
 * GPUs: with {@code spark.task.resource.gpu.amount} (and the executors' resource discovery), each task
 * hands its GPU addresses to the runner ({@link RemoteTrialRunner.Slot#gpus}).
 *
 * <p>Spark: M. Zaharia et al., "Resilient Distributed Datasets: A Fault-Tolerant Abstraction for
 * In-Memory Cluster Computing", NSDI 2012.
 */
public final class SparkExecutor {
    private final SparkSettings settings;
    private final String appName;

    public SparkExecutor(SparkSettings settings, String appName) {
        this.settings = settings;
        this.appName = appName;
    }

    /** What the run measured besides the outcomes. */
    public record Timing(double contextStartSeconds, double jobSeconds) { }

    private Timing timing = new Timing(Double.NaN, Double.NaN);

    /** Start-up of the SparkContext and wall time of the job, of the last {@link #run}. */
    public Timing timing() { return timing; }

    /**
     * Runs every trial not yet done and returns the outcomes in the order of {@code trials}, like
     * {@link LocalExecutor#run}.
     */
    public List<LocalExecutor.Outcome> run(List<Trial> trials, TrialStore store, RemoteTrialRunner runner, ResultsCsv csv,
                                           LocalExecutor.Listener listener) throws IOException {
        LocalExecutor.Listener l = listener == null ? new LocalExecutor.Listener() { } : listener;
        List<LocalExecutor.Outcome> outcomes = new ArrayList<>();
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            Optional<TrialResult> done = TrialAttempts.finished(store, trials.get(i));
            outcomes.add(done.isPresent() ? new LocalExecutor.Outcome(trials.get(i), done.get(), null, true) : null);
            if (done.isEmpty()) pending.add(i);
        }
        LocalExecutor.writeFinished(csv, trials, outcomes);
        if (pending.isEmpty()) {
            l.onStart(trials.size(), trials.size(), 0, settings.taskCpus());
            return outcomes;
        }
        List<Trial> todo = pending.stream().map(trials::get).toList();
        TrialAttempts.setAside(store, todo);
        checkReachable();
        long t0 = System.nanoTime();
        try (JavaSparkContext sc = start()) {
            double startS = (System.nanoTime() - t0) / 1e9;
            l.onStart(trials.size(), trials.size() - pending.size(), Math.max(1, sc.defaultParallelism() / settings.taskCpus()),
                    settings.taskCpus());
            sc.sc().addSparkListener(new SparkListener() {
                @Override
                public void onTaskStart(SparkListenerTaskStart e) {
                    int k = e.taskInfo().index();
                    if (k >= 0 && k < todo.size()) l.onTrialStart(todo.get(k));
                }
            });
            List<String> items = todo.stream().map(TrialStore::toJson).toList();
            TaskFn fn = new TaskFn(store.root().toAbsolutePath().toString(), runner, settings.taskCpus(), settings.attemptsPerTask());
            JavaRDD<String> results = sc.parallelize(items, items.size()).map(fn);
            AtomicInteger finished = new AtomicInteger(trials.size() - pending.size());
            List<Object> parts = new ArrayList<>();
            for (int k = 0; k < todo.size(); k++) parts.add(k);
            long j0 = System.nanoTime();
            FutureAction<BoxedUnit> job = sc.sc().submitJob(results.rdd(), new First(),
                    scala.jdk.javaapi.CollectionConverters.asScala(parts).toSeq(),
                    (k, json) -> {
                        int idx = (Integer) k;
                        outcomes.set(pending.get(idx), received(todo.get(idx), json, store, csv, l, finished, trials.size()));
                        return BoxedUnit.UNIT;
                    },
                    () -> BoxedUnit.UNIT);
            try {
                job.get();
            } catch (Exception e) {
                String why = "the Spark job failed: " + LocalExecutor.message(e);
                for (int k = 0; k < todo.size(); k++) {
                    if (outcomes.get(pending.get(k)) != null) continue;
                    outcomes.set(pending.get(k), new LocalExecutor.Outcome(todo.get(k), null, why, false));
                    l.onTrialFailed(todo.get(k), new IOException(why), finished.incrementAndGet(), trials.size());
                }
            }
            timing = new Timing(startS, (System.nanoTime() - j0) / 1e9);
        }
        LocalExecutor.writeFinished(csv, trials, outcomes);
        return outcomes;
    }

    /** One task's answer, on the driver: a results row and the listener, or a failure. */
    private static LocalExecutor.Outcome received(Trial t, String json, TrialStore store, ResultsCsv csv, LocalExecutor.Listener l,
                                                  AtomicInteger finished, int total) {
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            if (n.hasNonNull("error")) {
                String error = n.get("error").asText();
                l.onTrialFailed(t, new IOException(error), finished.incrementAndGet(), total);
                return new LocalExecutor.Outcome(t, null, error, false);
            }
            TrialResult r = Json.MAPPER.treeToValue(n.get("result"), TrialResult.class);
            if (csv != null) csv.append(t, r);
            l.onTrialEnd(t, r, n.get("seconds").asDouble(), finished.incrementAndGet(), total);
            return new LocalExecutor.Outcome(t, r, null, false);
        } catch (IOException | RuntimeException e) {
            String error = store.dir(t) + ": " + LocalExecutor.message(e);
            l.onTrialFailed(t, e, finished.incrementAndGet(), total);
            return new LocalExecutor.Outcome(t, null, error, false);
        }
    }

    private JavaSparkContext start() {
        try {
            return new JavaSparkContext(conf());
        } catch (Exception | LinkageError e) {
            throw new IllegalArgumentException("Spark did not start with --master " + settings.master() + ": " + LocalExecutor.message(e), e);
        }
    }

    /**
     * The SparkConf: Spark's own defaults (spark.* system properties, as spark-submit sets them), then
     * snnlab's defaults where those left a key unset, then {@code --conf}, then the fixed settings.
     */
    SparkConf conf() {
        SparkConf c = new SparkConf().setMaster(settings.master()).setAppName("snnlab " + appName);
        setIfAbsent(c, "spark.ui.enabled", "false");
        setIfAbsent(c, "spark.executorEnv.OMP_NUM_THREADS", Integer.toString(settings.taskCpus()));
        String coretype = System.getenv("OPENBLAS_CORETYPE");
        if (coretype != null && !coretype.isBlank()) setIfAbsent(c, "spark.executorEnv.OPENBLAS_CORETYPE", coretype);
        if (!settings.local()) {
            setIfAbsent(c, "spark.executor.extraClassPath", System.getProperty("java.class.path"));
            String opts = jvmOptionsForExecutors();
            if (!opts.isEmpty()) setIfAbsent(c, "spark.executor.extraJavaOptions", opts);
        }
        settings.conf().forEach(c::set);
        c.set("spark.speculation", "false");
        c.set("spark.task.cpus", Integer.toString(settings.taskCpus()));
        return c;
    }

    private static void setIfAbsent(SparkConf c, String key, String value) {
        if (!c.contains(key)) c.set(key, value);
    }

    /** This JVM's {@code --add-modules} and {@code -D} options (vector API, native build, snnlab switches). */
    static String jvmOptionsForExecutors() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-modules") || a.startsWith("-Dorg.bytedeco.") || a.startsWith("-Dsnnlab.")
                        || a.startsWith("-Dio.netty."))
                .filter(a -> !a.contains(" "))
                .collect(Collectors.joining(" "));
    }

    /** A {@code spark://} master must answer on its port within 5 s (Spark itself would retry for a minute). */
    private void checkReachable() {
        String hp = settings.standaloneAddress();
        if (hp == null) return;
        int colon = hp.lastIndexOf(':');
        String host = hp.substring(0, colon);
        int port = Integer.parseInt(hp.substring(colon + 1));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot reach the Spark master at " + hp + " (" + LocalExecutor.message(e) + ")");
        }
    }

    /** The task: one trial, one attempt, committed into the shared store; its answer as one JSON line. */
    static final class TaskFn implements org.apache.spark.api.java.function.Function<String, String> {
        private static final long serialVersionUID = 1L;
        private final String root;
        private final RemoteTrialRunner runner;
        private final int threads;
        private final int attempts;

        TaskFn(String root, RemoteTrialRunner runner, int threads, int attempts) {
            this.root = root;
            this.runner = runner;
            this.threads = threads;
            this.attempts = attempts;
        }

        @Override
        public String call(String trialJson) throws Exception {
            Trial t = TrialStore.fromJson(trialJson);
            org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
            int attempt = tc == null ? 0 : tc.attemptNumber();
            List<String> gpus = new ArrayList<>();
            if (tc != null && tc.resourcesJMap().containsKey("gpu")) gpus.addAll(List.of(tc.resourcesJMap().get("gpu").addresses()));
            RemoteTrialRunner.Slot slot = new RemoteTrialRunner.Slot(threads, gpus, attempt);
            String name = t.id() + "-a" + attempt + "-t" + (tc == null ? 0 : tc.taskAttemptId()) + "-" + Long.toHexString(System.nanoTime());
            long t0 = System.nanoTime();
            try {
                TrialResult r = TrialAttempts.run(new TrialStore(java.nio.file.Path.of(root)), t, name, dir -> runner.run(t, dir, slot));
                return Json.compact(Map.of("result", r, "seconds", (System.nanoTime() - t0) / 1e9));
            } catch (Exception e) {
                if (attempt + 1 < attempts) throw e; // Spark runs another attempt
                return Json.compact(Map.of("error", "trial " + t.id() + " (" + t.label() + ") failed " + attempts
                        + " attempt(s); last: " + LocalExecutor.message(e)));
            }
        }
    }

    /** The one element of a one-trial partition. */
    static final class First extends AbstractFunction1<scala.collection.Iterator<String>, String> implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public String apply(scala.collection.Iterator<String> it) {
            return it.next();
        }
    }
}
