package org.snnlab.cli;

import org.snnlab.data.DataCatalog;
import org.snnlab.data.DataRoots;
import org.snnlab.data.download.DatasetInfo;
import org.snnlab.data.download.Downloader;
import org.snnlab.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code snnlab data download NAME [--dir data] [--offline]}: makes a registered data set present,
 * offline first. Looks in {@code --dir}, then the standard data roots ({@link DataRoots}: {@code -Dsnnlab.data},
 * {@code $SNNLAB_DATA}, {@code ./data}, {@code /usr/share/datasets}, the checkout's {@code data/}); downloads only what none of them holds into
 * {@code <dir>/NAME} (temp file, checksum check, atomic rename) and unpacks archives there. Prints one
 * JSON line (status {@code present} or {@code downloaded}, the folder, notes); when offline or a
 * download fails, one line naming what to fetch, from where and where to put it, exit code 2.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Fetch (offline first) and unpack a registered data set; see `snnlab data list`.")
public final class DataDownloadCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "data set name, e.g. cifar-10, fashion-mnist, shd") String name;
    @Option(names = "--dir", defaultValue = "data", description = "data root to download into (default: data)") Path dir;
    @Option(names = "--offline", description = "never use the network (also: SNNLAB_OFFLINE=1)") boolean offline;

    @Override
    public Integer call() throws IOException {
        DatasetInfo info = DataCatalog.download(name);
        Downloader d = downloader(dir, offline);
        Path before = d.locate(info);
        Path at = d.prepare(info);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", info.name());
        m.put("status", before != null ? "present" : "downloaded");
        m.put("dir", at.toString());
        m.put("licence", info.licence());
        if (!d.log().isEmpty()) m.put("notes", d.log());
        System.out.println(Json.compact(m));
        return 0;
    }

    /** {@code dir} first, then the standard data roots not equal to it; offline when asked or {@code SNNLAB_OFFLINE=1}. */
    static Downloader downloader(Path dir, boolean offline) {
        return new Downloader(DataRoots.standard().withFirst(dir).all(), offline || "1".equals(System.getenv("SNNLAB_OFFLINE")));
    }
}
