package org.snnlab.cli;

import org.snnlab.data.DataCatalog;
import org.snnlab.data.FashionMnist;
import org.snnlab.data.download.DatasetInfo;
import org.snnlab.data.download.Downloader;
import org.snnlab.data.download.RemoteFile;
import org.snnlab.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code snnlab data list [--dir data] [--json]}: every registered data set with its download size,
 * licence, and whether (and where) it is present locally; Fashion-MNIST also counts as present (as
 * {@code subset}) when only the bundled subset is found. A table, or one JSON line per data set.
 */
@Command(name = "list", mixinStandardHelpOptions = true, description = "The known data sets: size, licence, present locally and where.")
public final class DataListCommand implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "data", description = "data root searched first (default: data)") Path dir;
    @Option(names = "--json", description = "one JSON object per line instead of a table") boolean json;

    @Override
    public Integer call() {
        Downloader d = DataDownloadCommand.downloader(dir, true);
        if (!json) System.out.printf(Locale.ROOT, "%-14s %10s  %-8s %s%n", "name", "size", "present", "licence | where");
        for (DatasetInfo info : DataCatalog.downloads()) {
            Map<String, Object> m = row(d, info);
            if (json) System.out.println(Json.compact(m));
            else System.out.printf(Locale.ROOT, "%-14s %10s  %-8s %s | %s%n", m.get("name"), m.get("size"), m.get("present"),
                    m.get("licence"), m.get("where"));
        }
        return 0;
    }

    static Map<String, Object> row(Downloader d, DatasetInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", info.name());
        long bytes = 0;
        boolean unknown = false, manual = false;
        for (RemoteFile f : info.files()) {
            if (f.bytes() > 0) bytes += f.bytes(); else unknown = true;
            manual |= f.manual();
        }
        m.put("size", unknown ? (bytes > 0 ? ">" + mb(bytes) : "?") : mb(bytes));
        m.put("licence", info.licence());
        Path at = d.locate(info);
        String present = at != null ? "yes" : "no", where = at != null ? at.toString() : (manual ? "manual download, see `snnlab data download "
                + info.name() + "`" : "-");
        if (at == null && info.name().equals("fashion-mnist"))
            for (Path p : FashionMnist.subsetCandidates())
                if (Files.isRegularFile(p.resolve("train-images-idx3-ubyte.gz"))) {
                    present = "subset";
                    where = p.toAbsolutePath().normalize().toString();
                    break;
                }
        m.put("present", present);
        m.put("where", where);
        return m;
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
