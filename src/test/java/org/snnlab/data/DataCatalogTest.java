package org.snnlab.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.data.download.DatasetInfo;
import org.snnlab.data.event.DvsEmulator;
import org.snnlab.data.event.EmulatedDataset;
import org.snnlab.data.event.Events;
import org.snnlab.data.event.NmnistBin;
import org.snnlab.data.event.PropheseeDat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data catalog: each data set defined once, found under the roots, loaded exactly as before. */
class DataCatalogTest {
    @TempDir
    Path dir;

    /** MNIST-layout IDX files of {@code n} random 28x28 images in {@code folder}. */
    static void idx(Path folder, String prefix, int n, long seed) throws IOException {
        Files.createDirectories(folder);
        SplittableRandom r = new SplittableRandom(seed);
        ByteBuffer img = ByteBuffer.allocate(16 + n * 784).putInt(Idx.IMAGES_MAGIC).putInt(n).putInt(28).putInt(28);
        for (int i = 0; i < n * 784; i++) img.put((byte) (r.nextInt(4) == 0 ? r.nextInt(256) : 0));
        ByteBuffer lab = ByteBuffer.allocate(8 + n).putInt(Idx.LABELS_MAGIC).putInt(n);
        for (int i = 0; i < n; i++) lab.put((byte) (i % 10));
        Files.write(folder.resolve(prefix + "-images-idx3-ubyte"), img.array());
        Files.write(folder.resolve(prefix + "-labels-idx1-ubyte"), lab.array());
    }

    private DataRoots rootWith(String... folders) throws IOException {
        Path root = dir.resolve("root");
        for (String f : folders) {
            idx(root.resolve(f), "train", 12, 1);
            idx(root.resolve(f), "t10k", 6, 2);
        }
        return new DataRoots(List.of(root), List.of());
    }

    private static float[] all(Dataset d) {
        float[] x = new float[d.size() * d.features()];
        for (int i = 0; i < d.size(); i++) d.copyFeatures(i, x, i * d.features());
        return x;
    }

    private static int[] labels(Dataset d) {
        int[] y = new int[d.size()];
        for (int i = 0; i < d.size(); i++) y[i] = d.label(i);
        return y;
    }

    private static void assertSame(Dataset want, Dataset got) {
        assertArrayEquals(want.shape(), got.shape());
        assertArrayEquals(labels(want), labels(got));
        assertArrayEquals(all(want), all(got), "bit-identical features");
    }

