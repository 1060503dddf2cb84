package org.snnlab.data;

import org.snnlab.data.DataSetEntry.Kind;
import org.snnlab.data.DataSetEntry.Locator;
import org.snnlab.data.download.DatasetInfo;
import org.snnlab.data.download.RemoteFile;
import org.snnlab.data.event.DvsEmulator;
import org.snnlab.data.event.DvsGesture;
import org.snnlab.data.event.EmulatedDataset;
import org.snnlab.data.event.EventFileDataset;
import org.snnlab.data.event.Ncars;

import java.nio.file.Files;
import java.util.List;

/**
 * The definitions of the {@link DataCatalog}'s data sets, one {@link DataSetEntry} each: name, reader,
 * folder under the {@link DataRoots}, emulation preset and download registry entry.
 *
 * <p>Download checksums: most sha256 values are unknown and null ("unknown, verify on first download";
 * the downloader reports the computed value to record here). The CIFAR archives' sha256 values agree
 * across several independent third-party loaders (Julia MLDatasets, Ruby red-datasets, GoMLX),
 * together with the byte sizes and the authors' md5s; the downloader checks both sha256 and md5 where
 * both are recorded. md5 values are the ones published with torchvision's MNIST / Fashion-MNIST / CIFAR
 * loaders, the CIFAR page and the Fashion-MNIST README. Archives are marked to be unpacked
 * ({@link RemoteFile#unpacked()}). SHD publishes its md5s in {@code md5sums.txt} beside the files
 * (third-party copies of those values disagree, so none is hard-coded). N-MNIST, NCARS and DVS128
 * Gesture need a browser (Mendeley / Prophesee form / IBM Box) and are manual.
 */
final class CatalogEntries {
    private static final String TORONTO = "https://www.cs.toronto.edu/~kriz/";
    private static final String MNIST = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    private static final String FASHION = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    private static final String ZENKE = "https://zenkelab.org/datasets/";
    private static final String KRIZHEVSKY = "Krizhevsky (2009) Learning multiple layers of features from tiny images. Tech. report, U. Toronto";
    private static final long TRAIN_SEED = 1, TEST_SEED = 1_000_000;

    private CatalogEntries() { }

    /** Every entry, in the catalog's order. */
    static List<DataSetEntry> all() {
        DataSetEntry fashion = fashionMnist(), mnist = mnist();
        return List.of(fashion,
                emulated("nfashion-emulated", fashion, DvsEmulator.nfashion34(), "Fashion-MNIST turned into N-MNIST-like saccade"
                        + " recordings on a 34x34 sensor (DvsEmulator.nfashion34(), as notebooks 01 and 05), T equal-time binary frames"),
                ncars(),
                emulated("nfashion-emulated-32", fashion, DvsEmulator.nfashion32(), "Fashion-MNIST turned into saccade recordings on"
                        + " a 32x32 sensor (DvsEmulator.nfashion32(), QSNN's event input size, as notebook 04), T equal-time binary frames"),
                mnist,
                emulated("nmnist-emulated", mnist, DvsEmulator.nmnistLike(), "MNIST turned into N-MNIST-like saccade recordings"
                        + " (DvsEmulator.nmnistLike(): 34x34, saccades of 3 px), T equal-time binary frames"),
                nmnist(), dvsGesture(), cifar10(), cifar100(), shd());
    }

