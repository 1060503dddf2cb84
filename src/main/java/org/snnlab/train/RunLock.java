package org.snnlab.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one owner of a run folder: an OS file lock on {@code OUT/.lock} (advisory, {@link FileChannel#tryLock()}),
 * held from before a run reads its folder until it has written its last file. The file holds the
 * owner's pid, so a second run into the same folder is refused in one line naming the folder and that
 * pid, before it writes anything. The OS drops the lock when the owner dies (kill -9 included), so a
 * stale {@code .lock} file never blocks the next run; the file itself is left in place (deleting it
 * would let two runs lock two different files).
 */
public final class RunLock implements AutoCloseable {
    /** The lock file's name inside a run folder. */
    public static final String FILE = ".lock";
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code folder} (which must exist) for this process.
     *
     * @throws IllegalStateException one line naming the folder and the holder's pid when another run holds it
     */
    public static RunLock acquire(Path folder) throws IOException {
        Path f = folder.resolve(FILE);
        FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) { // this JVM already runs into the folder
            l = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (l == null) {
            ch.close();
            throw new IllegalStateException(folder + " is in use by another run (pid " + holder(f)
                    + " holds " + f + "); wait for it to end or use another --out");
        }
        try {
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(pid), 0);
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            l.release();
            ch.close();
            throw e;
        }
        return new RunLock(ch, l);
    }

    /** The pid written in a lock file, or "unknown" when it cannot be read. */
    static String holder(Path lockFile) {
        try {
            String s = Files.readString(lockFile, StandardCharsets.US_ASCII).trim();
            return s.matches("\\d{1,19}") ? s : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) lock.release();
        } finally {
            channel.close();
        }
    }
}
