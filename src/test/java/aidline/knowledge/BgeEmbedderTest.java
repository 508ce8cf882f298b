package aidline.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Text that BERT's tokenizer empties completely (found by BadInputPropertyTest: a search for
 * U+007F gave a 500, because OnnxBertBiEncoder averaged zero tokens) embeds as the zero vector.
 */
class BgeEmbedderTest {
  static final String[] EMPTIED = {"\u007f", "\u0085\u009f", "\u00a0\u2007\u202f", "\u200b\u200e\u2060", "\ufeff", "\ud800", "\udc00\ud800",
      "\ufffd", "\ufff9\ufffb", "\u202e \u007f"};

  @Test
  void textTheTokenizerEmptiesIsTheZeroVectorForQuestionsAndPassages() {
    Embedder embedder = TestRetrieval.embedder();
    for (String text : EMPTIED) {
      assertTrue(BgeEmbedder.nothingToEmbed(text), codePoints(text));
      assertEquals(0, length(embedder.query(text)), codePoints(text));
      assertEquals(0, length(embedder.passage(text)), codePoints(text));
    }
  }

  @Test
  void aCharacterWorthEmbeddingAmongThemStillEmbeds() {
    Embedder embedder = TestRetrieval.embedder();
    for (String text : new String[] {"\u007f补助", "\u200b寄宿生\u200e", "😀", "\u0301"}) {
      assertFalse(BgeEmbedder.nothingToEmbed(text), codePoints(text));
      assertEquals(1.0, length(embedder.query(text)), 1e-3, codePoints(text));
    }
  }

  private static double length(float[] v) {
    return Math.sqrt(Embedder.dot(v, v));
  }

  private static String codePoints(String s) {
    return s.codePoints().mapToObj(Integer::toHexString).toList().toString();
  }
}
