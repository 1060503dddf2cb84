package org.snnlab.train;

import org.junit.jupiter.api.Test;
import org.snnlab.data.EncoderSpec;
import org.snnlab.loss.LossSpec;
import org.snnlab.model.ModelKind;
import org.snnlab.optim.OptimizerSpec;
import org.snnlab.optim.lr.LrPolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training recipe: defaults resolved per model, refusals with one line, canonical JSON and its hash. */
class TrainSpecTest {
    @Test
    void theBuilderResolvesEveryDefaultOfTheModel() {
        TrainSpec fc = TrainSpec.builder(ModelKind.FC).build();
        assertEquals(25, fc.timeSteps());
        assertEquals(128, fc.batch());
        assertEquals(1e-3, fc.lr());
        assertEquals("ce-mem", fc.loss().text());
        assertEquals("constant", fc.schedule().text());
        assertEquals("direct", fc.encoder().text());
        assertEquals(1000, fc.model().hidden());
        assertEquals(1.0, fc.model().threshold());
        assertEquals("fashion-mnist", fc.data().name());

        TrainSpec car = TrainSpec.builder(ModelKind.CARSNN).build();
        assertEquals(10, car.timeSteps());
        assertEquals(40, car.batch());
        assertEquals("mse-rate", car.loss().text());
        assertEquals("step", car.schedule().text());
        assertEquals("frames", car.encoder().text());
        assertEquals(3.0, car.model().weightGain(), "emulated events");
        assertEquals(1.0, TrainSpec.builder(ModelKind.CARSNN).dataset("ncars").build().model().weightGain(), "NCARS");
        assertNull(car.model().hidden());

        TrainSpec q = TrainSpec.builder(ModelKind.QSNN_CONV).build();
        assertEquals("mse-count:0.8,0.2", q.loss().text());
        assertEquals("cosine", q.schedule().text());
        assertEquals(2.908e-3, q.lr());
    }

    @Test
    void anExplicitDefaultIsTheSameRecipeAsAnOmittedOne() {
        TrainSpec omitted = TrainSpec.builder(ModelKind.FC).epochs(2).seed(1).build();
        TrainSpec explicit = TrainSpec.builder(ModelKind.FC).epochs(2).seed(1).lr(0.001).hidden(1000).threshold(1.0).timeSteps(25)
                .batch(128).loss(LossSpec.parse("ce-mem")).schedule(LrPolicy.parse("constant")).encoder(EncoderSpec.parse("direct"))
                .scheduleStretch(1.0).build();
        assertEquals(omitted, explicit);
        assertEquals(omitted.toJson(), explicit.toJson());
        assertEquals(omitted.id(), explicit.id());
        assertEquals(LossSpec.parse("mse-count:0.80,0.2"), LossSpec.parse("mse-count:0.8,0.20"));
        for (LossSpec.Kind k : LossSpec.Kind.values()) { // the spec's answer is the loss object's
            LossSpec l = new LossSpec(k, java.util.List.of());
            assertEquals(l.create().readsMembrane(), l.readsMembrane(), k.name());
        }
        assertEquals("step:0.5,20", LrPolicy.parse("step:0.50/20.0").text());
        assertNotEquals(omitted.id(), omitted.withSeed(2).id(), "the seed is part of the recipe");
        assertNotEquals(omitted.id(), TrainSpec.builder(ModelKind.FC).epochs(2).seed(1).lr(2e-3).build().id());
    }

