package org.snnlab.interop;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.snnlab.layer.SumPool2d;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;
import org.snnlab.layer.Dense;
import org.snnlab.layer.MaxPool2d;
import org.snnlab.layer.BatchNorm;
import org.snnlab.model.Sequential;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.LifConfig;
import org.snnlab.neuron.RecurrentLif;
import org.snnlab.neuron.ResetMode;
import org.snnlab.util.Json;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files in the reference layout (written by {@code src/test/resources/nir/make_fixtures.py} with h5py:
 * variable-length strings, gzip-compressed chunks, nir 1.0.x's input_type / output_type groups) import
 * and give the spikes numpy computes from NIR's ODEs at dt = 1e-4; malformed files and layers NIR
 * cannot hold fail with one line naming the node and the field.
 */
class NirFixturesTest {
    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(NirFixturesTest.class.getResource("/nir/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"snntorch_affine_lif.nir", "conv_sumpool_cubalif.nir", "rleaky.nir"})
    void referenceLayoutFilesGiveTheSpikesOfNirsEquations(String name) throws IOException {
        JsonNode e = Json.MAPPER.readTree(fixture("expected.json").toFile()).get(name);
        int T = e.get("T").asInt(), B = e.get("B").asInt();
        long[] shape = Json.MAPPER.convertValue(e.get("input_shape"), long[].class);
        double[] in = Json.MAPPER.convertValue(e.get("input"), double[].class), want = Json.MAPPER.convertValue(e.get("output"), double[].class);
        NirImport.Imported m = Nir.load(fixture(name));
        assertArrayEquals(shape, m.inputShape());
        assertEquals(NirConventions.DEFAULT_DT, m.dt(), "no metadata/dt: the default");
        long[] rows = new long[shape.length + 1];
        rows[0] = (long) T * B;
        System.arraycopy(shape, 0, rows, 1, shape.length);
        INDArray x = Nd4j.createFromArray(in).castTo(DataType.FLOAT).reshape('c', rows);
        INDArray y = m.net().forward(Seq.of(x, T), Pass.eval()).output().data();
        double[] got = y.castTo(DataType.DOUBLE).dup('c').reshape(y.length()).toDoubleVector();
        assertArrayEquals(want, got, name + ": spikes differ from NIR's equations");
    }

    @Test
    void importedLayersAreTheExpectedOnes() {
        Sequential conv = Nir.load(fixture("conv_sumpool_cubalif.nir")).net();
        assertEquals(List.of("Conv2d", "SumPool2d", "Flatten", "Dense", "CubaLif"), conv.layers().stream().map(l -> l.type()).toList());
        org.snnlab.neuron.CubaLif c = (org.snnlab.neuron.CubaLif) conv.layers().get(4);
        assertEquals(0.8, c.alpha(), 1e-6); // 1 - dt / tau_syn = 1 - 1e-4 / 5e-4
        assertEquals(0.004 / 0.02, c.voltage().threshold().getDouble(0), 1e-6, "gain 0.2 x 0.1 rescales the threshold");
        assertEquals(ResetMode.ZERO, c.voltage().config().reset(), "NIR's reset is to v_reset = 0");
        Sequential r = Nir.load(fixture("rleaky.nir")).net();
        assertInstanceOf(RecurrentLif.class, r.layers().get(1));
    }

    @Test
    void inspectListsNodesShapesEdgesAndMetadata() {
        Map<String, Object> m = Nir.inspect(fixture("rleaky.nir"));
        assertEquals("1.0.7", m.get("version"));
        String json = Json.compact(m);
        assertTrue(json.contains("\"name\":\"rlif\",\"type\":\"NIRGraph\""), json);
        assertTrue(json.contains("\"weight\":\"float32[5, 3]\""), json);
        assertTrue(json.contains("[\"w_rec\",\"lif\"]"), json);
        assertFalse(json.contains("\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bad_unknown_node.nir  | node 'n' (Delay): field 'type' 'Delay' is not supported",
            "bad_missing_field.nir | node 'n' (LIF): field 'tau' is missing",
            "bad_wrong_shape.nir   | node 'n' (Affine): field 'weight' has shape [3, 5] but its input has 3 features",
            "bad_branch.nir        | unsupported graph: node 'input' has 2 outgoing edges",
            "bad_truncated.nir     | bad_truncated.nir: not a readable HDF5/NIR file",
            "bad_not_hdf5.nir      | bad_not_hdf5.nir: not a readable HDF5/NIR file"})
    void malformedFilesFailWithOneLineNamingTheNodeAndField(String name, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nir.load(fixture(name)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains(name), "names the file: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void layersNirCannotHoldAreRefusedByName() {
        SplittableRandom rng = new SplittableRandom(1);
        Sequential max = new Sequential(List.of(new org.snnlab.layer.Conv2d(1, 2, 3, 1, 1, true, DataType.FLOAT, rng), new MaxPool2d(2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nir.export(max, new long[]{1, 8, 8}, dir.resolve("x.nir")));
        assertEquals("layer 1_MaxPool2d (MaxPool2d): NIR has no node for it (no max pooling in NIR; use AvgPool2d)", e.getMessage());
        Sequential bnFirst = new Sequential(List.of(new BatchNorm(4, 1e-5, 0.1, DataType.FLOAT), new Lif(4, LifConfig.of(0.9, 1), DataType.FLOAT)));
        e = assertThrows(IllegalArgumentException.class, () -> Nir.export(bnFirst, new long[]{4}, dir.resolve("y.nir")));
        assertTrue(e.getMessage().startsWith("layer 0_BatchNorm (BatchNorm): no Conv2d or Dense before it"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.nir")));
    }

    @Test
    void aLeakMixOfOneAndBelowOneIsRefused() {
        Lif lif = new Lif(3, LifConfig.of(0.9, 1).withLearnBeta(true), DataType.FLOAT);
        lif.beta().putScalar(1, 1.0);
        Sequential net = new Sequential(List.of(new Dense(2, 3, false, DataType.FLOAT, new SplittableRandom(1)), lif));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NirExport.graph(net, new long[]{2}, NirExport.Options.defaults()));
        assertTrue(e.getMessage().startsWith("layer 1_Lif: beta = 1 for some neurons"), e.getMessage());
    }

    @Test
    void aThresholdBelowZeroAfterImportIsNamed() {
        NirGraph g = NirExport.graph(new Sequential(List.of(new Dense(2, 3, false, DataType.FLOAT, new SplittableRandom(1)),
                new Lif(3, LifConfig.of(0.9, 1), DataType.FLOAT))), new long[]{2}, NirExport.Options.defaults());
        NirNode lif = g.nodes().get("1_Lif");
        Map<String, Object> f = new java.util.LinkedHashMap<>(lif.fields());
        f.put("v_threshold", NirArray.f32(new long[]{3}, new double[]{1, -1, 1}));
        Map<String, NirNode> nodes = new java.util.LinkedHashMap<>(g.nodes());
        nodes.put("1_Lif", NirNode.of("LIF", f, lif.metadata()));
        Path p = dir.resolve("neg.nir");
        NirFile.write(new NirGraph(nodes, g.edges(), g.metadata()), p);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nir.load(p));
        assertTrue(e.getMessage().endsWith("neg.nir: node '1_Lif' (LIF): field 'v_threshold' must be > 0, got -1.0"), e.getMessage());
    }
}