    private static DataSetEntry fashionMnist() {
        return new DataSetEntry("fashion-mnist", "Fashion-MNIST (Xiao et al. 2017): 60,000 / 10,000 greyscale 28x28 images of"
                + " 10 clothing classes; the bundled subset data/fashion-mnist-subset when no full copy is found",
                Kind.IMAGES, new long[]{1, 28, 28}, 10, Locator.of(FashionMnist::find, FashionMnist::locate),
                p -> p.first(FashionMnist.load(p.dir(), p.split())),
                new DatasetInfo("fashion-mnist", List.of(
                        RemoteFile.of("train-images-idx3-ubyte.gz", FASHION + "train-images-idx3-ubyte.gz", null, "8d4fb7e6c68d591d4c3dfef9ec88bf0d", 26421880L),
                        RemoteFile.of("train-labels-idx1-ubyte.gz", FASHION + "train-labels-idx1-ubyte.gz", null, "25c81989df183df01b3e8a0aad5dffbe", 29515L),
                        RemoteFile.of("t10k-images-idx3-ubyte.gz", FASHION + "t10k-images-idx3-ubyte.gz", null, "bef4ecab320f06d8554ea6380940ec79", 4422102L),
                        RemoteFile.of("t10k-labels-idx1-ubyte.gz", FASHION + "t10k-labels-idx1-ubyte.gz", null, "bb300cfdad3c16e7a12a480ee83cd310", 5148L)),
                        "MIT", "Xiao, Rasul, Vollgraf (2017) Fashion-MNIST: a novel image dataset for benchmarking machine learning algorithms. arXiv:1708.07747",
                        "sha256 unknown, verify on first download; md5 from the Fashion-MNIST README / torchvision; Debian: apt install dataset-fashion-mnist"));
    }

    private static DataSetEntry mnist() {
        return new DataSetEntry("mnist", "MNIST (LeCun et al. 1998): 60,000 / 10,000 greyscale 28x28 images of the digits 0-9",
                Kind.IMAGES, new long[]{1, 28, 28}, 10, Locator.folder("mnist", FashionMnist::isComplete, "the four IDX files (raw or .gz)"),
                p -> p.first(Mnist.load(p.dir(), p.split())),
                new DatasetInfo("mnist", List.of(
                        RemoteFile.of("train-images-idx3-ubyte.gz", MNIST + "train-images-idx3-ubyte.gz", null, "f68b3c2dcbeaaa9fbdd348bbdeb94873", 9912422L),
                        RemoteFile.of("train-labels-idx1-ubyte.gz", MNIST + "train-labels-idx1-ubyte.gz", null, "d53e105ee54ea40749a09fcbcd1e9432", 28881L),
                        RemoteFile.of("t10k-images-idx3-ubyte.gz", MNIST + "t10k-images-idx3-ubyte.gz", null, "9fb629c4189551a2d022fa330f9573f3", 1648877L),
                        RemoteFile.of("t10k-labels-idx1-ubyte.gz", MNIST + "t10k-labels-idx1-ubyte.gz", null, "ec29112dd5afa0611ce80d1b7f02629c", 4542L)),
                        "CC BY-SA 3.0", "LeCun, Bottou, Bengio, Haffner (1998) Gradient-based learning applied to document recognition. Proc. IEEE 86:2278",
                        "sha256 unknown, verify on first download; md5 from torchvision (ossci mirror of yann.lecun.com)"));
    }

    /**
     * The images of {@code source} (its folder, reader and limits) turned into events by {@code emulator},
     * then T equal-time binary frames {@code [T, 2, S, S]}; image {@code i} of the training split is
     * emulated with seed {@code 1 + i}, of the test split with {@code 1,000,000 + i}. With a cache the
     * frames are stored, keyed by this name, the source split's name, size and sha256, the emulator, T
     * and the seed.
     */
    private static DataSetEntry emulated(String name, DataSetEntry source, DvsEmulator emulator, String description) {
        int s = emulator.sensor();
        return new DataSetEntry(name, description, Kind.EVENT_FRAMES, new long[]{2, s, s}, source.classes(), source.locator(), p -> {
            Dataset images = source.reader().read(p);
            long seed = p.split() == Split.TRAIN ? TRAIN_SEED : TEST_SEED;
            if (p.cache() == null) return EmulatedDataset.of(images, emulator, p.frames(), seed);
            String key = String.join("|", name, images.name(), Integer.toString(images.size()), images.checksum(),
                    emulator.toString(), "frames=" + p.frames(), "seed=" + seed);
            return p.cache().get(key, () -> EmulatedDataset.of(images, emulator, p.frames(), seed));
        }, null);
    }

