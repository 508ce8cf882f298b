package aidline.answer;

import aidline.knowledge.Passage;
import aidline.knowledge.PolicySearcher;
import aidline.knowledge.Region;
import aidline.knowledge.SearchHit;
import java.util.ArrayList;
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
  private static final int MAX_AMOUNT_QUOTES = 3;
  private static final int HEADING_MAX = 24;
  private static final double STRONG_COVERAGE = 0.75;
  private static final int STRONG_MIN_TERMS = 3;
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
  record Quote(Passage passage, String text, String top, double coverage, double score) {}

  Optional<Quote> best(String question, Region region) {
    List<Quote> all = quotes(question, region);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** The best quote of each hit passage, best first. */
  List<Quote> quotes(String question, Region region) {
    Set<String> terms = Bigrams.ofQuestion(lexicon.withoutQuestionWords(question));
    if (region != null) {
      // the region is a filter, not content: 海南 in the question says nothing about the passage
      terms.removeAll(Bigrams.of(region.path()));
      terms.removeAll(Bigrams.of(region.name()));
    }
    if (terms.isEmpty()) {
      return List.of();
    }
    Set<String> extra = new LinkedHashSet<>();
    lexicon.expansions(question).forEach(w -> extra.addAll(Bigrams.of(w)));
    List<java.util.regex.Pattern> shapes = lexicon.answerTypes(question);
    String query = question + " " + String.join(" ", lexicon.expansions(question));
    List<SearchHit> hits = searcher.search(query, region, HITS);
    List<Quote> out = new ArrayList<>();
    for (int rank = 0; rank < hits.size(); rank++) {
      String from = hits.get(rank).passage().region();
      if (region != null && !generalRegion(from) && !AidStandards.applies(from, region)) {
        // another region's document does not answer for this asker, however well it matches
        continue;
      }
      Quote q = quote(hits.get(rank).passage(), terms, extra, shapes, rank);
      if (q != null) {
        out.add(q);
      }
    }
    out.sort(java.util.Comparator.comparingDouble(Quote::score).reversed());
    return out;
  }

  private Quote quote(Passage passage, Set<String> terms, Set<String> extra, List<java.util.regex.Pattern> shapes, int rank) {
    List<Sentence> cut = sentences(passage.text());
    int n = cut.size();
    int[] overlap = new int[n];
    int[] own = new int[n];
    List<Set<String>> context = new ArrayList<>();
    int top = -1;
    // a passage's heading line (本专科生国家奖学金) names the topic of every sentence under it
    Set<String> topic = n > 1 && cut.get(0).isHeading() ? cut.get(0).bigrams() : Set.of();
    for (int i = 0; i < n; i++) {
      // in a question-and-answer text the question names the topic and the next sentence answers it
      boolean asks = cut.get(i).isQuestion() || (i == 0 && !topic.isEmpty());
      Set<String> have = new java.util.HashSet<>(cut.get(i).bigrams());
      have.addAll(topic);
      if (i > 0 && cut.get(i - 1).isQuestion()) {
        have.addAll(cut.get(i - 1).bigrams());
      }
      context.add(have);
      if (asks && i + 1 < n) {
        continue;
      }
      for (String t : terms) {
        overlap[i] += have.contains(t) ? 2 : 0;
        own[i] += cut.get(i).bigrams().contains(t) ? 2 : 0;
      }
      for (String t : extra) {
        overlap[i] += have.contains(t) ? 1 : 0;
      }
      for (java.util.regex.Pattern shape : shapes) {
        overlap[i] += shape.matcher(cut.get(i).text()).find() ? ANSWER_SHAPE_BONUS : 0;
      }
      if (top < 0 || overlap[i] > overlap[top]) {
        top = i;
      }
    }
    if (top < 0) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    Set<String> covered = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      // a neighbour joins the quote on its own words, not on the heading it shares with the best one
      boolean pick = i == top || (own[i] >= 4 && overlap[i] * 10 >= overlap[top] * 7 && text.length() < 160);
      boolean questionOfPick = i + 1 < n && cut.get(i).isQuestion() && (i + 1 == top);
      if (pick || questionOfPick) {
        if (text.length() > 0 && !endsSentence(text.charAt(text.length() - 1))) {
          text.append(' ');
        }
        text.append(cut.get(i).text());
        context.get(i).stream().filter(terms::contains).forEach(covered::add);
      }
    }
    // earlier hits win ties: the searcher already weighed region and rarity
    return new Quote(passage, trimEnd(text.toString()), cut.get(top).text(), (double) covered.size() / terms.size(), overlap[top] - rank * 0.5);
  }

  private record Sentence(String text, Set<String> bigrams) {
    boolean isQuestion() {
      return text.endsWith("？") || text.endsWith("?");
    }

    /** A short line without closing punctuation: a heading, not a statement. */
    boolean isHeading() {
      return text.length() <= HEADING_MAX && !endsSentence(text.charAt(text.length() - 1)) && !text.endsWith("。");
    }
  }

  /** Passages come from a fixed knowledge base, so their cut sentences are kept. */
  private List<Sentence> sentences(String passage) {
    return sentenceCache.computeIfAbsent(
        passage, p -> Sentences.of(p).stream().map(s -> new Sentence(s, Bigrams.of(s))).toList());
  }

  /** Documents that name no particular region (全国, or a source that does not say) apply to anyone. */
  private static boolean generalRegion(String r) {
    return r == null || r.isBlank() || Region.NATIONWIDE.equals(r) || Region.UNKNOWN.equals(r);
  }

  private static boolean endsSentence(char c) {
    return "。；！？;!?，,：:".indexOf(c) >= 0;
  }

  private static String trimEnd(String s) {
    String t = s.trim();
    while (t.endsWith("；") || t.endsWith(";") || t.endsWith("，") || t.endsWith(",")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  /**
   * True when a passage answers the question almost word for word: a message our vocabulary does not
   * know (a foreign knowledge base's 绿色通道) is then a question about the documents, not off-topic.
   */
  boolean stronglyMatched(String question, Region region) {
    if (Bigrams.ofQuestion(lexicon.withoutQuestionWords(question)).size() < STRONG_MIN_TERMS) {
      return false;
    }
    return best(question, region).filter(q -> q.coverage() >= STRONG_COVERAGE).isPresent();
  }

  /** Answers from the best quote, or says it cannot and offers a work order. */
  Answer answer(String question, Region region, Intent intent) {
    List<Quote> all = quotes(question, region);
    if (all.isEmpty() || all.get(0).coverage() < MIN_COVERAGE) {
      return lowConfidence(intent);
    }
    Quote first = all.get(0);
    List<Quote> shown = new ArrayList<>(List.of(first));
    if (intent == Intent.AMOUNT) {
      // an amount asked without a standards table: other passages stating sums (本专科 and 研究生) help too
      for (Quote q : all.subList(1, all.size())) {
        if (shown.size() < MAX_AMOUNT_QUOTES && q.coverage() >= MIN_COVERAGE && q.score() * 10 >= first.score() * 7
            && !MoneyAmounts.money(q.top()).isEmpty() && shown.stream().noneMatch(s -> s.text().equals(q.text()))) {
          shown.add(q);
        }
      }
    }
    Replies reply = new Replies();
    for (Quote q : shown) {
      Passage p = q.passage();
      reply.line("根据《" + p.title() + "》：" + q.text());
      String amountRegion = p.region() == null || p.region().isBlank() ? "未注明" : p.region();
      for (MoneyAmounts.Money m : MoneyAmounts.money(q.text())) {
        reply.amount(new Amount(m.value(), m.unit(), "原文所述金额", amountRegion));
      }
    }
    for (Quote q : shown) {
      Passage p = q.passage();
      reply.cite(new AidStandard.Source(p.docId(), p.title(), p.docNumber(), p.region(), p.citation(), q.text()));
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
