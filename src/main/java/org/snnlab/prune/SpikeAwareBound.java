package org.snnlab.prune;

import org.snnlab.core.Layer;
import org.snnlab.layer.Dense;
import org.snnlab.model.Sequential;
import org.snnlab.neuron.Lif;
import org.snnlab.neuron.LifConfig;
import org.snnlab.neuron.ResetMode;
import org.snnlab.neuron.SpikeFn;

import java.util.ArrayList;
import java.util.List;

/**
 * SADP's spike-aware importance score (Ma et al., arXiv 2510.04098; the paper's formula is not
 * public, this is our derivation): an upper bound of the per-example gradient norm
 * {@code ||dl_i/dtheta||} of a net {@code Dense_1 -> Lif_1 -> ... -> Dense_L -> Lif_L} trained by
 * BPTT, computed from what the training step already has.
 *
 * <p><b>Notation.</b> Example i, steps t = 0..T-1; Dense_l computes {@code I^l_t = W^l x^{l-1}_t + b^l}
 * ({@code x^0} the encoded input, {@code x^l = s^l} the spikes of Lif_l); {@code e^l_t = dl_i/dI^l_t}.
 * The gradient of Dense_l is {@code G_l = sum_t e^l_t [x^{l-1}_t; 1]^T}, and
 * {@code ||dl_i/dtheta||^2 = sum_l ||G_l||_F^2} (the LIF layers have no trainable parameters here).
 *
 * <p><b>Last layer: exact.</b> Whatever the readout (membrane for ce-mem, which puts a
 * cross-entropy {@code delta_t = softmax(u^L_t) - onehot(y)} at EVERY step, or spikes for ce-count /
 * mse-count), {@code e^L} is the output LIF's BPTT of the loss gradient, which the training backward
 * computes anyway; the term {@code A_L = ||G_L||_F} is evaluated exactly ({@link GhostNorms}). It is NOT
 * {@code ||delta|| sqrt(||sbar||^2 + 1)}: that holds only for a non-spiking readout
 * {@code o = mean_t W s_t + b}, and our output layer is a LIF whose leak and reset mix the steps
 * ({@code e^L_t != delta}).
 *
 * <p><b>Hidden layers: bounded.</b> Lif_l (l < L) receives {@code a_t = dl/ds^l_t = W^{l+1 T} e^{l+1}_t}
 * from above, so {@code ||a_t|| <= sigma_{l+1} ||e^{l+1}_t||} with {@code sigma = ||W||_2} (power
 * iteration, {@link SpectralNorm}). Its BPTT (see {@link org.snnlab.neuron.LifKernel}) with surrogate
 * {@code h_t = surrogate'(u_t - theta)} in {@code [0, gamma]} is
 * <pre>
 *   subtract reset, gradient through the reset (our default, detachReset = false):
 *       e_t = (beta - theta h_t) e_{t+1} + h_t a_t          so  rho = max(beta, |beta - theta gamma|)
 *   subtract reset detached, or no reset:   e_t = beta e_{t+1} + h_t a_t           rho = beta
 *   zero reset detached:                    e_t = beta (1 - s_t) e_{t+1} + h_t a_t   rho = beta
 * </pre>
 * hence {@code ||e^l_t|| <= gamma_l sum_{k>=t} rho_l^(k-t) ||a_k||} (the error at step t collects the
 * later steps through the leak, which a per-example constant {@code K_l ||delta||} misses). Recursively,
 * from the exact {@code R^L_t = ||e^L_t||}:
 * <pre>
 *   R^l_t = gamma_l sigma_{l+1} sum_{k>=t} rho_l^(k-t) R^{l+1}_k   >=  ||e^l_t||
 *   A_l   = sum_t R^l_t sqrt(q^{l-1}_t + 1)                         >=  ||G_l||_F   (triangle inequality)
 *   q^{l-1}_t = n^{l-1}_t, the spike count of Lif_{l-1} at step t (binary spikes: ||s_t||^2 = n_t), and for
 *   l = 1 the squared norm ||x^0_t||^2 of the encoded input (pixel intensities for direct encoding, which
 *   are not binary: sqrt(n_t) would be wrong there); the "+ 1" only when Dense_l has a bias.
 *   score_i = sqrt(sum_l A_l^2)  >=  sqrt(sum_l ||G_l||^2) = ||dl_i/dtheta||
 * </pre>
 * (root-sum-square of the layer terms, tighter than their sum and still a bound). Read: an exact
 * last-layer term plus hidden terms that weigh the backward error by each step's spike activity: an
 * example whose layers are nearly silent has a small gradient whatever its loss.
 *
 * <p><b>Assumptions, each checked at construction (one line refusing anything else):</b> layers
 * alternate {@link Dense} and {@link Lif} starting with Dense; no LIF has trainable threshold or beta
 * (their gradients are not in the bound); Heaviside spikes (binary s); hidden LIFs emit spikes, use a
 * surrogate with a known maximum gamma ({@link org.snnlab.neuron.Surrogate#maxGrad}) and a reset
 * among the three above (a zero reset with its gradient kept has the factor {@code 1 - s_t - h_t u_t},
 * unbounded in the membrane u, so it is refused). The examples of a batch must not interact (no batch
 * norm), which Dense/Lif nets satisfy. sigma comes from power iteration, which approaches from below:
 * converged to a relative change below 1e-7 (warm-started each batch), far inside the bound's slack (the test reports the smallest score / norm).
 */
