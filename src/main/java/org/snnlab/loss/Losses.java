package org.snnlab.loss;

import java.util.Locale;

/** Losses by command-line name: ce-count, ce-mem, mse-count[:correct,incorrect], mse-rate. */
public final class Losses {
    private Losses() { }

    public static Loss parse(String spec) {
        String[] parts = spec.trim().split(":", 2);
        return switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "ce-count" -> new CrossEntropyCount();
            case "ce-mem" -> new CrossEntropyMembrane();
            case "mse-rate" -> new MseRate();
            case "mse-count" -> mseCount(spec, parts.length > 1 ? parts[1] : "0.8,0.2");
            default -> throw new IllegalArgumentException("unknown loss '" + spec + "' (ce-count, ce-mem, mse-count[:c,i], mse-rate)");
        };
    }

    private static Loss mseCount(String spec, String args) {
        String[] a = args.split(",");
        try {
            if (a.length != 2) throw new NumberFormatException();
            return new MseCount(Double.parseDouble(a[0].trim()), Double.parseDouble(a[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("loss '" + spec + "': expected mse-count:<correct>,<incorrect>, e.g. mse-count:0.8,0.2");
        }
    }
}
