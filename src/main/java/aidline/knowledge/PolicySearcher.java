package aidline.knowledge;

import java.util.List;
import java.util.OptionalDouble;

/** Search over the published passages of the knowledge base. */
public interface PolicySearcher {
  /**
   * @param region the asker's region, or null: documents for that region, its parents and 全国
   *     rank first; documents for other regions may follow with a lower score
   */
  List<SearchHit> search(String query, Region region, int limit);

  /**
   * As above, with {@code meaning} (the question as asked) matched by meaning and {@code query}
   * (which may carry added synonyms) by words; hits carry no snippet.
   */
  default List<SearchHit> search(String query, String meaning, Region region, int limit) {
    return search(query, region, limit);
  }

  /** Cosine similarity of the passage closest in meaning to {@code text}; empty without vectors. */
  default OptionalDouble closeness(String text) {
    return OptionalDouble.empty();
  }
}
