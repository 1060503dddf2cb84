package org.snnlab.layer;

import org.nd4j.linalg.api.buffer.DataType;
import org.snnlab.core.Forward;
import org.snnlab.core.Layer;
import org.snnlab.core.Param;
import org.snnlab.core.Pass;
import org.snnlab.core.Seq;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Swin's patch merging (Liu et al. 2021, arXiv 2103.14030), as Sequencer2D and Yao et al. 2023 (arXiv
 * 2401.10843) use it between stages: each 2x2 block of a {@code [C, H, W]} map is concatenated into 4C
 * features {@code [x(0,0), x(1,0), x(0,1), x(1,1)]} and mapped by a bias-free Linear(4C -> 2C). That is
 * exactly a 2x2 convolution of stride 2 with {@code w[i, j, c, o] = L[(q(i,j) C + c), o]}, q(0,0)=0,
 * q(1,0)=1, q(0,1)=2, q(1,1)=3, which is how it is computed (one conv2d call; H, W even).
 */
public final class PatchMerging implements Layer {
    private final int channels;
    private final Conv2d conv;

    public PatchMerging(int channels, DataType dtype, SplittableRandom rng) {
        this.channels = channels;
        this.conv = new Conv2d(channels, 2 * channels, 2, 2, 0, false, dtype, rng);
        // PyTorch's Linear(4C) bound 1/sqrt(4C) is the conv's 1/sqrt(C k^2): the same initialisation
    }

    /** The weights {@code [2, 2, C, 2C]} (see the class comment for the Linear layout). */
    public Param weight() { return conv.weight(); }

    @Override
    public Forward forward(Seq input, Pass pass) {
        long[] s = input.data().shape();
        if (s.length != 4 || s[1] != channels || s[2] % 2 != 0 || s[3] % 2 != 0)
            throw new IllegalArgumentException("PatchMerging expects [rows, " + channels + ", even H, even W], got " + java.util.Arrays.toString(s));
        return conv.forward(input, pass);
    }

    @Override
    public long[] outputShape(long[] in) { return conv.outputShape(in); }

    @Override
    public List<Param> params() { return conv.params(); }

    @Override
    public String type() { return "PatchMerging"; }

    @Override
    public Map<String, Object> spec() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("in_channels", channels);
        m.put("out_channels", 2 * channels);
        return m;
    }

    @Override
    public void bindName(String n) { conv.bindName(n); }
}
