package org.snnlab.data.event;

import org.snnlab.data.Dataset;
import org.snnlab.data.InMemoryDataset;
import org.snnlab.data.event.transform.ToFrames;

import java.util.stream.IntStream;

/**
 * "N-Fashion-MNIST" (or N-anything): every image of a static dataset turned into DVS events by a
 * {@link DvsEmulator}, then into {@code bins} frames {@code [bins, 2, S, S]}; an in-memory dataset of
 * those frames (per-example shape {@code [bins, 2, S, S]}; feed it with
 * {@link org.snnlab.data.FramesEncoder}). The emulator's seed per example is {@code seed + index}.
 */
public final class EmulatedDataset {
    private EmulatedDataset() { }

    public static InMemoryDataset of(Dataset images, DvsEmulator emulator, int bins, long seed) {
        long[] shape = images.shape();
        int h = (int) shape[shape.length - 2], w = (int) shape[shape.length - 1], s = emulator.sensor();
        int per = bins * 2 * s * s, n = images.size();
        float[] all = new float[n * per];
        int[] labels = new int[n];
        ToFrames frames = new ToFrames(ToFrames.Mode.BINS, bins, false);
        IntStream.range(0, n).parallel().forEach(i -> {
            float[] img = new float[images.features()];
            images.copyFeatures(i, img, 0);
            float[] v = frames.frames(emulator.emulate(img, h, w, seed + i), new long[1]); // no ND4J in workers
            System.arraycopy(v, 0, all, i * per, Math.min(per, v.length));
            labels[i] = images.label(i);
        });
        return new InMemoryDataset("emulated-" + images.name(), new long[]{bins, 2, s, s}, images.classes(), all, labels,
                images.checksum());
    }
}
