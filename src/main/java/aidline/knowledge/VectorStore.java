package aidline.knowledge;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passage vectors keyed by the SHA-256 of the text that was embedded, kept in one file per model in
 * the cache folder: a restart with an unchanged knowledge base embeds nothing, a reindex embeds only
 * new or changed passages, and copies of a text (another folder, a grown benchmark corpus) share one
 * vector. Without a folder (none configured, or not writable) the vectors live in memory only.
 */
public final class VectorStore {
  private static final Logger log = LoggerFactory.getLogger(VectorStore.class);
  private static final int MAGIC = 0x41564543; // "AVEC"

  private final Path file;
  private final int dimensions;
  private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
  private final Map<String, float[]> unsaved = new ConcurrentHashMap<>();

  private VectorStore(Path file, int dimensions) {
    this.file = file;
    this.dimensions = dimensions;
  }

  /** The store of {@code model} in {@code folder}, read from disk if present; {@code folder} may be null. */
  public static VectorStore open(Path folder, String model, int dimensions) {
    Path file = folder == null ? null : folder.resolve("vectors-" + model + ".bin");
    VectorStore s = new VectorStore(file, dimensions);
    if (file != null && Files.isRegularFile(file)) {
      s.read(file, s.vectors);
    }
    return s;
  }

  public static VectorStore inMemory(int dimensions) {
    return new VectorStore(null, dimensions);
  }

  public static String hash(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public float[] get(String hash) {
    return vectors.get(hash);
  }

  public void put(String hash, float[] vector) {
    if (vectors.putIfAbsent(hash, vector) == null) {
      unsaved.put(hash, vector);
    }
  }

  public int size() {
    return vectors.size();
  }

  /**
   * Writes new vectors to the file (merged with what another process may have written meanwhile),
   * through a temporary file and a rename, so a reader never sees half a file. A failure to write
   * only costs re-embedding at the next start.
   */
  public synchronized void save() {
    if (file == null || unsaved.isEmpty()) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      Map<String, float[]> all = new HashMap<>();
      if (Files.isRegularFile(file)) {
        read(file, all);
      }
      all.putAll(vectors);
      Path tmp = Files.createTempFile(file.getParent(), "vectors", ".tmp");
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
        out.writeInt(MAGIC);
        out.writeInt(dimensions);
        out.writeInt(all.size());
        for (Map.Entry<String, float[]> e : all.entrySet()) {
          out.write(HexFormat.of().parseHex(e.getKey()));
          for (float f : e.getValue()) {
            out.writeFloat(f);
          }
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      unsaved.clear();
    } catch (IOException e) {
      log.warn("cannot write the vector cache {}: {}", file, e.getMessage());
    }
  }

  private void read(Path from, Map<String, float[]> into) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(from), 1 << 16))) {
      if (in.readInt() != MAGIC || in.readInt() != dimensions) {
        log.warn("vector cache {} has another format; it will be rebuilt", from);
        return;
      }
      int n = in.readInt();
      byte[] key = new byte[32];
      for (int i = 0; i < n; i++) {
        in.readFully(key);
        float[] v = new float[dimensions];
        for (int d = 0; d < dimensions; d++) {
          v[d] = in.readFloat();
        }
        into.put(HexFormat.of().formatHex(key), v);
      }
    } catch (IOException e) {
      log.warn("cannot read the vector cache {} ({}); missing vectors will be embedded again", from, e.getMessage());
    }
  }
}
