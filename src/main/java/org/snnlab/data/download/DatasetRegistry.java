package org.snnlab.data.download;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data sets snnlab can locate or fetch. Most sha256 values are unknown and null ("unknown, verify
 * on first download"; the downloader reports the computed value to record here). The CIFAR archives'
 * sha256 values agree across several independent third-party loaders (Julia MLDatasets, Ruby
 * red-datasets, GoMLX), together with the byte sizes and the authors' md5s; the downloader checks both
 * sha256 and md5 where both are recorded. md5 values are the ones published with torchvision's MNIST / Fashion-MNIST /
 * CIFAR loaders, the CIFAR page and the Fashion-MNIST README. Archives are marked to be unpacked
 * ({@link RemoteFile#unpacked()}). SHD publishes its md5s in {@code md5sums.txt} beside the
 * files (third-party copies of those values disagree, so none is hard-coded). N-MNIST, NCARS and
 * DVS128 Gesture need a browser (Mendeley / Prophesee form / IBM Box) and are manual.
 */
public final class DatasetRegistry {
    private static final String TORONTO = "https://www.cs.toronto.edu/~kriz/";
    private static final String MNIST = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    private static final String FASHION = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    private static final String ZENKE = "https://zenkelab.org/datasets/";

    private static final Map<String, DatasetInfo> ALL = new TreeMap<>();

    static {
        add(new DatasetInfo("n-mnist", List.of(RemoteFile.manual("Train.zip", "https://data.mendeley.com/datasets/468j46mzdv/1").unpacked(),
                RemoteFile.manual("Test.zip", "https://data.mendeley.com/datasets/468j46mzdv/1").unpacked()), "CC BY 4.0",
                "Orchard, Jayawant, Cohen, Thakor (2015) Converting static image datasets to spiking neuromorphic datasets using saccades. Front. Neurosci. 9:437",
                "sha256 unknown, verify on first download; put the zips in data/n-mnist/, then `snnlab data download n-mnist` unzips them (Train/<digit>/*.bin)"));
        add(new DatasetInfo("ncars", List.of(RemoteFile.manual("Prophesee_Dataset_n_cars.zip", "https://www.prophesee.ai/2018/03/13/dataset-n-cars/")),
                "Prophesee research licence (non-commercial; accept on the download form)",
                "Sironi, Brambilla, Bourdis, Lagorce, Benosman (2018) HATS: Histograms of averaged time surfaces for robust event-based object classification. CVPR",
                "sha256 unknown, verify on first download; .dat files under train|test/cars|background"));
        add(new DatasetInfo("dvs-gesture", List.of(RemoteFile.manual("DvsGesture.tar.gz", "https://research.ibm.com/interactive/dvsgesture/").unpacked()),
                "CC BY 4.0",
                "Amir et al. (2017) A low power, fully event-based gesture recognition system. CVPR",
                "sha256 unknown, verify on first download; put it in data/dvs-gesture/, then `snnlab data download dvs-gesture` extracts it (DvsGesture/ with trials_to_train.txt, trials_to_test.txt)"));
        add(new DatasetInfo("shd", List.of(RemoteFile.of("shd_train.h5.gz", ZENKE + "shd_train.h5.gz", null, null, -1).unpacked(),
                RemoteFile.of("shd_test.h5.gz", ZENKE + "shd_test.h5.gz", null, null, -1).unpacked()), "CC BY 4.0",
                "Cramer, Stradmann, Schemmel, Zenke (2022) The Heidelberg spiking data sets for the systematic evaluation of spiking neural networks. IEEE TNNLS 33:2744",
                "sha256 and md5 unknown to snnlab: compare with " + ZENKE + "md5sums.txt; `snnlab data download shd` gunzips them"));
        add(new DatasetInfo("cifar-10", List.of(RemoteFile.of("cifar-10-binary.tar.gz", TORONTO + "cifar-10-binary.tar.gz",
                "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd",
                "c32a1d4ab5d03f1284b67883e8d87530", 170052171L).unpacked()), "no licence stated by the authors (free for research)",
                "Krizhevsky (2009) Learning multiple layers of features from tiny images. Tech. report, U. Toronto",
                "sha256 from independent third-party loaders (not yet checked by snnlab itself); md5 from the authors' page;"
                        + " unpacks to cifar-10-batches-bin/ (data_batch_1..5.bin, test_batch.bin)"));
        add(new DatasetInfo("cifar-100", List.of(RemoteFile.of("cifar-100-binary.tar.gz", TORONTO + "cifar-100-binary.tar.gz",
                "58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec",
                "03b5dce01913d631647c71ecec9e9cb8", 168513733L).unpacked()), "no licence stated by the authors (free for research)",
                "Krizhevsky (2009) Learning multiple layers of features from tiny images. Tech. report, U. Toronto",
                "sha256 from independent third-party loaders (not yet checked by snnlab itself); md5 from the authors' page / torchvision;"
                        + " unpacks to cifar-100-binary/ (train.bin, test.bin)"));
        add(new DatasetInfo("mnist", List.of(
                RemoteFile.of("train-images-idx3-ubyte.gz", MNIST + "train-images-idx3-ubyte.gz", null, "f68b3c2dcbeaaa9fbdd348bbdeb94873", 9912422L),
                RemoteFile.of("train-labels-idx1-ubyte.gz", MNIST + "train-labels-idx1-ubyte.gz", null, "d53e105ee54ea40749a09fcbcd1e9432", 28881L),
                RemoteFile.of("t10k-images-idx3-ubyte.gz", MNIST + "t10k-images-idx3-ubyte.gz", null, "9fb629c4189551a2d022fa330f9573f3", 1648877L),
                RemoteFile.of("t10k-labels-idx1-ubyte.gz", MNIST + "t10k-labels-idx1-ubyte.gz", null, "ec29112dd5afa0611ce80d1b7f02629c", 4542L)),
                "CC BY-SA 3.0", "LeCun, Bottou, Bengio, Haffner (1998) Gradient-based learning applied to document recognition. Proc. IEEE 86:2278",
                "sha256 unknown, verify on first download; md5 from torchvision (ossci mirror of yann.lecun.com)"));
        add(new DatasetInfo("fashion-mnist", List.of(
                RemoteFile.of("train-images-idx3-ubyte.gz", FASHION + "train-images-idx3-ubyte.gz", null, "8d4fb7e6c68d591d4c3dfef9ec88bf0d", 26421880L),
                RemoteFile.of("train-labels-idx1-ubyte.gz", FASHION + "train-labels-idx1-ubyte.gz", null, "25c81989df183df01b3e8a0aad5dffbe", 29515L),
                RemoteFile.of("t10k-images-idx3-ubyte.gz", FASHION + "t10k-images-idx3-ubyte.gz", null, "bef4ecab320f06d8554ea6380940ec79", 4422102L),
                RemoteFile.of("t10k-labels-idx1-ubyte.gz", FASHION + "t10k-labels-idx1-ubyte.gz", null, "bb300cfdad3c16e7a12a480ee83cd310", 5148L)),
                "MIT", "Xiao, Rasul, Vollgraf (2017) Fashion-MNIST: a novel image dataset for benchmarking machine learning algorithms. arXiv:1708.07747",
                "sha256 unknown, verify on first download; md5 from the Fashion-MNIST README / torchvision; Debian: apt install dataset-fashion-mnist"));
    }

    private DatasetRegistry() { }

    private static void add(DatasetInfo d) {
        ALL.put(d.name(), d);
    }

    /** The entry called {@code name}; IllegalArgumentException listing the known names otherwise. */
    public static DatasetInfo get(String name) {
        DatasetInfo d = ALL.get(name);
        if (d == null) throw new IllegalArgumentException("unknown data set '" + name + "', known: " + String.join(", ", ALL.keySet()));
        return d;
    }

    /** Every entry, sorted by name. */
    public static List<DatasetInfo> all() {
        return List.copyOf(ALL.values());
    }
}
