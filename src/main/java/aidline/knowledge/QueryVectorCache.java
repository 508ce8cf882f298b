package aidline.knowledge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Query vectors by normalised text, least recently used dropped first: parents ask the same things,
 * and embedding a question costs milliseconds where a lookup costs microseconds.
 */
public final class QueryVectorCache implements Embedder {
  public static final int DEFAULT_SIZE = 4096;

  private final Embedder model;
  private final Map<String, float[]> cache;

  public QueryVectorCache(Embedder model, int size) {
    this.model = model;
    this.cache = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
        return size() > size;
      }
    };
  }

  @Override
  public String id() {
    return model.id();
  }

  @Override
  public int dimensions() {
    return model.dimensions();
  }

  @Override
  public float[] passage(String text) {
    return model.passage(text);
  }

  @Override
  public float[] query(String text) {
    String key = ChineseText.normalize(text).strip();
    synchronized (cache) {
      float[] v = cache.get(key);
      if (v != null) {
        return v;
      }
    }
    // embedded outside the lock: two threads may embed one new question twice, never block each other
    float[] v = model.query(key);
    synchronized (cache) {
      cache.put(key, v);
    }
    return v;
  }

  /** Forgets every question (a benchmark's "never seen before" rounds). */
  public void clear() {
    synchronized (cache) {
      cache.clear();
    }
  }

  public int size() {
    synchronized (cache) {
      return cache.size();
    }
  }
}
