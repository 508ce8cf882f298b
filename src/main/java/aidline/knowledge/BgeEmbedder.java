package aidline.knowledge;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * BGE-small-zh v1.5 (int8, 512 dimensions) run in-process by ONNX Runtime; the model file ships
 * inside its Maven artifact, so nothing is downloaded. Loading takes one to a few seconds, so one
 * instance is made by the application and shared, and the model loads on a background thread from
 * construction on: a restart with a persisted index serves /health before the model is ready, and
 * the first embedding waits for it.
 *
 * <p>The ONNX session runs each embedding on one thread: measured on the shared 2-core machine, a
 * question embeds as fast or faster than with ONNX Runtime's default of one thread per core (about
 * 3 ms when the machine is quiet), and concurrent requests do not fight over the cores.
 */
public final class BgeEmbedder implements Embedder {
  /** BGE's instruction for short retrieval queries; passages are embedded without it. */
  public static final String QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

  private static final String MODEL = "/bge-small-zh-v1.5-q.onnx";
  private static final String TOKENIZER = "/bge-small-zh-v1.5-q-tokenizer.json";

  private final CompletableFuture<AbstractInProcessEmbeddingModel> model = new CompletableFuture<>();
  private final boolean instruction;

  /** @param instruction prefix questions with {@link #QUERY_INSTRUCTION} */
  public BgeEmbedder(boolean instruction) {
    this.instruction = instruction;
    Thread loader = new Thread(() -> {
      try {
        model.complete(load());
      } catch (RuntimeException | OrtException | IOException e) {
        model.completeExceptionally(e);
      }
    }, "bge-model-load");
    loader.setDaemon(true);
    loader.start();
  }

  private static AbstractInProcessEmbeddingModel load() throws OrtException, IOException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(1);
    options.setInterOpNumThreads(1);
    byte[] onnx;
    try (InputStream in = BgeSmallZhV15QuantizedEmbeddingModel.class.getResourceAsStream(MODEL)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("model file missing from the classpath: " + MODEL));
      }
      onnx = in.readAllBytes();
    }
    OnnxBertBiEncoder encoder;
    try (InputStream tokenizer = BgeSmallZhV15QuantizedEmbeddingModel.class.getResourceAsStream(TOKENIZER)) {
      encoder = new OnnxBertBiEncoder(env, env.createSession(onnx, options), tokenizer, PoolingMode.CLS);
    }
    return new AbstractInProcessEmbeddingModel(Runnable::run) {
      @Override
      protected OnnxBertBiEncoder model() {
        return encoder;
      }

      @Override
      protected Integer knownDimension() {
        return 512;
      }
    };
  }

  private AbstractInProcessEmbeddingModel model() {
    try {
      return model.join();
    } catch (CompletionException e) {
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
    return embed(text);
  }

  /** A question with nothing to embed (whitespace, control or format marks of any kind) gets the zero vector, which matches nothing. */
  @Override
  public float[] query(String text) {
    return nothingToEmbed(text) ? new float[dimensions()] : embed(instruction ? QUERY_INSTRUCTION + text : text);
  }

  private float[] embed(String text) {
    if (nothingToEmbed(text)) {
      return new float[dimensions()];
    }
    try {
      return Embedder.normalize(model().embed(text).content().vector());
    } catch (IndexOutOfBoundsException noTokens) {
      // BERT's tokenizer drops characters this check may not know of (a new Unicode version's
      // controls); OnnxBertBiEncoder then averages an empty list. Such text has nothing to embed.
      return new float[dimensions()];
    }
  }

  /**
   * True when BERT's tokenizer would keep no character: it removes controls, format marks (zero
   * width spaces, direction marks, BOM), lone surrogates and U+FFFD, and splits on every space.
   */
  static boolean nothingToEmbed(String text) {
    return text == null || text.codePoints().allMatch(BgeEmbedder::dropped);
  }

  private static boolean dropped(int cp) {
    if (cp == 0xFFFD || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE || type == Character.UNASSIGNED;
  }
}
