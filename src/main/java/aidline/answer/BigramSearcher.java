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

  private record Entry(Passage passage, int length) {}

  /** One passage's count of a bigram; postings list the passages a bigram occurs in, in entry order. */
  private record Posting(int entry, int tf) {}

  private final List<Entry> entries = new ArrayList<>();
  private final java.util.IdentityHashMap<Passage, Integer> order = new java.util.IdentityHashMap<>();
  private final Map<String, List<Posting>> postings = new HashMap<>();
  private final Map<String, Double> idf = new HashMap<>();
  private final double avgLength;

  public BigramSearcher(Collection<Passage> passages) {
    long total = 0;
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
      int index = entries.size();
      tf.forEach((k, f) -> postings.computeIfAbsent(k, x -> new ArrayList<>()).add(new Posting(index, f)));
      order.put(p, index);
      entries.add(new Entry(p, t.length()));
      total += t.length();
    }
    int n = entries.size();
    postings.forEach((k, list) -> idf.put(k, Math.log(1 + (n - list.size() + 0.5) / (list.size() + 0.5))));
    avgLength = n == 0 ? 1 : (double) total / n;
  }

  /**
   * BM25 over the postings of the question's bigrams only, so the cost follows how many passages
   * share words with the question, not the size of the knowledge base. Ties keep passage order.
   */
  @Override
  public List<SearchHit> search(String query, Region region, int limit) {
    Set<String> terms = Bigrams.ofQuestion(query);
    double[] scores = new double[entries.size()];
    int[] touched = new int[64];
    int count = 0;
    for (String term : terms) {
      List<Posting> list = postings.get(term);
      if (list == null) {
        continue;
      }
      double w = idf.get(term);
      for (Posting post : list) {
        int e = post.entry();
        int len = entries.get(e).length();
        if (scores[e] == 0) {
          if (count == touched.length) {
            touched = java.util.Arrays.copyOf(touched, count * 2);
          }
          touched[count++] = e;
        }
        scores[e] += w * post.tf() * (K1 + 1) / (post.tf() + K1 * (1 - B + B * len / avgLength));
      }
    }
    // keep only the best `limit` (score descending, earlier passage first on a tie) without
    // sorting every passage the question touched
    Comparator<SearchHit> worstFirst = Comparator.comparingDouble(SearchHit::score)
        .thenComparing(Comparator.comparingInt((SearchHit h) -> order.get(h.passage())).reversed());
    java.util.PriorityQueue<SearchHit> best = new java.util.PriorityQueue<>(worstFirst);
    for (int i = 0; i < count; i++) {
      int e = touched[i];
      double score = scores[e];
      if (score <= 0) {
        continue;
      }
      Passage passage = entries.get(e).passage();
      if (region != null) {
        score *= region.isCoveredBy(passage.region()) ? 1.5 : 0.6;
      }
      if (best.size() < limit) {
        best.add(new SearchHit(passage, score, passage.text()));
      } else if (score > best.peek().score()
          || (score == best.peek().score() && e < order.get(best.peek().passage()))) {
        best.poll();
        best.add(new SearchHit(passage, score, passage.text()));
      }
    }
    List<SearchHit> hits = new ArrayList<>(best);
    hits.sort(worstFirst.reversed());
    return hits;
  }
}
