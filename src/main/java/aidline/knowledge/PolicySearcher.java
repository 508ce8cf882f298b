package aidline.knowledge;

import java.util.List;

/** Full-text search over the published passages of the knowledge base. */
public interface PolicySearcher {
  /**
   * @param region the asker's region, or null: documents for that region, its parents and 全国
   *     rank first; documents for other regions may follow with a lower score
   */
  List<SearchHit> search(String query, Region region, int limit);
}
