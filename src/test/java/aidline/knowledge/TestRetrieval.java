package aidline.knowledge;

import java.nio.file.Path;

/**
 * The real retrieval for golden tests: BGE-small-zh in-process (not mocked), one model per test JVM
 * since loading it takes seconds, with passage vectors cached under target/ between runs.
 */
public final class TestRetrieval {
  private static Embedder shared;

  private TestRetrieval() {}

  public static synchronized Embedder embedder() {
    if (shared == null) {
      shared = new QueryVectorCache(new BgeEmbedder(Retrieval.QUERY_INSTRUCTION), QueryVectorCache.DEFAULT_SIZE);
    }
    return shared;
  }

  public static Retrieval hybrid() {
    return Retrieval.hybrid(embedder(), Path.of("target", "test-kb-cache"));
  }

  /** Hybrid retrieval with the index and vectors in memory only. */
  public static Retrieval inMemory() {
    return Retrieval.hybrid(embedder(), null);
  }
}
