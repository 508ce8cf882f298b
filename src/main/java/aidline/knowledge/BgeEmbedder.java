package aidline.knowledge;

import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

/**
 * BGE-small-zh v1.5 (int8, 512 dimensions) run in-process by ONNX Runtime; the model file ships
 * inside its Maven artifact, so nothing is downloaded. Loading takes about a second, so one
 * instance is made by the application and shared.
 */
public final class BgeEmbedder implements Embedder {
  /** BGE's instruction for short retrieval queries; passages are embedded without it. */
  public static final String QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

  private final BgeSmallZhV15QuantizedEmbeddingModel model = new BgeSmallZhV15QuantizedEmbeddingModel();
  private final boolean instruction;

  /** @param instruction prefix questions with {@link #QUERY_INSTRUCTION} */
  public BgeEmbedder(boolean instruction) {
    this.instruction = instruction;
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
    return Embedder.normalize(model.embed(text).content().vector());
  }

  @Override
  public float[] query(String text) {
    return Embedder.normalize(model.embed(instruction ? QUERY_INSTRUCTION + text : text).content().vector());
  }
}