    private static DataSetEntry ncars() {
        return new DataSetEntry("ncars", "Prophesee NCARS (Sironi et al. 2018): 100 ms ATIS recordings of cars and background,"
                + " the 100x100 window at the origin as T equal-time binary frames, classes alternating (any limit is balanced)",
                Kind.EVENT_FRAMES, new long[]{2, Ncars.WINDOW, Ncars.WINDOW}, 2,
                Locator.folder("ncars", d -> DataSetEntry.hasFolders(d, "train", "test"), "train/ and test/ (cars|background/*.dat)"),
                p -> Ncars.frames(p.dir(), p.split(), p.frames(), p.atMost()),
                new DatasetInfo("ncars", List.of(RemoteFile.manual("Prophesee_Dataset_n_cars.zip", "https://www.prophesee.ai/2018/03/13/dataset-n-cars/")),
                        "Prophesee research licence (non-commercial; accept on the download form)",
                        "Sironi, Brambilla, Bourdis, Lagorce, Benosman (2018) HATS: Histograms of averaged time surfaces for robust event-based object classification. CVPR",
                        "sha256 unknown, verify on first download; .dat files under train|test/cars|background"));
    }

    private static DataSetEntry nmnist() {
        return new DataSetEntry("n-mnist", "N-MNIST (Orchard et al. 2015): MNIST recorded by an ATIS sensor in three saccades,"
                + " 34x34, read on demand from Train|Test/<digit>/*.bin as T equal-time bins of event counts, classes interleaved",
                Kind.EVENT_FRAMES, new long[]{2, 34, 34}, 10,
                Locator.folder("n-mnist", d -> DataSetEntry.hasFolders(d, "Train", "Test"), "Train/ and Test/ (<digit>/*.bin)"),
                p -> {
                    Dataset d = EventFileDataset.nmnist(p.dir().resolve(p.split() == Split.TRAIN ? "Train" : "Test"), p.frames());
                    return d.limit(Math.min(p.atMost(), d.size()));
                },
                new DatasetInfo("n-mnist", List.of(RemoteFile.manual("Train.zip", "https://data.mendeley.com/datasets/468j46mzdv/1").unpacked(),
                        RemoteFile.manual("Test.zip", "https://data.mendeley.com/datasets/468j46mzdv/1").unpacked()), "CC BY 4.0",
                        "Orchard, Jayawant, Cohen, Thakor (2015) Converting static image datasets to spiking neuromorphic datasets using saccades. Front. Neurosci. 9:437",
                        "sha256 unknown, verify on first download; put the zips in data/n-mnist/, then `snnlab data download n-mnist` unzips them (Train/<digit>/*.bin)"));
    }

    private static DataSetEntry dvsGesture() {
        return new DataSetEntry("dvs-gesture", "IBM DVS128 Gesture (Amir et al. 2017): every labelled gesture of the recordings"
                + " of each split, downsampled 128 -> 32 (QSNN's input), as T equal-time binary frames, 11 classes",
                Kind.EVENT_FRAMES, new long[]{2, 32, 32}, DvsGesture.CLASSES,
                Locator.folder("dvs-gesture", d -> DvsGesture.folder(d) != null, DvsGesture.TRAIN + " and " + DvsGesture.TEST
                        + " (itself or in DvsGesture/) with the .aedat recordings and their _labels.csv"),
                p -> DvsGesture.frames(DvsGesture.folder(p.dir()), p.split(), 4, p.frames(), p.atMost()),
                new DatasetInfo("dvs-gesture", List.of(RemoteFile.manual("DvsGesture.tar.gz", "https://research.ibm.com/interactive/dvsgesture/").unpacked()),
                        "CC BY 4.0", "Amir et al. (2017) A low power, fully event-based gesture recognition system. CVPR",
                        "sha256 unknown, verify on first download; put it in data/dvs-gesture/, then `snnlab data download dvs-gesture` extracts it (DvsGesture/ with trials_to_train.txt, trials_to_test.txt)"));
    }

