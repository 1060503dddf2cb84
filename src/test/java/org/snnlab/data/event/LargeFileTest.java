package org.snnlab.data.event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snnlab.data.CifarBin;
import org.snnlab.data.Idx;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files of 2 GiB and more (sparse files here: no disk is written) are refused by every whole-file
 * reader with one line naming the file and its size, not an {@code OutOfMemoryError}.
 */
class LargeFileTest {
    interface Reader { void read(Path p) throws IOException; }

    @Test
    void everyReaderRefusesAFileTooLargeForOneRead(@TempDir Path dir) throws Exception {
        List<Object[]> readers = List.of(
                new Object[]{"r.bin", (Reader) NmnistBin::read},
                new Object[]{"r.dat", (Reader) PropheseeDat::read},
                new Object[]{"r.aedat", (Reader) Aedat31::read},
                new Object[]{"data_batch_1.bin", (Reader) p -> CifarBin.read(p, CifarBin.Layout.CIFAR10)},
                new Object[]{"train-images-idx3-ubyte", (Reader) Idx::readImages});
        for (Object[] r : readers) {
            Path f = dir.resolve((String) r[0]);
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                raf.setLength(Bytes.MAX_READ + 1024); // sparse: 2 GiB of holes
            }
            IOException e = assertThrows(IOException.class, () -> ((Reader) r[1]).read(f), (String) r[0]);
            assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("2.00 GiB is larger than one read can hold"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
            java.nio.file.Files.delete(f);
        }
    }
}
