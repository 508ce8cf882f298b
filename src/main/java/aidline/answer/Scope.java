package aidline.answer;

import aidline.knowledge.PolicySearcher;
import aidline.knowledge.Region;
import java.util.OptionalDouble;

/**
 * Whether a message is about the documents: it is when the knowledge base has a passage close
 * enough in meaning (cosine at least {@code threshold}, calibrated on the held-out sets), not when
 * it uses a word from a fixed list, so a foreign knowledge base's employment or farming questions
 * are answered and weather or films are not. Without vectors (lexical retrieval) a passage must
 * answer the question almost word for word instead.
 */
final class Scope {
  private final PolicySearcher searcher;
  private final double threshold;
  private final PassageReplies passages;

  Scope(PolicySearcher searcher, double threshold, PassageReplies passages) {
    this.searcher = searcher;
    this.threshold = threshold;
    this.passages = passages;
  }

  /** Cosine similarity of the closest passage (empty without vectors). */
  OptionalDouble closeness(String text) {
    return searcher.closeness(text);
  }

  /**
   * True only when the vectors say no passage is close and no passage matches near verbatim: a
   * message the aid vocabulary reads as a question (a place and 多少钱) may still be about nothing
   * the documents say. Without vectors nothing is ruled out here.
   */
  boolean rulesOut(String text, Region region) {
    OptionalDouble c = closeness(text);
    return c.isPresent() && c.getAsDouble() < threshold && !passages.stronglyMatched(text, region);
  }

  boolean covers(String text, Region region) {
    OptionalDouble c = closeness(text);
    // a near-verbatim match (961017热线是什么) is about the documents however short the message
    return (c.isPresent() && c.getAsDouble() >= threshold) || passages.stronglyMatched(text, region);
  }
}