    @Test
    void theCanonicalJsonRoundTrips() {
        TrainSpec s = TrainSpec.builder(ModelKind.CARSNN).epochs(3).seed(9).limits(200, 100).threshold(0.7)
                .schedule(LrPolicy.parse("one-cycle:90")).autoStretch().stability(new StabilityDetector(4, 0.02))
                .optimizer(new OptimizerSpec(OptimizerSpec.Kind.ADAMW, 1e-4)).clip(2).gridIntensity(100).build();
        TrainSpec back = TrainSpec.fromJson(s.toJson());
        assertEquals(s, back);
        assertEquals(s.toJson(), back.toJson());
        assertEquals(3.0 / 200, s.scheduleStretch());
        TrainSpec groups = TrainSpec.builder(ModelKind.FC).optimizer(OptimizerSpec.adam()
                .withLrScale(org.snnlab.core.Param.Role.THRESHOLD, 10).withLrScale(org.snnlab.core.Param.Role.BIAS, 0.5)).build();
        assertEquals(groups, TrainSpec.fromJson(groups.toJson()));
        assertTrue(groups.optimizer().create().describe().contains("threshold"), groups.optimizer().create().describe());
        assertEquals(java.util.Map.entry(org.snnlab.core.Param.Role.THRESHOLD, 10.0), OptimizerSpec.parseScale("threshold=10"));
        assertMessage("unknown role 'thresh'", () -> OptimizerSpec.parseScale("thresh=10"));
        assertMessage("--lr-scale needs --optimizer adam or adamw", () -> new OptimizerSpec(OptimizerSpec.Kind.SGD, 0).withLrScale(org.snnlab.core.Param.Role.BIAS, 2));
        TrainSpec conv = TrainSpec.builder(ModelKind.CONV).quantBits(4).encoder(EncoderSpec.parse("rate:0.5")).build();
        assertEquals(conv, TrainSpec.fromJson(conv.toJson()));
        // the id is pinned: a change of the canonical form (which would orphan every sweep folder) must be deliberate
        assertEquals(16, s.id().length());
    }

    @Test
    void inapplicableOrBadOptionsAreRefusedByName() {
        assertMessage("--hidden applies to --model fc only", () -> TrainSpec.builder(ModelKind.CONV).hidden(10).build());
        assertMessage("--weight-gain applies to --model carsnn only", () -> TrainSpec.builder(ModelKind.FC).weightGain(2.0).build());
        assertMessage("--threshold applies to --model fc and carsnn only", () -> TrainSpec.builder(ModelKind.QSNN_CONV).threshold(1.0).build());
        assertMessage("--quant-bits must be 0 or 2..16", () -> TrainSpec.builder(ModelKind.FC).quantBits(4).build());
        assertMessage("--quant-bits must be 0 or 2..16", () -> TrainSpec.builder(ModelKind.CONV).quantBits(1).build());
        assertMessage("holds event frames: use --model carsnn", () -> TrainSpec.builder(ModelKind.FC).dataset("ncars").build());
        assertMessage("takes 28x28 grey images (fashion-mnist, mnist", () -> TrainSpec.builder(ModelKind.FC).dataset("cifar-10").build());
        assertMessage("needs event frames", () -> TrainSpec.builder(ModelKind.CARSNN).dataset("fashion-mnist").build());
        assertMessage("emits spikes: use a spike loss", () -> TrainSpec.builder(ModelKind.CARSNN).loss(LossSpec.parse("ce-mem")).build());
        assertMessage("--encoder must be frames", () -> TrainSpec.builder(ModelKind.CARSNN).encoder(EncoderSpec.parse("rate")).build());
        assertMessage("--lr must be > 0", () -> TrainSpec.builder(ModelKind.FC).lr(-1.0).build());
        assertMessage("--dataset must be one of", () -> TrainSpec.builder(ModelKind.FC).dataset("mnist-typo").build());
        assertMessage("unknown schedule 'stepp'", () -> LrPolicy.parse("stepp"));
        assertMessage("takes 0 to 2 argument(s)", () -> LrPolicy.parse("step:1,2,3"));
        assertMessage("'x' is not a number", () -> LossSpec.parse("mse-count:x,1"));
        assertMessage("unknown field", () -> TrainSpec.fromJson(TrainSpec.builder(ModelKind.FC).build().toJson().replace("\"clip\"", "\"clipp\"")));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(part), x.getMessage());
        assertTrue(x.getMessage().lines().count() == 1, "one line: " + x.getMessage());
    }
}
