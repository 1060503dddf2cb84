package org.snnlab.neuron;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every surrogate: grad is the derivative of primitive, and its ND4J form equals its scalar form. */
class SurrogateTest {
    static final Surrogate[] ALL = {Surrogates.fastSigmoid(25), Surrogates.fastSigmoid(2), Surrogates.atan(2),
            Surrogates.sigmoid(5), Surrogates.sigmoid(25), Surrogates.triangle(1), Surrogates.triangle(0.5),
            Surrogates.rectangle(0.4, 1), Surrogates.rectangle(0.5, 1.0), Surrogates.exponential(1.5, 3.75),
            Surrogates.straightThrough()};
    /** Away from every kink (0, +-w of triangle and rectangle), and within about 0.6 of the sigmoid's range. */
    static final double[] XS = {-2.1, -0.73, -0.45, -0.31, -0.17, -0.05, -0.013, 0.007, 0.07, 0.21, 0.29, 0.44, 0.77, 1.9};

    @Test
    void gradIsTheCentralDifferenceOfThePrimitive() {
        for (Surrogate s : ALL)
            for (double x : XS) {
                double h = 1e-6, fd = (s.primitive(x + h) - s.primitive(x - h)) / (2 * h), g = s.grad(x);
                if (g == 0 && fd == 0) continue; // outside a rectangle / triangle
                double rel = Math.abs(g - fd) / Math.max(Math.abs(g), Math.abs(fd));
                assertTrue(rel < 1e-6 || Math.abs(g - fd) < 1e-10, s.describe() + " at " + x + ": grad " + g + " fd " + fd + " rel " + rel);
            }
    }

    @Test
    void primitivesAreMonotoneStepLikeFunctions() {
        // a surrogate is a smoothed Heaviside: its primitive never decreases and its grad is >= 0
        for (Surrogate s : ALL)
            for (int i = 0; i + 1 < XS.length; i++) {
                assertTrue(s.primitive(XS[i + 1]) >= s.primitive(XS[i]), s.describe());
                assertTrue(s.grad(XS[i]) >= 0, s.describe());
            }
    }

    @Test
    void nd4jFormEqualsScalarFormInDoubleAndFloat() {
        for (Surrogate s : ALL) {
            INDArray xd = Nd4j.createFromArray(XS).reshape(2, XS.length / 2); // a matrix, as the kernels pass
            INDArray gd = s.grad(xd), gf = s.grad(xd.castTo(DataType.FLOAT));
            assertEquals(DataType.FLOAT, gf.dataType(), s.describe() + " keeps the dtype");
            double[] d = gd.reshape(XS.length).toDoubleVector(), f = gf.reshape(XS.length).toDoubleVector();
            for (int i = 0; i < XS.length; i++) {
                double want = s.grad(XS[i]);
                assertEquals(want, d[i], 1e-12 * Math.max(1, Math.abs(want)), s.describe() + " double at " + XS[i]);
                assertEquals(want, f[i], 1e-5 * Math.max(1, Math.abs(want)), s.describe() + " float at " + XS[i]);
            }
            assertEquals(xd.getDouble(0, 0), -2.1, 0, s.describe() + " must not modify its argument");
        }
    }

    @Test
    void parseNamesAliasesAndDefaults() {
        assertEquals("fast_sigmoid(k=25.0)", Surrogates.parse("fast_sigmoid").describe());
        assertEquals("fast_sigmoid(k=5.5565)", Surrogates.parse("fast-sigmoid:5.5565").describe());
        assertEquals("fast_sigmoid(k=4.0)", Surrogates.parse("  FAST_SIGMOID:4 ").describe());
        assertEquals("atan(alpha=2.0)", Surrogates.parse("atan").describe());
        assertEquals("sigmoid(k=25.0)", Surrogates.parse("sigmoid").describe());
        assertEquals("sigmoid(k=3.0)", Surrogates.parse("sigmoid:3").describe());
        assertEquals("triangle(width=1.0)", Surrogates.parse("triangle").describe());
        assertEquals("rectangle(width=0.5,height=1.0)", Surrogates.parse("rectangle").describe());
        assertEquals("rectangle(width=0.4,height=1.0)", Surrogates.parse("rectangle:0.4").describe());
        assertEquals("rectangle(width=0.4,height=1.25)", Surrogates.parse("rectangle:0.4, 1.25").describe());
        assertEquals("exponential(scale=1.5,tau=3.75)", Surrogates.parse("exponential").describe());
        assertEquals("exponential(scale=1.5,tau=3.75)", Surrogates.parse("slayer").describe());
        assertEquals("exponential(scale=2.0,tau=1.0)", Surrogates.parse("exponential:2,1").describe());
        assertEquals("straight_through", Surrogates.parse("straight_through").describe());
        assertEquals("straight_through", Surrogates.parse("ste").describe());
    }

    @Test
    void badNamesAndValuesAreNamedInTheError() {
        assertMessage(() -> Surrogates.parse("tanh"), "tanh");
        assertMessage(() -> Surrogates.parse("fast_sigmoid:abc"), "abc");
        assertMessage(() -> Surrogates.parse("fast_sigmoid:-3"), "-3");
        assertMessage(() -> Surrogates.parse("rectangle:0.4,0"), "0.0");
        assertMessage(() -> Surrogates.fastSigmoid(-1), "-1");
        assertMessage(() -> Surrogates.atan(0), "0");
        assertMessage(() -> Surrogates.sigmoid(Double.NaN), "NaN");
        assertMessage(() -> Surrogates.triangle(Double.POSITIVE_INFINITY), "Infinity");
        assertMessage(() -> Surrogates.exponential(1, -2), "-2");
    }

    static void assertMessage(Runnable r, String part) {
        var e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    /** The bulk float form equals the double form rounded to float, on a grid and at every kink. */
    @Test
    void bulkFloatGradEqualsScalar() {
        float[] x = new float[4001 + 12];
        for (int i = 0; i <= 4000; i++) x[i] = (i - 2000) / 1000f;
        float[] edges = {0.4f, -0.4f, 0.5f, -0.5f, Math.nextUp(0.4f), Math.nextDown(0.4f), Math.nextUp(0.5f),
                Math.nextDown(0.5f), 0f, -0f, Math.nextUp(-0.4f), Math.nextDown(-0.5f)};
        System.arraycopy(edges, 0, x, 4001, edges.length);
        for (Surrogate s : ALL) {
            float[] out = new float[x.length];
            s.grad(x, out, x.length);
            for (int i = 0; i < x.length; i++)
                assertEquals((float) s.grad(x[i]), out[i], 2e-6f * Math.max(1f, Math.abs(out[i])), s.describe() + " at x=" + x[i]);
        }
    }
}
