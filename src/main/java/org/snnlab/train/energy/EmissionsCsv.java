package org.snnlab.train.energy;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code emissions.csv} with CodeCarbon's columns (one row per run; units as CodeCarbon's: seconds,
 * kWh, kg CO2eq, watts), so tools that read CodeCarbon output read ours. Columns we cannot know
 * (location, cloud) are left empty; {@code tracking_mode} holds our meter's method.
 */
public final class EmissionsCsv {
    public static final List<String> COLUMNS = List.of("timestamp", "project_name", "run_id", "duration", "emissions",
            "emissions_rate", "cpu_power", "gpu_power", "ram_power", "cpu_energy", "gpu_energy", "ram_energy",
            "energy_consumed", "country_name", "country_iso_code", "region", "cloud_provider", "cloud_region", "os",
            "python_version", "codecarbon_version", "cpu_count", "cpu_model", "gpu_count", "gpu_model", "longitude",
            "latitude", "ram_total_size", "tracking_mode", "on_cloud", "pue");

    private EmissionsCsv() { }

    /** Appends one run's row (header first when the file is new). */
    public static void append(Path file, String project, String runId, double seconds, double joules, double gPerKwh,
                              String method, Map<String, Object> env) throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        double kwh = EnergyMeters.kwh(joules), kg = EnergyMeters.kgCo2(joules, gPerKwh);
        List<Object> row = new ArrayList<>();
        for (String c : COLUMNS) row.add(switch (c) {
            case "timestamp" -> Instant.now().toString();
            case "project_name" -> project;
            case "run_id" -> runId;
            case "duration" -> seconds;
            case "emissions" -> kg;
            case "emissions_rate" -> seconds > 0 ? kg / seconds : 0;
            case "cpu_power" -> seconds > 0 ? joules / seconds : 0;
            case "gpu_power", "ram_power", "gpu_energy", "ram_energy", "gpu_count" -> 0;
            case "cpu_energy", "energy_consumed" -> kwh;
            case "os" -> String.valueOf(env.getOrDefault("os", ""));
            case "cpu_count" -> String.valueOf(env.getOrDefault("cores", ""));
            case "cpu_model" -> String.valueOf(env.getOrDefault("cpu", ""));
            case "tracking_mode" -> method;
            case "on_cloud" -> "N";
            case "pue" -> 1.0;
            default -> "";
        });
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
            if (fresh) p.printRecord(COLUMNS);
            p.printRecord(row);
        }
    }
}
