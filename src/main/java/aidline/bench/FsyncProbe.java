package aidline.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The disk's own fsync latency in the same minutes as a measurement whose requests wait for one (a
 * lookup waits for its audit row's commit): 4 KiB written and forced, over and over, in a scratch
 * file on the same file system. On a shared machine other processes' writes show up here first.
 */
final class FsyncProbe {
  /** Milliseconds per fsync: p50, p99, max. */
  record Figures(double p50, double p99, double max, int count) {}

  private FsyncProbe() {}

  static Figures run(Path dir, int count) throws IOException {
    Path file = Files.createTempFile(dir, "fsync", ".probe");
    long[] nanos = new long[count];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer page = ByteBuffer.allocate(4096);
      for (int i = 0; i < count; i++) {
        page.clear();
        ch.write(page, (long) (i % 64) * 4096);
        long t0 = System.nanoTime();
        ch.force(false);
        nanos[i] = System.nanoTime() - t0;
      }
    } finally {
      Files.deleteIfExists(file);
    }
    Stats s = Stats.ofNanos(nanos);
    return new Figures(s.median(), s.p99(), s.max(), count);
  }
}
