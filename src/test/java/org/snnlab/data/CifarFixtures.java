package org.snnlab.data;

import java.util.SplittableRandom;

/** CIFAR record fixtures shared by the tests of several packages. */
public final class CifarFixtures {
    private CifarFixtures() { }

    /** {@code n} records with random pixels; labels {@code (seed + i) % classes}, coarse {@code (seed + 3i) % 20}. */
    public static CifarBin.Records records(CifarBin.Layout layout, int n, long seed) {
        byte[] px = new byte[n * CifarBin.PIXELS];
        new SplittableRandom(seed).nextBytes(px);
        int[] labels = new int[n], coarse = layout == CifarBin.Layout.CIFAR100 ? new int[n] : null;
        for (int i = 0; i < n; i++) {
            labels[i] = (int) ((seed + i) % layout.classes());
            if (coarse != null) coarse[i] = (int) ((seed + 3L * i) % CifarBin.COARSE_CLASSES);
        }
        return new CifarBin.Records(layout, n, px, labels, coarse);
    }
}
