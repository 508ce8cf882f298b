package aidline.knowledge;

/**
 * A search result: the passage, its score, a snippet with the matched words marked (empty when the
 * caller did not ask for one), and the cosine similarity of its vector to the question (NaN when
 * vectors were not searched or did not rank it).
 */
public record SearchHit(Passage passage, double score, String snippet, double similarity) {
  public SearchHit(Passage passage, double score, String snippet) {
    this(passage, score, snippet, Double.NaN);
  }
}