    private static DataSetEntry cifar10() {
        return new DataSetEntry("cifar-10", "CIFAR-10 (Krizhevsky 2009): 50,000 / 10,000 colour 32x32 images [3, 32, 32] of 10 classes",
                Kind.IMAGES, new long[]{3, CifarBin.SIDE, CifarBin.SIDE}, 10,
                Locator.folder("cifar-10", d -> Cifar.isComplete(d, CifarBin.Layout.CIFAR10), "the unpacked " + Cifar.FOLDER_10 + "/*.bin"),
                p -> p.first(Cifar.load10(p.dir(), p.split())),
                new DatasetInfo("cifar-10", List.of(RemoteFile.of("cifar-10-binary.tar.gz", TORONTO + "cifar-10-binary.tar.gz",
                        "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd",
                        "c32a1d4ab5d03f1284b67883e8d87530", 170052171L).unpacked()), "no licence stated by the authors (free for research)",
                        KRIZHEVSKY, "sha256 from independent third-party loaders (not yet checked by snnlab itself); md5 from the authors' page;"
                        + " unpacks to cifar-10-batches-bin/ (data_batch_1..5.bin, test_batch.bin)"));
    }

    private static DataSetEntry cifar100() {
        return new DataSetEntry("cifar-100", "CIFAR-100 (Krizhevsky 2009): 50,000 / 10,000 colour 32x32 images [3, 32, 32], the 100 fine classes",
                Kind.IMAGES, new long[]{3, CifarBin.SIDE, CifarBin.SIDE}, 100,
                Locator.folder("cifar-100", d -> Cifar.isComplete(d, CifarBin.Layout.CIFAR100), "the unpacked " + Cifar.FOLDER_100 + "/*.bin"),
                p -> p.first(Cifar.load100(p.dir(), p.split(), Cifar.Labels.FINE)),
                new DatasetInfo("cifar-100", List.of(RemoteFile.of("cifar-100-binary.tar.gz", TORONTO + "cifar-100-binary.tar.gz",
                        "58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec",
                        "03b5dce01913d631647c71ecec9e9cb8", 168513733L).unpacked()), "no licence stated by the authors (free for research)",
                        KRIZHEVSKY, "sha256 from independent third-party loaders (not yet checked by snnlab itself); md5 from the authors' page / torchvision;"
                        + " unpacks to cifar-100-binary/ (train.bin, test.bin)"));
    }

    /** SHD: download only for now (its reader {@link org.snnlab.data.event.Shd} gives events, nothing frames them yet). */
    private static DataSetEntry shd() {
        return new DataSetEntry("shd", "Spiking Heidelberg Digits (Cramer et al. 2022): spoken digits 0-9 in English and German"
                + " as spikes of 700 cochlea channels, 20 classes (download and inspect only: no framing reader yet)",
                Kind.EVENT_FRAMES, new long[]{2, 1, 700}, 20,
                Locator.folder("shd", d -> Files.isRegularFile(d.resolve("shd_train.h5")) && Files.isRegularFile(d.resolve("shd_test.h5")),
                        "shd_train.h5 and shd_test.h5"),
                null,
                new DatasetInfo("shd", List.of(RemoteFile.of("shd_train.h5.gz", ZENKE + "shd_train.h5.gz", null, null, -1).unpacked(),
                        RemoteFile.of("shd_test.h5.gz", ZENKE + "shd_test.h5.gz", null, null, -1).unpacked()), "CC BY 4.0",
                        "Cramer, Stradmann, Schemmel, Zenke (2022) The Heidelberg spiking data sets for the systematic evaluation of spiking neural networks. IEEE TNNLS 33:2744",
                        "sha256 and md5 unknown to snnlab: compare with " + ZENKE + "md5sums.txt; `snnlab data download shd` gunzips them"));
    }

}
