package aidline.answer;

import aidline.knowledge.Passage;
import aidline.knowledge.PolicySearcher;
import aidline.knowledge.Region;
import aidline.knowledge.SearchHit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Procedure and fact answers from the best passages: the sentences that match the question most,
 * quoted and cited. Sums of money in a quote are listed as amounts, since the reply states them.
 */
final class PassageReplies {
  /** Share of the question's content bigrams the chosen sentences must contain to be trusted. */
  private static final double MIN_COVERAGE = 0.34;
  private static final int HITS = 8;
  /** A sentence shaped like an answer (a duration for 多长时间) outweighs one more shared word. */
  private static final int ANSWER_SHAPE_BONUS = 3;

  private final PolicySearcher searcher;
  private final Lexicon lexicon;
  private final java.util.Map<String, List<Sentence>> sentenceCache = new java.util.concurrent.ConcurrentHashMap<>();

  PassageReplies(PolicySearcher searcher, Lexicon lexicon) {
    this.searcher = searcher;
    this.lexicon = lexicon;
  }

  /** The quoted sentences of one passage that answer a question. */
  record Quote(Passage passage, String text, double coverage) {}

  Optional<Quote> best(String question, Region region) {
    Set<String> terms = Bigrams.ofQuestion(lexicon.withoutQuestionWords(question));
    if (region != null) {
      // the region is a filter, not content: 海南 in the question says nothing about the passage
      terms.removeAll(Bigrams.of(region.path()));
      terms.removeAll(Bigrams.of(region.name()));
    }
    if (terms.isEmpty()) {
      return Optional.empty();
    }
    Set<String> extra = new LinkedHashSet<>();
    lexicon.expansions(question).forEach(w -> extra.addAll(Bigrams.of(w)));
    List<java.util.regex.Pattern> shapes = lexicon.answerTypes(question);
    String query = question + " " + String.join(" ", lexicon.expansions(question));
    List<SearchHit> hits = searcher.search(query, region, HITS);
    Quote best = null;
    double bestScore = 0;
    for (int rank = 0; rank < hits.size(); rank++) {
      SearchHit hit = hits.get(rank);
      List<Sentence> cut = sentences(hit.passage().text());
      List<String> sentences = cut.stream().map(Sentence::text).toList();
      int[] overlap = new int[sentences.size()];
      int top = -1;
      for (int i = 0; i < sentences.size(); i++) {
        Set<String> have = cut.get(i).bigrams();
        for (String t : terms) {
          overlap[i] += have.contains(t) ? 2 : 0;
        }
        for (String t : extra) {
          overlap[i] += have.contains(t) ? 1 : 0;
        }
        for (java.util.regex.Pattern shape : shapes) {
          overlap[i] += shape.matcher(sentences.get(i)).find() ? ANSWER_SHAPE_BONUS : 0;
        }
        if (top < 0 || overlap[i] > overlap[top]) {
          top = i;
        }
      }
      if (top < 0) {
        continue;
      }
      // earlier hits win ties: the searcher already weighed region and rarity
      double score = overlap[top] - rank * 0.5;
      if (best == null || score > bestScore) {
        StringBuilder text = new StringBuilder();
        Set<String> covered = new LinkedHashSet<>();
        for (int i = 0; i < sentences.size(); i++) {
          if (i == top || (overlap[i] >= 4 && overlap[i] * 10 >= overlap[top] * 7 && text.length() < 160)) {
            text.append(sentences.get(i));
            Set<String> have = cut.get(i).bigrams();
            terms.stream().filter(have::contains).forEach(covered::add);
          }
        }
        best = new Quote(hit.passage(), trimEnd(text.toString()), (double) covered.size() / terms.size());
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  private record Sentence(String text, Set<String> bigrams) {}

  /** Passages come from a fixed knowledge base, so their cut sentences are kept. */
  private List<Sentence> sentences(String passage) {
    return sentenceCache.computeIfAbsent(
        passage, p -> Sentences.of(p).stream().map(s -> new Sentence(s, Bigrams.of(s))).toList());
  }

  private static String trimEnd(String s) {
    String t = s.trim();
    while (t.endsWith("；") || t.endsWith(";") || t.endsWith("，") || t.endsWith(",")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  /** Answers from the best quote, or says it cannot and offers a work order. */
  Answer answer(String question, Region region, Intent intent) {
    Optional<Quote> q = best(question, region);
    if (q.isEmpty() || q.get().coverage() < MIN_COVERAGE) {
      return lowConfidence(intent);
    }
    Passage p = q.get().passage();
    Replies reply = new Replies();
    reply.line("根据《" + p.title() + "》，相关规定是：" + q.get().text());
    reply.cite(new AidStandard.Source(p.docId(), p.title(), p.docNumber(), p.region(), p.citation(), q.get().text()));
    String amountRegion = p.region() == null || p.region().isBlank() ? "未注明" : p.region();
    for (MoneyAmounts.Money m : MoneyAmounts.money(q.get().text())) {
      reply.amount(new Amount(m.value(), m.unit(), "原文所述金额", amountRegion));
    }
    if (reply.hasAmounts()) {
      reply.line("以上金额均摘自原文，具体以当地最新通知为准。");
    }
    return reply.build(intent, null, false);
  }

  static Answer lowConfidence(Intent intent) {
    return new Answer(
        "抱歉，这个问题我在已收录的政策文件里没有找到可靠的答案，不敢乱说。可以为您登记一张工单，由资助中心工作人员联系您解答。需要的话请回复“转人工”。",
        intent,
        List.of(),
        List.of(),
        null,
        true);
  }
}
