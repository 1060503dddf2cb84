package org.snnlab.data.event;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The event file formats snnlab reads, detected by magic bytes first (HDF5 signature; {@code #!AER-DAT};
 * a {@code "% "} header) and by extension otherwise ({@code .bin}, {@code .dat}, {@code .aedat},
 * {@code .h5}/{@code .hdf5}).
 */
public enum EventFormat {
    NMNIST_BIN("n-mnist-bin"), PROPHESEE_DAT("prophesee-dat"), AEDAT31("aedat-3.1"), SHD_HDF5("shd-hdf5");

    private final String id;

    EventFormat(String id) {
        this.id = id;
    }

    /** Short name used in summaries. */
    public String id() {
        return id;
    }

    /** The format of {@code file}; IllegalArgumentException naming the file when unknown. */
    public static EventFormat detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(16);
        }
        if (Hdf5Header.hasSignature(head)) return SHD_HDF5;
        String s = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (s.startsWith("#!AER-DAT")) return AEDAT31;
        if (s.startsWith("% ")) return PROPHESEE_DAT;
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".bin")) return NMNIST_BIN;
        if (n.endsWith(".dat")) return PROPHESEE_DAT;
        if (n.endsWith(".aedat")) return AEDAT31;
        if (n.endsWith(".h5") || n.endsWith(".hdf5")) return SHD_HDF5;
        throw new IllegalArgumentException(file + ": unknown event format (expected .bin, .dat, .aedat or .h5)");
    }

    /** Whether the name has one of the event file extensions. */
    public static boolean isEventFile(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".bin") || n.endsWith(".dat") || n.endsWith(".aedat") || n.endsWith(".h5") || n.endsWith(".hdf5");
    }

    /** The reader for a single-stream format (SHD holds many samples: use {@link Shd#read}). */
    public EventReader reader() {
        return switch (this) {
            case NMNIST_BIN -> NmnistBin::read;
            case PROPHESEE_DAT -> PropheseeDat::read;
            case AEDAT31 -> Aedat31::read;
            case SHD_HDF5 -> f -> {
                throw new IllegalStateException(f + ": an SHD file holds many samples; read it with Shd.read");
            };
        };
    }
}
