package aidline.answer;

import aidline.knowledge.Passage;
import aidline.knowledge.PolicySearcher;
import aidline.knowledge.Region;
import aidline.knowledge.SearchHit;
import aidline.values.Stage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Procedure and fact answers from the best passages: the sentences that match the question most,
 * quoted and cited. Sums of money in a quote are listed as amounts, since the reply states them.
 */
final class PassageReplies {
  /** Share of the question's content bigrams the chosen sentences must contain to be trusted. */
  private static final double MIN_COVERAGE = 0.34;
  private static final int HITS = 8;
  /** Passages read for a question that asks for an answer of a particular shape. */
  private static final int SHAPED_HITS = 16;
  /** Hits fetched before filtering by region: another region's passages may fill the first eight. */
  private static final int REGION_HITS = 40;
  /** Quotes in a summary of what a region offers ("有哪些补助"). */
  static final int SUMMARY_QUOTES = 3;
  static final String SUMMARY_TOPIC = "资助";
  private static final double SUMMARY_COVERAGE = 0.2;
  /**
   * A summary line longer than this is a preamble (指导思想 paragraphs run to 250 characters and
   * match every aid word) rather than a provision a parent can use.
   */
  private static final int SUMMARY_MAX_QUOTE = 160;
  /** Shorter lines are headings (（二）健全…资助政策体系。), not provisions. */
  private static final int PROVISION_MIN = 24;
  static final String UNSTATED_REGION_NOTE = "（注：此文件未写明所属地区和学校，以上是一般做法，具体以孩子所在学校和当地资助中心的通知为准。）";
  private static final int MAX_AMOUNT_QUOTES = 3;
  private static final int HEADING_MAX = 24;
  private static final double STRONG_COVERAGE = 0.75;
  private static final int STRONG_MIN_TERMS = 3;
  /** A sentence shaped like an answer (a duration for 多长时间) outweighs one more shared word. */
  private static final int ANSWER_SHAPE_BONUS = 3;
  /**
   * How much a question bigram that no passage has counts against coverage: mostly a parent's word
   * the documents do not use (想问, 号码), sometimes a topic they lack (勤工 in a knowledge base
   * without it), so it counts, but less than a word the documents use.
   */
  private static final double UNKNOWN_WEIGHT = 0.5;

  private final PolicySearcher searcher;
  private final Lexicon lexicon;
  private final Map<String, List<Sentence>> sentenceCache = new ConcurrentHashMap<>();

  private final DocumentWords words;

  PassageReplies(PolicySearcher searcher, Lexicon lexicon) {
    this(searcher, lexicon, DocumentWords.none());
  }

  PassageReplies(PolicySearcher searcher, Lexicon lexicon, DocumentWords words) {
    this.searcher = searcher;
    this.lexicon = lexicon;
    this.words = words;
  }

  /** The quoted sentences of one passage that answer a question. */
  record Quote(Passage passage, String text, String top, double coverage, double score, double similarity) {
    /**
     * Enough of the question's words, or a passage close in meaning: parents' words are often not
     * the documents' (住校吃饭 for 寄宿生生活补助), which only the sentence vectors see.
     */
    boolean trusted() {
      return coverage >= MIN_COVERAGE || similarity >= CLOSE_IN_MEANING;
    }
  }

  /** Cosine similarity from which a passage is trusted to be about the question, whatever its words. */
  static final double CLOSE_IN_MEANING = 0.6;