public final class SpikeAwareBound {
    private final Sequential model;
    private final int[] dense;      // model indices of Dense_1..Dense_L
    private final double[] gamma;   // of Lif_l, l < L
    private final double[] rho;
    private final SpectralNorm[] sigma; // of W^{l+1}, l < L

    /** The bound for {@code model}; refuses (IllegalArgumentException, one line) a net it does not hold for. */
    public SpikeAwareBound(Sequential model) {
        this.model = model;
        List<Layer> ls = model.layers();
        if (ls.size() % 2 != 0) throw refuse("it must alternate Dense and Lif layers, got " + types(ls));
        int L = ls.size() / 2;
        dense = new int[L];
        gamma = new double[L];
        rho = new double[L];
        sigma = new SpectralNorm[L];
        for (int l = 0; l < L; l++) {
            if (!(ls.get(2 * l) instanceof Dense) || ls.get(2 * l + 1).getClass() != Lif.class)
                throw refuse("it must alternate Dense and Lif layers, got " + types(ls));
            dense[l] = 2 * l;
            LifConfig c = ((Lif) ls.get(2 * l + 1)).config();
            String name = model.names().get(2 * l + 1);
            if (c.learnThreshold() || c.learnBeta()) throw refuse(name + " has a trainable threshold or leak");
            if (c.spikeFn() != SpikeFn.HEAVISIDE) throw refuse(name + " emits non-binary (smooth) spikes");
            if (l == L - 1) continue;
            if (c.output() != LifConfig.Output.SPIKES) throw refuse("hidden " + name + " emits its membrane");
            double g = c.surrogate().maxGrad();
            if (!(g >= 0) || Double.isInfinite(g)) throw refuse(name + "'s surrogate " + c.surrogate().describe() + " has no known maximum");
            if (c.reset() == ResetMode.ZERO && !c.detachReset())
                throw refuse(name + " resets to zero with the reset's gradient kept (unbounded in the membrane); detach it");
            gamma[l] = g;
            rho[l] = c.reset() == ResetMode.SUBTRACT && !c.detachReset()
                    ? Math.max(c.beta(), Math.abs(c.beta() - c.threshold() * g)) : c.beta();
            sigma[l] = new SpectralNorm(1e-7, 1000);
        }
    }

    private static IllegalArgumentException refuse(String why) {
        return new IllegalArgumentException("the spike-aware bound (--prune sadp) does not hold for this network: " + why);
    }

    private static String types(List<Layer> ls) {
        return String.join("-", ls.stream().map(Layer::type).toList());
    }

    /** Model indices of the Dense layers, first to last. */
    int[] denseLayers() {
        return dense.clone();
    }

    /**
     * The scores of one batch.
     *
     * @param lastLayer exact {@code ||G_L||} per example
     * @param eLast     {@code ||e^L_t||} per step and example, {@code [T][B]}
     * @param q         for each Dense_l, l = 1..L-1: {@code q^{l-1}_t} per step and example {@code [T][B]}
     *                  (see above; index 0 is the input's squared norms)
     * @param hasBias   whether Dense_l has a bias, l = 1..L
     * @return {@code score_i}, and in {@code terms[l][i]} the layer terms {@code A_l} when not null
     */
    double[] scores(double[] lastLayer, double[][] eLast, double[][][] q, boolean[] hasBias, double[][] terms) {
        int L = dense.length, T = eLast.length, B = lastLayer.length;
        double[] sq = new double[B];
        for (int i = 0; i < B; i++) sq[i] = lastLayer[i] * lastLayer[i];
        if (terms != null) terms[L - 1] = lastLayer.clone();
        double[][] R = eLast;
        for (int l = L - 2; l >= 0; l--) {
            Dense above = (Dense) model.layers().get(dense[l + 1]);
            org.nd4j.linalg.api.ndarray.INDArray w = above.quantizer() == null ? above.weight().value() : above.quantizer().quantize(above.weight().value());
            double c = gamma[l] * sigma[l].of(w); // the backward multiplies by the (quantized) weights the forward used
            double[][] next = new double[T][B];
            double[] acc = new double[B];
            for (int t = T - 1; t >= 0; t--)
                for (int i = 0; i < B; i++) {
                    acc[i] = R[t][i] + rho[l] * acc[i];
                    next[t][i] = c * acc[i];
                }
            double[] a = new double[B];
            for (int t = 0; t < T; t++)
                for (int i = 0; i < B; i++) a[i] += next[t][i] * Math.sqrt(q[l][t][i] + (hasBias[l] ? 1 : 0));
            for (int i = 0; i < B; i++) sq[i] += a[i] * a[i];
            if (terms != null) terms[l] = a;
            R = next;
        }
        double[] s = new double[B];
        for (int i = 0; i < B; i++) s[i] = Math.sqrt(sq[i]);
        return s;
    }
}
