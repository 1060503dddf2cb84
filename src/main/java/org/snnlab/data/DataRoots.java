package org.snnlab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where data sets are looked for: ONE ordered list of root folders, each data set being the folder
 * {@code <root>/<name>} of the first root that holds it completely. The standard order
 * ({@link #standard()}):
 * <ol>
 *   <li>{@code -Dsnnlab.data} (a system property),</li>
 *   <li>{@code $SNNLAB_DATA},</li>
 *   <li>{@code ./data} (where {@code bin/snnlab data download} puts files by default),</li>
 *   <li>{@code /usr/share/datasets} (Debian's {@code dataset-*} packages, e.g. {@code dataset-fashion-mnist}),</li>
 * </ol>
 * the <em>local</em> roots, then the <em>installation</em> roots, the {@code data/} folder of the
 * snnlab checkout, where the bundled data ships:
 * <ol start="5">
 *   <li>{@code ../data} (a notebook runs in {@code notebooks/}),</li>
 *   <li>{@code $SNNLAB_ROOT/data} ({@code bin/snnlab} sets {@code SNNLAB_ROOT}),</li>
 *   <li>the checkout the snnlab classes were loaded from ({@code <root>/target/classes} or
 *       {@code <root>/target/*.jar}), {@code <root>/data}.</li>
 * </ol>
 * A root that is the same folder as an earlier one (after making both absolute) is dropped. An
 * explicit folder (a command's {@code --data-dir}) is not a root: it is used as it is.
 *
 * @param local        the local roots, searched first
 * @param installation the installation roots, searched after the local ones
 */
public record DataRoots(List<Path> local, List<Path> installation) {
    /** Debian's data set folder ({@code /usr/share/datasets/<name>}). */
    public static final Path SYSTEM = Path.of("/usr/share/datasets");

    public DataRoots {
        if (local == null || installation == null) throw new IllegalArgumentException("root lists must not be null");
        List<Path> seen = new ArrayList<>();
        local = distinct(local, seen);
        installation = distinct(installation, seen);
        if (local.isEmpty() && installation.isEmpty()) throw new IllegalArgumentException("need at least one data root");
    }

    private static List<Path> distinct(List<Path> roots, List<Path> seen) {
        List<Path> out = new ArrayList<>();
        for (Path r : roots) {
            if (r == null) throw new IllegalArgumentException("a data root must not be null");
            Path abs = r.toAbsolutePath().normalize();
            if (seen.contains(abs)) continue;
            seen.add(abs);
            out.add(r);
        }
        return List.copyOf(out);
    }

    /** The standard roots, from this JVM's {@code snnlab.data} property and {@code SNNLAB_DATA} / {@code SNNLAB_ROOT} variables. */
    public static DataRoots standard() {
        return of(System.getProperty("snnlab.data"), System.getenv("SNNLAB_DATA"), System.getenv("SNNLAB_ROOT"), checkout());
    }

    /**
     * The standard order for given settings (each may be null: not set).
     *
     * @param property the {@code snnlab.data} system property
     * @param env      {@code $SNNLAB_DATA}
     * @param root     {@code $SNNLAB_ROOT}
     * @param checkout the snnlab checkout's folder
     */
    public static DataRoots of(String property, String env, String root, Path checkout) {
        List<Path> local = new ArrayList<>(), installation = new ArrayList<>();
        if (property != null) local.add(Path.of(property));
        if (env != null) local.add(Path.of(env));
        local.add(Path.of("data"));
        local.add(SYSTEM);
        installation.add(Path.of("..", "data"));
        if (root != null) installation.add(Path.of(root, "data"));
        if (checkout != null) installation.add(checkout.resolve("data"));
        return new DataRoots(local, installation);
    }

    /** Every root in order: the local ones, then the installation ones. */
    public List<Path> all() {
        List<Path> all = new ArrayList<>(local);
        all.addAll(installation);
        return List.copyOf(all);
    }

    /** {@code <root>/<name>} for every root, in order. */
    public List<Path> folders(String name) {
        return all().stream().map(r -> r.resolve(name)).toList();
    }

    /** {@code <root>/<name>} for the local roots only, in order. */
    public List<Path> localFolders(String name) {
        return local.stream().map(r -> r.resolve(name)).toList();
    }

    /** The first of {@link #folders(String) folders(name)} that is a folder passing {@code complete}, or null. */
    public Path find(String name, Predicate<Path> complete) {
        for (Path p : folders(name)) if (Files.isDirectory(p) && complete.test(p)) return p;
        return null;
    }

    /** These roots with {@code root} searched first (where {@code bin/snnlab data download --dir} puts files). */
    public DataRoots withFirst(Path root) {
        List<Path> l = new ArrayList<>();
        l.add(root);
        l.addAll(local);
        return new DataRoots(l, installation);
    }

    /** The snnlab checkout holding these classes ({@code <root>/target/classes} or {@code <root>/target/*.jar}), or null. */
    static Path checkout() {
        try {
            Path p = Path.of(DataRoots.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path q = p; q != null; q = q.getParent())
                if (q.getFileName() != null && q.getFileName().toString().equals("target")) return q.getParent();
        } catch (Exception e) {
            // no code source (e.g. a custom class loader): not an error, just one place fewer to look
        }
        return null;
    }
}
