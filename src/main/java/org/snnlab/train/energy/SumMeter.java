package org.snnlab.train.energy;

import java.util.List;
import java.util.stream.Collectors;

/** Several meters read together (CPU package + GPUs): joules add up, methods are listed with " + ". */
public record SumMeter(List<EnergyMeter> parts) implements EnergyMeter {
    public SumMeter {
        if (parts == null || parts.isEmpty()) throw new IllegalArgumentException("a sum of meters needs at least one meter");
        parts = List.copyOf(parts);
    }

    @Override
    public double joules() {
        return parts.stream().mapToDouble(EnergyMeter::joules).sum();
    }

    @Override
    public String method() {
        return parts.stream().map(EnergyMeter::method).collect(Collectors.joining(" + "));
    }
}
