package org.snnlab.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The surrogate-gradient family of snnTorch, SpikingJelly and lava-dl. Each factory validates its
 * parameters; {@link #parse(String)} reads the names used on the command line.
 */
public final class Surrogates {
    private Surrogates() { }

    private static double positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(what + " must be > 0, got " + v);
        return v;
    }

    /** Fast sigmoid (Zenke and Ganguli's SuperSpike): {@code 1 / (1 + k|x|)^2}; snnTorch default k = 25. */
    public static Surrogate fastSigmoid(double k) {
        positive("fast sigmoid slope k", k);
        return new Surrogate() {
            public double grad(double x) { double d = 1 + k * Math.abs(x); return 1 / (d * d); }
            public void grad(float[] x, float[] out, int n) {
                float kf = (float) k;
                for (int i = 0; i < n; i++) {
                    float d = 1f + kf * Math.abs(x[i]);
                    out[i] = 1f / (d * d);
                }
            }
            public double primitive(double x) { return x / (1 + k * Math.abs(x)); }
            public INDArray grad(INDArray x) {
                INDArray d = Transforms.abs(x, true).muli(k).addi(1);
                return d.muli(d).rdivi(1);
            }
            public double maxGrad() { return 1; }
            public String describe() { return "fast_sigmoid(k=" + k + ")"; }
        };
    }

    /** Arc-tangent (Fang et al. 2021): {@code (a/2) / (1 + (pi/2 a x)^2)}; snnTorch default a = 2. */
    public static Surrogate atan(double alpha) {
        positive("atan alpha", alpha);
        double c = Math.PI / 2 * alpha;
        return new Surrogate() {
            public double grad(double x) { double z = c * x; return alpha / 2 / (1 + z * z); }
            public void grad(float[] x, float[] out, int n) {
                float cf = (float) c, h = (float) (alpha / 2);
                for (int i = 0; i < n; i++) {
                    float z = cf * x[i];
                    out[i] = h / (1f + z * z);
                }
            }
            public double primitive(double x) { return Math.atan(c * x) / Math.PI + 0.5; }
            public INDArray grad(INDArray x) {
                INDArray z = x.mul(c);
                return z.muli(z).addi(1).rdivi(alpha / 2);
            }
            public double maxGrad() { return alpha / 2; }
            public String describe() { return "atan(alpha=" + alpha + ")"; }
        };
    }

    /** Logistic: {@code k sig(kx) (1 - sig(kx))}; primitive {@code sig(kx)}. */
    public static Surrogate sigmoid(double k) {
        positive("sigmoid slope k", k);
        return new Surrogate() {
            public double grad(double x) { double s = 1 / (1 + Math.exp(-k * x)); return k * s * (1 - s); }
            public double primitive(double x) { return 1 / (1 + Math.exp(-k * x)); }
            public INDArray grad(INDArray x) {
                INDArray s = Transforms.sigmoid(x.mul(k), false);
                return s.rsub(1).muli(s).muli(k);
            }
            public double maxGrad() { return k / 4; }
            public String describe() { return "sigmoid(k=" + k + ")"; }
        };
    }

    /** Triangle of half-width w and unit area: {@code max(0, 1 - |x|/w) / w} (Bellec et al. with w = 1). */
    public static Surrogate triangle(double w) {
        positive("triangle width", w);
        return new Surrogate() {
            public double grad(double x) { return Math.max(0, 1 - Math.abs(x) / w) / w; }
            public void grad(float[] x, float[] out, int n) {
                float inv = (float) (1 / w);
                for (int i = 0; i < n; i++) out[i] = Math.max(0f, 1f - Math.abs(x[i]) * inv) * inv;
            }
            public double primitive(double x) {
                if (x <= -w) return 0;
                if (x >= w) return 1;
                double a = x / w;
                return x < 0 ? 0.5 * (1 + a) * (1 + a) : 1 - 0.5 * (1 - a) * (1 - a);
            }
            public INDArray grad(INDArray x) {
                return Transforms.relu(Transforms.abs(x, true).divi(-w).addi(1), false).divi(w);
            }
            public double maxGrad() { return 1 / w; }
            public String describe() { return "triangle(width=" + w + ")"; }
        };
    }

    /**
     * Rectangle: {@code height} where {@code |x| < width}, else 0. FastSpiker (width 0.4) and Yao et al.
     * (width 0.5) use height 1; height {@code 1/(2 width)} gives unit area.
     */
    public static Surrogate rectangle(double width, double height) {
        positive("rectangle width", width);
        positive("rectangle height", height);
        return new Surrogate() {
            public double grad(double x) { return Math.abs(x) < width ? height : 0; }
            public void grad(float[] x, float[] out, int n) {
                // |x| < width decided in float as in double: wf = the smallest float >= width; the sign
                // bit of |x| - wf (never -0 for distinct floats) is the test, branch-free
                float h = (float) height, wf = (float) width;
                if (wf < width) wf = Math.nextUp(wf);
                for (int i = 0; i < n; i++) out[i] = h * (Float.floatToRawIntBits(Math.abs(x[i]) - wf) >>> 31);
            }
            public double primitive(double x) { return height * Math.max(-width, Math.min(width, x)); }
            public INDArray grad(INDArray x) {
                return Transforms.abs(x, true).lt(width).castTo(x.dataType()).muli(height);
            }
            public double maxGrad() { return height; }
            public String describe() { return "rectangle(width=" + width + ",height=" + height + ")"; }
        };
    }

    /** SLAYER-style exponential (Shrestha and Orchard 2018; Rouser): {@code (s/tau) exp(-|x|/tau)}. */
    public static Surrogate exponential(double scale, double tau) {
        positive("exponential scale", scale);
        positive("exponential tau", tau);
        return new Surrogate() {
            public double grad(double x) { return scale / tau * Math.exp(-Math.abs(x) / tau); }
            public double primitive(double x) {
                double e = scale * Math.exp(-Math.abs(x) / tau);
                return x < 0 ? e : 2 * scale - e;
            }
            public INDArray grad(INDArray x) {
                return Transforms.exp(Transforms.abs(x, true).divi(-tau), false).muli(scale / tau);
            }
            public double maxGrad() { return scale / tau; }
            public String describe() { return "exponential(scale=" + scale + ",tau=" + tau + ")"; }
        };
    }

    /** Straight-through: the gradient passes unchanged, {@code dS/dx = 1}. */
    public static Surrogate straightThrough() {
        return new Surrogate() {
            public double grad(double x) { return 1; }
            public double primitive(double x) { return x; }
            public INDArray grad(INDArray x) { return x.ulike().assign(1); }
            public double maxGrad() { return 1; }
            public String describe() { return "straight_through"; }
        };
    }

    /**
     * Parses {@code name} or {@code name:p1,p2}: fast_sigmoid[:k], atan[:alpha], sigmoid[:k],
     * triangle[:w], rectangle[:width[,height]], exponential[:scale,tau], straight_through.
     */
    public static Surrogate parse(String spec) {
        String[] parts = spec.trim().split(":", 2);
        double[] p = parts.length > 1 ? parseNumbers(spec, parts[1]) : new double[0];
        return switch (parts[0].toLowerCase(java.util.Locale.ROOT)) {
            case "fast_sigmoid", "fast-sigmoid" -> fastSigmoid(arg(p, 0, 25));
            case "atan" -> atan(arg(p, 0, 2));
            case "sigmoid" -> sigmoid(arg(p, 0, 25));
            case "triangle" -> triangle(arg(p, 0, 1));
            case "rectangle" -> rectangle(arg(p, 0, 0.5), arg(p, 1, 1));
            case "exponential", "slayer" -> exponential(arg(p, 0, 1.5), arg(p, 1, 3.75));
            case "straight_through", "ste" -> straightThrough();
            default -> throw new IllegalArgumentException("unknown surrogate '" + parts[0]
                    + "' (fast_sigmoid, atan, sigmoid, triangle, rectangle, exponential, straight_through)");
        };
    }

    private static double arg(double[] p, int i, double dflt) {
        return i < p.length ? p[i] : dflt;
    }

    private static double[] parseNumbers(String spec, String list) {
        String[] s = list.split(",");
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            try {
                out[i] = Double.parseDouble(s[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("surrogate '" + spec + "': '" + s[i] + "' is not a number");
            }
        }
        return out;
    }
}
