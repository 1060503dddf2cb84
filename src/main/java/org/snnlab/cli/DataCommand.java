package org.snnlab.cli;

import org.snnlab.data.Cifar;
import org.snnlab.data.CifarBin;
import org.snnlab.data.Split;
import org.snnlab.data.event.DvsGesture;
import org.snnlab.data.event.EventFolders;
import org.snnlab.data.event.EventFormat;
import org.snnlab.data.event.Events;
import org.snnlab.data.event.Shd;
import org.snnlab.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code snnlab data}: look at data files, list / download / bundle data sets, measure loading speed. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Inspect, list, download and benchmark data.",
        subcommands = {DataCommand.Inspect.class, DataListCommand.class, DataDownloadCommand.class, DataSubsetCommand.class,
                DataBenchCommand.class, DataCacheCommand.class})
public final class DataCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    /**
     * {@code snnlab data inspect PATH}: what an event file or data set folder holds, as one JSON line.
     * Files: format (by magic bytes, else extension: N-MNIST {@code .bin}, Prophesee {@code .dat},
     * AEDAT 3.1 {@code .aedat}, SHD {@code .h5}), events, sensor, duration, ON/OFF counts (SHD: samples
     * and classes); CIFAR record files by name ({@code data_batch_N.bin}, {@code test_batch.bin}: CIFAR-10;
     * {@code train.bin}, {@code test.bin}: CIFAR-100): records and class counts. Folders: CIFAR train/test
     * record counts, DVS128 Gesture split/class counts from the label files, otherwise event
     * files per class folder. Every data file of a folder is read (as training would read it); a
     * truncated or garbled file ends with one line naming the file and the byte offset, exit code 2 (for
     * a folder after the JSON line, which lists the corrupt files).
     */
    @Command(name = "inspect", mixinStandardHelpOptions = true, description = "Summarise an event file or data set folder (JSON line).")
    public static final class Inspect implements Callable<Integer> {
        @Parameters(index = "0", description = "an event file (.bin, .dat, .aedat, .h5), a CIFAR record file, or a data set folder") Path path;

        @Override
        public Integer call() throws IOException {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(Files.isDirectory(path) ? "folder" : "file", path.toString());
            if (Files.isDirectory(path)) folder(m);
            else if (Files.isRegularFile(path)) file(m);
            else throw new IllegalArgumentException("no such file or folder: " + path);
            System.out.println(Json.compact(m));
            return 0;
        }

        private void file(Map<String, Object> m) throws IOException {
            CifarBin.Layout layout = CifarBin.layoutOf(path);
            if (layout != null) { cifar(m, layout, path); return; }
            EventFormat f = EventFormat.detect(path);
            m.put("format", f.id());
            if (f == EventFormat.SHD_HDF5) { shd(m); return; }
            Events e = f.reader().read(path);
            m.put("events", e.size());
            m.put("sensor", e.width() + "x" + e.height());
            m.put("duration_us", e.duration());
            m.put("on", e.onCount());
            m.put("off", e.size() - e.onCount());
            m.put("time_sorted", e.isSorted());
        }

        private void shd(Map<String, Object> m) throws IOException {
            Shd.Contents c = Shd.read(path);
            long events = 0, longest = 0;
            Map<Integer, Integer> classes = new TreeMap<>();
            for (Shd.Sample s : c.samples()) {
                events += s.events().size();
                longest = Math.max(longest, s.events().size() == 0 ? 0 : s.events().t(s.events().size() - 1));
                classes.merge(s.label(), 1, Integer::sum);
            }
            m.put("samples", c.samples().size());
            m.put("events", events);
            m.put("sensor", Shd.CHANNELS + "x1");
            m.put("max_time_us", longest);
            m.put("classes", classes);
        }

        private static void cifar(Map<String, Object> m, CifarBin.Layout layout, Path file) throws IOException {
            CifarBin.Records r = CifarBin.read(file, layout);
            m.put("format", layout == CifarBin.Layout.CIFAR10 ? "cifar-10-bin" : "cifar-100-bin");
            m.put("records", r.count());
            m.put("image", "3x32x32");
            Map<Integer, Integer> classes = new TreeMap<>();
            for (int l : r.labels()) classes.merge(l, 1, Integer::sum);
            m.put("classes", classes);
        }

        private void folder(Map<String, Object> m) throws IOException {
            FolderCheck.Result check = FolderCheck.check(path);
            m.put("files_checked", check.checked());
            if (!check.corrupt().isEmpty()) {
                m.put("corrupt", check.corrupt().size());
                m.put("corrupt_files", check.corrupt().subList(0, Math.min(20, check.corrupt().size())));
                System.out.println(Json.compact(m));
                throw new IOException(path + ": " + check.corrupt().size() + " of " + check.checked() + " data files are corrupt; first: "
                        + check.corrupt().get(0));
            }
            summary(m);
        }

        private void summary(Map<String, Object> m) throws IOException {
            for (CifarBin.Layout layout : CifarBin.Layout.values()) {
                Path dir = Cifar.folder(path, layout);
                if (!Files.isRegularFile(dir.resolve(Cifar.files(layout, Split.TEST).get(0)))) continue;
                m.put("format", layout == CifarBin.Layout.CIFAR10 ? "cifar-10" : "cifar-100");
                for (Split split : Split.values()) {
                    int n = 0;
                    for (String f : Cifar.files(layout, split))
                        if (Files.isRegularFile(dir.resolve(f))) n += CifarBin.read(dir.resolve(f), layout).count();
                    m.put(split.label(), n);
                }
                return;
            }
            if (Files.isRegularFile(path.resolve(DvsGesture.TRAIN)) || Files.isRegularFile(path.resolve(DvsGesture.TEST))) {
                m.put("format", "dvs128-gesture");
                m.put("classes", DvsGesture.classCounts(path));
            } else {
                m.put("format", "event-folders");
                m.put("classes", EventFolders.classCounts(path));
            }
        }
    }
}
