package org.snnlab.cli;

import org.snnlab.data.event.Aedat31;
import org.snnlab.data.event.Events;
import org.snnlab.data.event.NmnistBin;
import org.snnlab.data.event.PropheseeDat;
import org.snnlab.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code snnlab data}: look at data files. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Inspect data files.",
        subcommands = {DataCommand.Inspect.class})
public final class DataCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    /**
     * {@code snnlab data inspect PATH}: what an event file holds (format by extension: N-MNIST {@code .bin},
     * Prophesee {@code .dat}, AEDAT 3.1 {@code .aedat}), as one JSON line. A truncated or garbled file
     * ends with one line naming the file and the byte offset, exit code 2.
     */
    @Command(name = "inspect", mixinStandardHelpOptions = true, description = "Summarise an event file (JSON line).")
    public static final class Inspect implements Callable<Integer> {
        @Parameters(index = "0", description = "an event file (.bin, .dat, .aedat)") Path path;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(path)) throw new IllegalArgumentException("no such file: " + path);
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            String format;
            Events e;
            if (name.endsWith(".bin")) { format = "n-mnist-bin"; e = NmnistBin.read(path); }
            else if (name.endsWith(".dat")) { format = "prophesee-dat"; e = PropheseeDat.read(path); }
            else if (name.endsWith(".aedat")) { format = "aedat-3.1"; e = Aedat31.read(path); }
            else throw new IllegalArgumentException(path + ": unknown event format (expected .bin, .dat or .aedat)");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", path.toString());
            m.put("format", format);
            m.put("events", e.size());
            m.put("sensor", e.width() + "x" + e.height());
            m.put("duration_us", e.duration());
            m.put("on", e.onCount());
            m.put("off", e.size() - e.onCount());
            m.put("time_sorted", e.isSorted());
            System.out.println(Json.compact(m));
            return 0;
        }
    }
}
