package org.snnlab.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@link SparkExecutor} runs a sweep, checked before anything starts (this class needs no Spark on
 * the class path, so the command line can refuse bad input in one line either way).
 *
 * <ul>
 *   <li>{@code master}: {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]} (F = attempts
 *       per task), {@code spark://HOST:PORT[,HOST:PORT]}, {@code yarn}, {@code k8s://...}, or
 *       {@code local-cluster[...]};</li>
 *   <li>{@code conf}: {@code spark.*} settings passed to Spark as given; {@code spark.speculation} may not be
 *       turned on (two live attempts of every slow trial would double the work);</li>
 *   <li>{@code taskCpus}: {@code spark.task.cpus}, the threads of each trial;</li>
 * </ul>
 * Attempts per task: F of {@code local[N,F]}, 1 for other local masters (Spark's rule), else
 * {@code spark.task.maxFailures} (default 4).
 *
 * @param master   the Spark master URL
 * @param conf     extra {@code spark.*} settings
 * @param taskCpus threads per trial (&gt;= 1)
 */
public record SparkSettings(String master, Map<String, String> conf, int taskCpus) {
    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,(\\d+))?])?");
    private static final Pattern STANDALONE = Pattern.compile("spark://[^:/,\\s]+:\\d+(,[^:/,\\s]+:\\d+)*");

    public SparkSettings {
        if (master == null || master.isBlank()) throw new IllegalArgumentException("--master must not be blank");
        master = master.trim();
        if (!(LOCAL.matcher(master).matches() || STANDALONE.matcher(master).matches() || master.equals("yarn")
                || master.startsWith("k8s://") || master.startsWith("local-cluster[")))
            throw new IllegalArgumentException("--master must be local[N], local[N,F], spark://HOST:PORT, yarn or k8s://..., got '" + master + "'");
        Matcher m = LOCAL.matcher(master);
        if (m.matches() && "0".equals(m.group(2))) throw new IllegalArgumentException("--master " + master + ": needs at least 1 thread");
        if (m.matches() && "0".equals(m.group(4))) throw new IllegalArgumentException("--master " + master + ": needs at least 1 attempt per task");
        conf = Collections.unmodifiableMap(new LinkedHashMap<>(conf));
        for (Map.Entry<String, String> e : conf.entrySet()) {
            if (!e.getKey().startsWith("spark.")) throw new IllegalArgumentException("--conf " + e.getKey() + ": not a Spark setting (spark.*)");
            if (e.getKey().equals("spark.speculation") && !e.getValue().trim().equalsIgnoreCase("false"))
                throw new IllegalArgumentException("--conf spark.speculation: the Spark executor runs one attempt per trial at a time; speculation stays off");
            if (e.getKey().equals("spark.task.cpus")) throw new IllegalArgumentException("--conf spark.task.cpus: use --task-cpus");
        }
        if (taskCpus < 1) throw new IllegalArgumentException("--task-cpus must be >= 1, got " + taskCpus);
        positiveInt("spark.task.maxFailures", conf.get("spark.task.maxFailures"));
    }

    /** Parses repeated {@code key=value} options. */
    public static Map<String, String> parseConf(List<String> pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--conf must be key=value, got '" + p + "'");
            m.put(p.substring(0, eq).trim(), p.substring(eq + 1));
        }
        return m;
    }

    /** True for an in-process master ({@code local...}): the tasks run in this JVM. */
    public boolean local() {
        return LOCAL.matcher(master).matches();
    }

    /** Attempts each task gets before the trial counts as failed. */
    public int attemptsPerTask() {
        Matcher m = LOCAL.matcher(master);
        if (m.matches()) return m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
        String v = conf.get("spark.task.maxFailures");
        return v == null ? 4 : Integer.parseInt(v.trim());
    }

    /** The first {@code HOST:PORT} of a {@code spark://} master (to check it answers), or null. */
    public String standaloneAddress() {
        if (!STANDALONE.matcher(master).matches()) return null;
        return master.substring("spark://".length()).split(",")[0];
    }

    /** GPUs per task asked for ({@code spark.task.resource.gpu.amount}), 0 if none. */
    public double gpusPerTask() {
        String v = conf.get("spark.task.resource.gpu.amount");
        if (v == null) return 0;
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--conf spark.task.resource.gpu.amount must be a number, got '" + v + "'");
        }
    }

    private static void positiveInt(String key, String v) {
        if (v == null) return;
        try {
            if (Integer.parseInt(v.trim()) >= 1) return;
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new IllegalArgumentException("--conf " + key + " must be an integer >= 1, got '" + v + "'");
    }
}