  Optional<Quote> best(String question, Region region) {
    List<Quote> all = quotes(question, region, true);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /**
   * The best quote of each hit passage, best first. With a region, only documents covering it (the
   * region, its parents, 全国) are quoted, and documents that do not state their region only when
   * {@code allowUnstated}: another region's text is never presented as the asker's policy.
   */
  List<Quote> quotes(String question, Region region, boolean allowUnstated) {
    return quotes(question, question, region, allowUnstated);
  }

  /** As above; {@code meaning} is the message as asked, embedded once (question may carry an added topic word). */
  List<Quote> quotes(String question, String meaning, Region region, boolean allowUnstated) {
    Set<String> terms = terms(question, region);
    if (terms.isEmpty()) {
      return List.of();
    }
    Set<String> extra = new LinkedHashSet<>();
    lexicon.expansions(question).forEach(w -> extra.addAll(Bigrams.of(w)));
    Map<String, Set<String>> alternatives = words.alternatives(question, terms);
    Map<Pattern, List<String>> asked = lexicon.askedShapes(question);
    if (Asked.of(lexicon, question) == Asked.FREQUENCY) {
      // 多久评一次 asks how often, not how long: 为期一周 does not answer it
      asked.remove(lexicon.answerShape(Asked.DURATION.questionClass()));
    }
    List<Pattern> shapes = List.copyOf(asked.keySet());
    Map<Pattern, Set<String>> shapeTerms = new HashMap<>();
    asked.forEach((p, words) -> {
      Set<String> own = new LinkedHashSet<>();
      words.forEach(w -> own.addAll(Bigrams.of(w)));
      own.retainAll(terms);
      shapeTerms.put(p, own);
    });
    String query = question + " " + String.join(" ", lexicon.expansions(question));
    // a question for a particular kind of answer (几个, 哪个热线) reads further down the ranking for
    // the sentence of that shape: the passage with 92个贫困村 may rank tenth on words alone
    int read = shapes.isEmpty() ? HITS : SHAPED_HITS;
    List<SearchHit> hits = searcher.search(query, meaning, region, region == null ? read : Math.max(read, REGION_HITS));
    List<Quote> out = new ArrayList<>();
    int rank = 0;
    for (SearchHit hit : hits) {
      String from = hit.passage().region();
      boolean unstated = from == null || from.isBlank() || Region.UNKNOWN.equals(from);
      if (region != null && (unstated ? !allowUnstated : !AidStandards.applies(from, region))) {
        // another region's document does not answer for this asker, however well it matches
        continue;
      }
      if (rank >= read) {
        break;
      }
      Quote q = quote(hit.passage(), terms, alternatives, extra, shapes, shapeTerms, rank++, hit.similarity());
      if (q != null) {
        out.add(q);
      }
    }
    out.sort(Comparator.comparingDouble(Quote::score).reversed());
    return out;
  }

  /**
   * A question bigram that straddles two words (单公 of 名单公示): no passage has it, and both its
   * characters belong to neighbouring bigrams that passages do have. It cannot be covered by any
   * quote, so it does not count against coverage.
   */
  private boolean seam(String t, Set<String> terms) {
    if (words.known(t)) {
      return false;
    }
    boolean left = false;
    boolean right = false;
    for (String o : terms) {
      if (words.known(o)) {
        left |= o.charAt(1) == t.charAt(0);
        right |= o.charAt(0) == t.charAt(1);
      }
    }
    return left && right;
  }

  /** The content bigrams of a question: without question words, fillers and the region it names. */
  private Set<String> terms(String question, Region region) {
    Set<String> terms = Bigrams.ofQuestion(lexicon.withoutQuestionWords(question));
    if (region != null) {
      // the region is a filter, not content: 海南 in the question says nothing about the passage
      terms.removeAll(Bigrams.of(region.path()));
      terms.removeAll(Bigrams.of(region.name()));
    }
    return terms;
  }

  private Quote quote(
      Passage passage,
      Set<String> terms,
      Map<String, Set<String>> alternatives,
      Set<String> extra,
      List<Pattern> shapes,
      Map<Pattern, Set<String>> shapeTerms,
      int rank,
      double similarity) {
    List<Sentence> cut = sentences(passage.text());
    int n = cut.size();
    double[] overlap = new double[n];
    double[] own = new double[n];
    // a sentence's context is its own bigrams, the heading's and a preceding question's; looked up in
    // place rather than copied into one set per sentence, which dominated an answer's allocation
    List<Context> context = new ArrayList<>(n);
    int top = -1;
    // a passage's heading line (本专科生国家奖学金) names the topic of every sentence under it
    Set<String> topic = n > 1 && cut.get(0).isHeading() ? cut.get(0).bigrams() : Set.of();
    for (int i = 0; i < n; i++) {
      // in a question-and-answer text the question names the topic and the next sentence answers it
      boolean asks = cut.get(i).isQuestion() || (i == 0 && !topic.isEmpty());
      Context have = new Context(cut.get(i).bigrams(), topic, i > 0 && cut.get(i - 1).isQuestion() ? cut.get(i - 1).bigrams() : Set.of());
      context.add(have);
      if (asks && i + 1 < n) {
        continue;
      }
      for (String t : terms) {
        overlap[i] += have.contains(t, alternatives) ? 2 : 0;
        own[i] += Context.has(cut.get(i).bigrams(), t, alternatives) ? 2 : 0;
      }
      for (String t : extra) {
        overlap[i] += have.contains(t) ? 1 : 0;
      }
      for (Pattern shape : shapes) {
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
        for (String t : terms) {
          if (context.get(i).contains(t, alternatives)) {
            covered.add(t);
          }
        }
      }
    }
    // the words that asked for a kind of answer (号码, 几所) are answered by a sentence of that shape
    for (Pattern shape : shapes) {
      if (shape.matcher(cut.get(top).text()).find()) {
        covered.addAll(shapeTerms.get(shape));
      }
    }
    // earlier hits win ties: the searcher already weighed region and rarity
    double weight = 0;
    for (String t : terms) {
      weight += words.known(t) || alternatives.containsKey(t) ? 1 : seam(t, terms) ? 0 : UNKNOWN_WEIGHT;
    }
    return new Quote(passage, trimEnd(text.toString()), cut.get(top).text(), weight == 0 ? 0 : covered.size() / weight, overlap[top] - rank * 0.5, similarity);
  }

  /** The bigrams a sentence is read with: its own, its passage heading's, and a question's before it. */
  private record Context(Set<String> own, Set<String> topic, Set<String> question) {
    boolean contains(String t) {
      return own.contains(t) || topic.contains(t) || question.contains(t);
    }

    /** Has the question bigram, or one of the policy words a parent's word stands for (老师 → 教师). */
    boolean contains(String t, Map<String, Set<String>> alternatives) {
      return has(own, t, alternatives) || has(topic, t, alternatives) || has(question, t, alternatives);
    }

    static boolean has(Set<String> bigrams, String t, Map<String, Set<String>> alternatives) {
      if (bigrams.contains(t)) {
        return true;
      }
      Set<String> alt = alternatives.get(t);
      if (alt != null) {
        for (String a : alt) {
          if (bigrams.contains(a)) {
            return true;
          }
        }
      }
      return false;
    }
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

  /**
   * Quotes that cover enough of the question, best first: a sentence shaped like an answer (a month
   * for 什么时候) but about something else must not hide a lower-scored one that is on the topic.
   */
  private static List<Quote> trusted(List<Quote> quotes) {
    return quotes.stream().filter(Quote::trusted).toList();
  }

  /** A document that does not say which region (or school) it is from. */
  static boolean unstatedRegion(String r) {
    return r == null || r.isBlank() || Region.UNKNOWN.equals(r);
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

  /**
   * True when one of the region's own passages answers an amount question almost word for word with
   * a sum of money: 岫岩县农村薄弱学校改造投入多少万元 asks about a project, not a pupil's aid.
   */
  boolean statesSumFor(String question, Region region) {
    if (Bigrams.ofQuestion(lexicon.withoutQuestionWords(question)).size() < STRONG_MIN_TERMS) {
      return false;
    }
    return trusted(quotes(question, region, false)).stream()
        .limit(1)
        .anyMatch(q -> q.coverage() >= STRONG_COVERAGE && !MoneyAmounts.money(q.text()).isEmpty());
  }

  /** Answers from the best quote, or says it cannot and offers a work order. */
  Answer answer(String question, Region region, Intent intent) {
    return answer(question, region, intent, true);
  }

  /**
   * Answers from the best quote of the asker's region's documents; {@code general} questions (no
   * stage, aid item or household named: 公示几天) may fall back to documents that do not state their
   * region, which the reply then says. Otherwise says it cannot and offers a work order.
   */
  Answer answer(String question, Region region, Intent intent, boolean general) {
    return answer(question, region, intent, general, q -> true);
  }

  /** As above, quoting only sentences {@code onTopic} accepts (about the boarding or aid item asked). */
  Answer answer(String question, Region region, Intent intent, boolean general, Predicate<String> asked) {
    Set<Stage> stages = lexicon.stagesIn(question);
    // the stage may be named by the quote or by its heading (本专科生国家奖学金 > 奖励标准为每生每年10000元)
    Predicate<Quote> onTopic = q -> asked.test(q.text()) && sameStage(stages, q.text() + " " + q.passage().section());
    List<Quote> all = trusted(quotes(question, region, region == null)).stream().filter(onTopic).toList();
    if (region != null && general && all.isEmpty()) {
      all = trusted(quotes(question, region, true)).stream().filter(onTopic).toList();
    }
    if (all.isEmpty() || !all.get(0).trusted()) {
      return region == null ? lowConfidence(intent) : notInRegion(region, intent);
    }
    Quote first = all.get(0);
    List<Quote> shown = new ArrayList<>(List.of(first));
    if (intent == Intent.AMOUNT) {
      // an amount asked without a standards table: other passages stating sums (本专科 and 研究生) help too
      for (Quote q : all.subList(1, all.size())) {
        // only as much about the question as the first (本专科 and 研究生 loans), not another award's sum
        if (shown.size() < MAX_AMOUNT_QUOTES && q.trusted() && q.score() * 10 >= first.score() * 7 && q.coverage() >= first.coverage()
            && !MoneyAmounts.money(q.top()).isEmpty() && shown.stream().noneMatch(s -> s.text().equals(q.text()))) {
          shown.add(q);
        }
      }
    }
    Replies reply = new Replies();
    lead(question, region, first, reply);
    addQuotes(shown, reply);
    if (reply.hasAmounts()) {
      reply.note("以上金额均摘自原文，具体以当地最新通知为准。");
    }
    if (shown.stream().anyMatch(q -> unstatedRegion(q.passage().region()))) {
      reply.note(UNSTATED_REGION_NOTE);
    }
    return reply.build(intent, null, false);
  }

  /**
   * Leads the reply with the clause of the best quote that answers what was asked (the number for
   * 几所, the place for 去哪领), prefixed with the document's region; nothing when the clause is the
   * whole quote, which follows anyway.
   */
  void lead(String question, Region region, Quote best, Replies reply) {
    Asked asked = Asked.of(lexicon, question);
    String from = best.passage().region();
    String where = unstatedRegion(from) || Region.NATIONWIDE.equals(from) ? "" : from + "：";
    String fields = asked == Asked.DOCUMENTS ? Leads.formFields(best.passage().text()) : "";
    if (!fields.isEmpty()) {
      // 申请表要填些啥: the form's own fields answer it
      reply.lead(where + "《" + best.top().replaceFirst("^附件\\s*[0-9一二三四五六七八九十]*\\s*", "") + "》要填：" + fields + "。");
      return;
    }
    String clause = Leads.pick(best.top(), terms(question, region), lexicon.answerShape(asked.questionClass()));
    if (clause.isEmpty() || clause.length() > Leads.MAX_LEAD || Leads.clean(best.text()).equals(clause)) {
      return;
    }
    reply.lead(where + clause + "。");
  }

  /**
   * False when the question names a stage (大学生) and the quote names only others (普通高中): a
   * sentence about another kind of pupil does not answer, however many words it shares.
   */
  private boolean sameStage(Set<Stage> asked, String quote) {
    if (asked.isEmpty()) {
      return true;
    }
    Set<Stage> named = lexicon.stagesNamed(quote);
    return named.isEmpty() || named.stream().anyMatch(asked::contains);
  }

  /**
   * Up to {@code max} quotes from different passages of the region's own documents that match the
   * question well enough, best first: the material of a summary ("建始县有哪些资助").
   */
  List<Quote> summaryQuotes(String question, Region region, int max) {
    List<Quote> out = new ArrayList<>();
    // "有什么政策" asks about aid in general: the aid word joins the query, and a summary of the
    // region's own documents may quote passages that match less of a colloquial question
    for (Quote q : quotes(question + " " + SUMMARY_TOPIC, question, region, false)) {
      if (out.size() >= max) {
        break;
      }
      if (q.coverage() >= SUMMARY_COVERAGE && q.text().length() <= SUMMARY_MAX_QUOTE && provision(q.text()) && out.stream().noneMatch(o -> o.passage().equals(q.passage()) || o.text().equals(q.text()))) {
        out.add(q);
      }
    }
    return out;
  }

  /**
   * Quotes of the region's own documents on the topic that state no sum of money: what they do say
   * when they state no amount (a sum in such a sentence is for something else).
   */
  List<Quote> withoutMoney(String question, Region region, int max) {
    List<Quote> out = new ArrayList<>();
    for (Quote q : summaryQuotes(question, region, max + 3)) {
      if (out.size() < max && MoneyAmounts.money(q.text()).isEmpty()) {
        out.add(q);
      }
    }
    return out;
  }

  /** A statement a parent can use: not a table row of a form or a bare heading (附件1 …申请建档表). */
  private static boolean provision(String text) {
    String t = text.trim();
    if (t.startsWith("|") || t.length() < PROVISION_MIN) {
      return false;
    }
    return t.endsWith("。") || t.endsWith("；") || t.endsWith(";") || t.length() > 2 * PROVISION_MIN;
  }

  /**
   * Lists quotes as one line each — the clause of each that answers the question — and cites them
   * in full; on a phone screen the list shows, the full quotes may wait for “更多”.
   */
  void listQuotes(String question, Region region, List<Quote> quotes, Replies reply) {
    Pattern shape = lexicon.answerShape(Asked.of(lexicon, question).questionClass());
    Set<String> terms = terms(question, region);
    for (Quote q : quotes) {
      String clause = Leads.pick(q.top(), terms, shape);
      reply.line("· " + (clause.isEmpty() || clause.length() > Leads.MAX_LEAD ? q.top() : clause));
    }
    addQuotes(quotes, reply);
  }

  /** Adds quotes as cited "依据" lines (each once) with the sums they state. */
  static void addQuotes(List<Quote> quotes, Replies reply) {
    for (Quote q : quotes) {
      Passage p = q.passage();
      String amountRegion = p.region() == null || p.region().isBlank() ? "未注明" : p.region();
      for (MoneyAmounts.Money m : MoneyAmounts.money(q.text())) {
        reply.amount(new Amount(m.value(), m.unit(), "原文所述金额", amountRegion));
      }
    }
    for (Quote q : quotes) {
      Passage p = q.passage();
      reply.cite(new AidStandard.Source(p.docId(), p.title(), p.docNumber(), p.region(), p.citation(), q.text()));
    }
  }

  /** Nothing in the asker's region's documents answers: say so, never borrow another region's text. */
  static Answer notInRegion(Region region, Intent intent) {
    return new Answer(
        "抱歉，" + region.path() + "的已收录政策文件里没有找到这个问题的答案，我不能拿其他地区的文件代替。可以为您登记一张工单，由当地资助中心工作人员联系您解答。需要的话请回复“转人工”。",
        intent,
        List.of(),
        List.of(),
        null,
        true);
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
