package aidline.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a knowledge-base folder's Lucene index lives: {@code index-<hash of the folder path and
 * analysis>/} in the cache folder, or memory when there is no cache folder or it cannot be used
 * (not writable, or another process holds that index's write lock: {@code ask} beside a running
 * {@code serve}).
 */
final class IndexFolder {
  private static final Logger log = LoggerFactory.getLogger(IndexFolder.class);

  record Opened(Directory dir, IndexWriter writer) {}

  private IndexFolder() {}

  static Opened open(Path cache, Path folder, ChineseAnalysis mode, Analyzer analyzer) {
    if (cache != null && folder != null) {
      Path p = cache.resolve("index-" + VectorStore.hash(folder.toAbsolutePath().normalize() + "|" + mode).substring(0, 16));
      Directory d = null;
      try {
        Files.createDirectories(p);
        d = FSDirectory.open(p);
        return new Opened(d, new IndexWriter(d, new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)));
      } catch (IOException | RuntimeException e) {
        log.info("knowledge index kept in memory: cannot use {} ({})", p, e.getMessage());
        closeQuietly(d);
      }
    }
    try {
      Directory d = new ByteBuffersDirectory();
      return new Opened(d, new IndexWriter(d, new IndexWriterConfig(analyzer)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cache folder if it exists or can be made and is writable, else null (vectors in memory). */
  static Path writable(Path cache) {
    if (cache == null) {
      return null;
    }
    try {
      Files.createDirectories(cache);
      return Files.isWritable(cache) ? cache : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static void closeQuietly(Directory d) {
    try {
      if (d != null) {
        d.close();
      }
    } catch (IOException ignored) {
      // nothing was written to it
    }
  }

}
