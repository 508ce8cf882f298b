package aidline.answer;

import aidline.knowledge.Passage;
import aidline.knowledge.PolicySearcher;
import aidline.knowledge.Region;
import aidline.knowledge.SearchHit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import aidline.knowledge.ChineseText;

/**
 * An in-memory BM25 over the character bigrams of passages, for the engine's per-message search
 * (see {@link AnswerKnowledge} for why not Lucene). Passages of the asker's region (or its parents,
 * or 全国) rank first.
 */
public final class BigramSearcher implements PolicySearcher {
  private static final double K1 = 1.2;
  private static final double B = 0.75;

  private record Entry(Passage passage, Map<String, Integer> tf, int length) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, Double> idf = new HashMap<>();
  private final double avgLength;

  public BigramSearcher(Collection<Passage> passages) {
    Map<String, Integer> df = new HashMap<>();
    long total = 0;
    {
      for (Passage p : passages) {
        Map<String, Integer> tf = new HashMap<>();
        String t = ChineseText.normalize(p.text());
        for (int i = 0; i + 1 < t.length(); i++) {
          if (Character.isLetterOrDigit(t.charAt(i)) && Character.isLetterOrDigit(t.charAt(i + 1))) {
            tf.merge(t.substring(i, i + 2).toLowerCase(), 1, Integer::sum);
          }
        }
        if (tf.isEmpty()) {
          continue;
        }
        tf.keySet().forEach(k -> df.merge(k, 1, Integer::sum));
        entries.add(new Entry(p, tf, t.length()));
        total += t.length();
      }
    }
    int n = entries.size();
    df.forEach((k, v) -> idf.put(k, Math.log(1 + (n - v + 0.5) / (v + 0.5))));
    avgLength = n == 0 ? 1 : (double) total / n;
  }

  @Override
  public List<SearchHit> search(String query, Region region, int limit) {
    Set<String> terms = Bigrams.ofQuestion(query);
    List<SearchHit> hits = new ArrayList<>();
    for (Entry e : entries) {
      double score = 0;
      for (String term : terms) {
        Integer f = e.tf().get(term);
        if (f != null) {
          score += idf.get(term) * f * (K1 + 1) / (f + K1 * (1 - B + B * e.length() / avgLength));
        }
      }
      if (score <= 0) {
        continue;
      }
      if (region != null) {
        score *= region.isCoveredBy(e.passage().region()) ? 1.5 : 0.6;
      }
      hits.add(new SearchHit(e.passage(), score, e.passage().text()));
    }
    hits.sort(Comparator.comparingDouble(SearchHit::score).reversed());
    return hits.size() > limit ? List.copyOf(hits.subList(0, limit)) : hits;
  }
}
