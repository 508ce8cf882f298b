package aidline.knowledge;

import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

/**
 * BGE-small-zh v1.5 (int8, 512 dimensions) run in-process by ONNX Runtime; the model file ships
 * inside its Maven artifact, so nothing is downloaded. Loading takes one to a few seconds, so one
 * instance is made by the application and shared, and the model loads on a background thread from
 * construction on: a restart with a persisted index serves /health (and lexical work) before the
 * model is ready, and the first embedding waits for it.
 */
public final class BgeEmbedder implements Embedder {
  /** BGE's instruction for short retrieval queries; passages are embedded without it. */
  public static final String QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

  private final java.util.concurrent.CompletableFuture<BgeSmallZhV15QuantizedEmbeddingModel> model;
  private final boolean instruction;

  /** @param instruction prefix questions with {@link #QUERY_INSTRUCTION} */
  public BgeEmbedder(boolean instruction) {
    this.instruction = instruction;
    this.model = new java.util.concurrent.CompletableFuture<>();
    Thread loader = new Thread(() -> {
      try {
        model.complete(new BgeSmallZhV15QuantizedEmbeddingModel());
      } catch (RuntimeException | Error e) {
        model.completeExceptionally(e);
      }
    }, "bge-model-load");
    loader.setDaemon(true);
    loader.start();
  }

  private BgeSmallZhV15QuantizedEmbeddingModel model() {
    try {
      return model.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw new IllegalStateException("cannot load the BGE embedding model: " + e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public String id() {
    // the instruction changes only query vectors, so cached passage vectors are shared by both
    return "bge-small-zh-v1.5-q";
  }

  @Override
  public int dimensions() {
    return 512;
  }

  @Override
  public float[] passage(String text) {
    return Embedder.normalize(model().embed(text).content().vector());
  }

  @Override
  public float[] query(String text) {
    return Embedder.normalize(model().embed(instruction ? QUERY_INSTRUCTION + text : text).content().vector());
  }
}
