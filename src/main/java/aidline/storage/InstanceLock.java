package aidline.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An OS file lock beside the database ({@code aidline.db.lock}) held while the server runs, so
 * {@code restore} can refuse to overwrite a database in use. The OS drops it if the process dies.
 */
public final class InstanceLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private InstanceLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static Path lockFile(Path db) {
    return db.resolveSibling(db.getFileName() + ".lock");
  }

  /** The lock, or empty if another process holds it. */
  public static Optional<InstanceLock> tryAcquire(Path db) {
    try {
      if (db.getParent() != null) {
        Files.createDirectories(db.getParent());
      }
      FileChannel ch = FileChannel.open(lockFile(db), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        ch.close();
        return Optional.empty();
      }
      return Optional.of(new InstanceLock(ch, l));
    } catch (IOException e) {
      throw new StorageException("无法创建锁文件 " + lockFile(db) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the OS releases the lock with the process anyway
    }
  }
}
