package org.snnlab.model;

import org.snnlab.core.Param;
import org.snnlab.layer.Conv2d;
import org.snnlab.layer.Dense;
import org.snnlab.core.Layer;
import org.snnlab.layer.WeightQuantizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The integer weights of a quantization-aware model: for every quantized layer its bit width, the
 * per-tensor scale s and the integer levels q (the weight is {@code s * q}), ready for integer
 * hardware or a JSON file ({@link org.snnlab.util.Json}).
 */
public final class QuantizedExport {
    private QuantizedExport() { }

    /** One entry per quantized layer: name, bits, scale, shape, levels. */
    public static List<Map<String, Object>> export(Sequential model) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer l = model.layers().get(i);
            WeightQuantizer q = l instanceof Dense d ? d.quantizer() : l instanceof Conv2d c ? c.quantizer() : null;
            if (q == null) continue;
            Param w = l instanceof Dense d ? d.weight() : ((Conv2d) l).weight();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("layer", model.names().get(i));
            m.put("bits", q.bits());
            m.put("scale", q.scale(w.value()));
            m.put("shape", w.value().shape());
            m.put("levels", q.levels(w.value()));
            out.add(m);
        }
        return out;
    }
}
