package aidline.knowledge;

import java.util.List;

/**
 * Search as the HTTP API and the CLI offer it: validates the request, resolves the region name,
 * and returns hits in the shape both print.
 */
public final class SearchService {
  public static final int DEFAULT_LIMIT = 10;
  public static final int MAX_LIMIT = 50;

  /** One hit as the API returns it. */
  public record Hit(
      String docId, String title, String docNumber, String region, String section, String citation, String snippet, double score, String text) {}

  /** The answer: the question as searched, the region used (full path) or null, and the hits. */
  public record Result(String query, String region, List<Hit> hits) {}

  private final KnowledgeBase kb;

  public SearchService(KnowledgeBase kb) {
    this.kb = kb;
  }

  public Result search(String q, String region, Integer limit) {
    if (q == null || q.isBlank()) {
      throw new InvalidSearchException("请提供要搜索的内容（参数 q）");
    }
    int n = limit == null ? DEFAULT_LIMIT : limit;
    if (n < 1 || n > MAX_LIMIT) {
      throw new InvalidSearchException("limit 应在 1 到 " + MAX_LIMIT + " 之间");
    }
    Region r = null;
    if (region != null && !region.isBlank() && !Region.NATIONWIDE.equals(region.strip())) {
      r = kb.regions().resolve(ChineseText.normalize(region.strip()))
          .orElseThrow(() -> new InvalidSearchException("不认识的地区: " + region.strip() + "（可写 岳阳、湖南省岳阳市华容县 等）"));
    }
    List<Hit> hits =
        kb.search(q, r, n).stream()
            .map(h -> new Hit(
                h.passage().docId(), h.passage().title(), h.passage().docNumber(), h.passage().region(), h.passage().section(),
                h.passage().citation(), h.snippet(), Math.round(h.score() * 1000) / 1000.0, h.passage().text()))
            .toList();
    return new Result(q, r == null ? null : r.path(), hits);
  }
}