    @Test
    void everyDataSetIsOneEntryAndTheDownloadRegistryComesFromThem() {
        List<DataSetEntry> entries = DataCatalog.entries();
        assertEquals(entries.size(), new HashSet<>(entries.stream().map(DataSetEntry::name).toList()).size(), "names are unique");
        assertEquals(List.of("fashion-mnist", "nfashion-emulated", "ncars"), DataCatalog.NAMES.subList(0, 3));
        assertEquals(List.of("cifar-10", "cifar-100", "dvs-gesture", "fashion-mnist", "mnist", "n-mnist", "ncars", "shd"),
                DataCatalog.downloads().stream().map(DatasetInfo::name).toList());
        assertFalse(DataCatalog.NAMES.contains("shd"), "download only");
        assertTrue(DataCatalog.NAMES.containsAll(List.of("nfashion-emulated-32", "nmnist-emulated", "n-mnist", "dvs-gesture", "cifar-10", "mnist")));
        assertFalse(DataCatalog.isEvents("fashion-mnist"));
        assertFalse(DataCatalog.isEvents("cifar-100"));
        assertTrue(DataCatalog.isEvents("nfashion-emulated") && DataCatalog.isEvents("ncars") && DataCatalog.isEvents("n-mnist"));
        assertArrayEquals(new long[]{5, 2, 34, 34}, DataCatalog.entry("nfashion-emulated").exampleShape(5));
        assertArrayEquals(new long[]{3, 32, 32}, DataCatalog.entry("cifar-10").exampleShape(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataCatalog.download("imagenet"));
        assertTrue(e.getMessage().contains("unknown data set 'imagenet'") && e.getMessage().contains("cifar-10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DataCatalog.Request("shd", null, 4, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> DataCatalog.entry("nope"));
    }

    @Test
    void presetsAreTheEmulatorsTheNotebooksUsed() {
        assertEquals(new DvsEmulator(34, 100, 2, 1000, 0.3, 0.03, 1000, 0.2), DvsEmulator.nfashion34());
        assertEquals(new DvsEmulator(32, 100, 2, 1000, 0.3, 0.03, 1000, 0.2), DvsEmulator.nfashion32());
        assertEquals(new DvsEmulator(34, 100, 3, 1000, 0.3, 0.03, 1000, 0.2), DvsEmulator.nmnistLike());
    }

    @Test
    void emulatedSetsAreTheSourceImagesThroughTheirPresetWithSeeds1And1e6() throws IOException {
        DataRoots roots = rootWith("fashion-mnist", "mnist");
        Path fm = dir.resolve("root/fashion-mnist");
        DataCatalog.TrainTest d = DataCatalog.load(new DataCatalog.Request("nfashion-emulated", null, 4, 5, 3, null), roots);
        assertSame(EmulatedDataset.of(FashionMnist.load(fm, Split.TRAIN).limit(5), DvsEmulator.nfashion34(), 4, 1), d.train());
        assertSame(EmulatedDataset.of(FashionMnist.load(fm, Split.TEST).limit(3), DvsEmulator.nfashion34(), 4, 1_000_000), d.test());
        assertArrayEquals(new long[]{4, 2, 34, 34}, d.train().shape());
        DataCatalog.TrainTest d32 = DataCatalog.load(new DataCatalog.Request("nfashion-emulated-32", null, 3, 2, 2, null), roots);
        assertSame(EmulatedDataset.of(FashionMnist.load(fm, Split.TEST).limit(2), DvsEmulator.nfashion32(), 3, 1_000_000), d32.test());
        DataCatalog.TrainTest dm = DataCatalog.load(new DataCatalog.Request("nmnist-emulated", null, 3, 2, 2, null), roots);
        assertSame(EmulatedDataset.of(Mnist.load(dir.resolve("root/mnist"), Split.TRAIN).limit(2), DvsEmulator.nmnistLike(), 3, 1), dm.train());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataCatalog.load(new DataCatalog.Request("nfashion-emulated", null, 4, 13, 3, null), roots));
        assertEquals("--limit-train must be in [1, 12], got 13", e.getMessage());
    }

    @Test
    void aCacheFolderServesTheSameEmulatedSplitsAgain() throws IOException {
        DataRoots roots = rootWith("fashion-mnist");
        Path cache = dir.resolve("cache");
        DataCatalog.Request r = new DataCatalog.Request("nfashion-emulated", null, 3, 4, 2, cache);
        DataCatalog.TrainTest first = DataCatalog.load(r, roots);
        assertEquals(2, new DataCache(cache).list().size(), "one entry per split");
        DataCatalog.TrainTest again = DataCatalog.load(r, roots);
        assertSame(first.train(), again.train());
        assertSame(first.test(), again.test());
        assertEquals(first.train().checksum(), again.train().checksum());
        assertEquals(first.train().name(), again.train().name());
        DataCatalog.load(new DataCatalog.Request("nfashion-emulated", null, 2, 4, 2, cache), roots);
        assertEquals(4, new DataCache(cache).list().size(), "T is part of the key");
    }

    @Test
    void imagesLoadWithStrictLimitsAndAnExplicitFolderMustExist() throws IOException {
        DataRoots roots = rootWith("fashion-mnist");
        DataCatalog.TrainTest d = DataCatalog.load(new DataCatalog.Request("fashion-mnist", null, 1, null, 4, null), roots);
        assertEquals(12, d.train().size());
        assertEquals(4, d.test().size());
        assertEquals("fashion-mnist-train", d.train().name());
        DataCatalog.TrainTest explicit = DataCatalog.load(new DataCatalog.Request("fashion-mnist", dir.resolve("root/fashion-mnist"), 1, 3, null, null),
                new DataRoots(List.of(dir.resolve("empty")), List.of()));
        assertEquals(3, explicit.train().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataCatalog.load(new DataCatalog.Request("fashion-mnist", dir.resolve("nowhere"), 1, null, null, null), roots));
        assertTrue(e.getMessage().contains("--data-dir") && e.getMessage().contains("nowhere"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataCatalog.load("nfashion-emulated", 5, 5));
    }

    @Test
    void eventFoldersAreFoundUnderTheRootsAndReadAtMostTheLimit() throws IOException {
        Path root = dir.resolve("root");
        for (String split : new String[]{"train", "test"})
            for (String cls : org.snnlab.data.event.Ncars.CLASSES)
                for (int i = 0; i < 2; i++)
                    PropheseeDat.write(Files.createDirectories(root.resolve("ncars").resolve(split).resolve(cls)).resolve(i + ".dat"),
                            random(120, 80, 100_000, i));
        for (String split : new String[]{"Train", "Test"})
            for (int c = 0; c < 2; c++)
                for (int i = 0; i < 3; i++)
                    NmnistBin.write(Files.createDirectories(root.resolve("n-mnist").resolve(split).resolve("" + c)).resolve(i + ".bin"),
                            random(34, 60, 300_000, 10 * c + i));
        DataRoots roots = new DataRoots(List.of(dir.resolve("empty"), root), List.of());
        assertEquals(root.resolve("ncars"), DataCatalog.locate("ncars", roots));
        DataCatalog.TrainTest n = DataCatalog.load(new DataCatalog.Request("ncars", null, 5, 3, 100, null), roots);
        assertEquals(3, n.train().size());
        assertEquals(4, n.test().size(), "all there are when fewer than the limit");
        assertSame(org.snnlab.data.event.Ncars.frames(root.resolve("ncars"), Split.TRAIN, 5, 3), n.train());
        DataCatalog.TrainTest m = DataCatalog.load(new DataCatalog.Request("n-mnist", null, 4, 5, null, null), roots);
        assertEquals(5, m.train().size());
        assertEquals(6, m.test().size());
        assertArrayEquals(new long[]{4, 2, 34, 34}, m.train().shape());
        assertSame(org.snnlab.data.event.EventFileDataset.nmnist(root.resolve("n-mnist/Train"), 4).limit(5), m.train());

        DataRoots none = new DataRoots(List.of(dir.resolve("empty")), List.of());
        assertFalse(DataCatalog.available("ncars", none));
        assertEquals("ncars", DataCatalog.firstAvailable(roots, "ncars", "nfashion-emulated"));
        assertEquals("nfashion-emulated", DataCatalog.firstAvailable(none, "ncars", "dvs-gesture", "nfashion-emulated"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataCatalog.locate("ncars", none));
        assertTrue(e.getMessage().contains("ncars not found") && e.getMessage().contains(dir.resolve("empty/ncars").toString())
                && e.getMessage().contains("data download ncars"), e.getMessage());
    }

    @Test
    void dvsGestureIsFoundAlsoInsideTheFolderItsArchiveUnpacksTo() throws IOException {
        Path inner = Files.createDirectories(dir.resolve("root/dvs-gesture/DvsGesture"));
        Files.writeString(inner.resolve("trials_to_train.txt"), "user01_led.aedat\n");
        DataRoots roots = new DataRoots(List.of(dir.resolve("root")), List.of());
        assertFalse(DataCatalog.available("dvs-gesture", roots), "needs both split files");
        Files.writeString(inner.resolve("trials_to_test.txt"), "user02_led.aedat\n");
        assertEquals(dir.resolve("root/dvs-gesture"), DataCatalog.locate("dvs-gesture", roots));
        assertEquals(inner, org.snnlab.data.event.DvsGesture.folder(dir.resolve("root/dvs-gesture")));
    }

    @Test
    void cifarIsFoundByItsRecordFiles() throws IOException {
        Path bins = Files.createDirectories(dir.resolve("root/cifar-10/cifar-10-batches-bin"));
        DataRoots roots = new DataRoots(List.of(dir.resolve("root")), List.of());
        for (int k = 1; k <= 5; k++) CifarBin.write(bins.resolve("data_batch_" + k + ".bin"), CifarFixtures.records(CifarBin.Layout.CIFAR10, 2, k));
        assertFalse(DataCatalog.available("cifar-10", roots), "no test_batch.bin yet");
        CifarBin.write(bins.resolve("test_batch.bin"), CifarFixtures.records(CifarBin.Layout.CIFAR10, 3, 9));
        DataCatalog.TrainTest c = DataCatalog.load(new DataCatalog.Request("cifar-10", null, 1, 4, null, null), roots);
        assertEquals(4, c.train().size());
        assertEquals(3, c.test().size());
        assertArrayEquals(new long[]{3, 32, 32}, c.train().shape());
    }

    /** {@code n} time-sorted random events on a {@code size x size} sensor within {@code maxT} us. */
    static Events random(int size, int n, long maxT, long seed) {
        return org.snnlab.data.event.EventReadersTest.random(size, n, maxT, seed);
    }
}
