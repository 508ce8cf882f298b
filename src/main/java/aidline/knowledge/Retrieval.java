package aidline.knowledge;

import java.nio.file.Path;

/**
 * How passages are found: BM25 over the Lucene text fields, nearest neighbours of the sentence
 * vectors, or both fused by weighted reciprocal rank. {@code cacheDir} holds the persisted index
 * and vectors (null: in memory). Weights and the on-topic threshold were measured on the dev and
 * held-out question sets (README "Answers").
 */
public record Retrieval(Embedder embedder, Path cacheDir, Mode mode, double lexicalWeight, double vectorWeight, double onTopic) {
  public enum Mode { LEXICAL, VECTOR, HYBRID }

  /** Reciprocal-rank constant: the usual 60 flattens rank differences too much for 8-hit answers. */
  public static final int RRF_K = 20;
  public static final double LEXICAL_WEIGHT = 3.0;
  public static final double VECTOR_WEIGHT = 1.0;
  /** Cosine of the closest passage above which a message is about the documents. */
  public static final double ON_TOPIC = 0.43;
  /** Whether questions get BGE's retrieval instruction (measured: README "Answers"). */
  public static final boolean QUERY_INSTRUCTION = false;

  /** BM25 only, in memory: tests and tools that need no vectors. */
  public static Retrieval lexicalOnly() {
    return new Retrieval(null, null, Mode.LEXICAL, LEXICAL_WEIGHT, 0, ON_TOPIC);
  }

  public static Retrieval hybrid(Embedder embedder, Path cacheDir) {
    return new Retrieval(embedder, cacheDir, Mode.HYBRID, LEXICAL_WEIGHT, VECTOR_WEIGHT, ON_TOPIC);
  }

  public Retrieval withMode(Mode m) {
    return new Retrieval(embedder, cacheDir, m, lexicalWeight, vectorWeight, onTopic);
  }

  public Retrieval withWeights(double lexical, double vector) {
    return new Retrieval(embedder, cacheDir, mode, lexical, vector, onTopic);
  }

  public boolean vectors() {
    return embedder != null && mode != Mode.LEXICAL;
  }

  public boolean lexical() {
    return embedder == null || mode != Mode.VECTOR;
  }
}
