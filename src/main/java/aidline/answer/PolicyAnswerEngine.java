package aidline.answer;

import aidline.knowledge.ChineseText;
import aidline.knowledge.PolicySearcher;
import aidline.knowledge.Region;
import aidline.knowledge.Regions;
import aidline.knowledge.Retrieval;
import aidline.values.BoundedCache;
import aidline.values.Stage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The answer engine: reads the message, answers amounts and eligibility from the standards table,
 * procedures and facts from the best passages, asks once for a missing region and remembers the
 * answer, and hands off when unsure. Every number it states comes from the table or a cited quote.
 */
public final class PolicyAnswerEngine implements AnswerEngine {
  static final String PENDING_REGION = "region";
  static final String ASK_REGION = "请问孩子在哪个市县上学？各地资助标准不一样，告诉我地区（例如“岳阳”或“台安县”）后我按当地文件回答。";

  /** Answers remembered per build: a few MB, far more than the distinct questions of a busy hour. */
  public static final int CACHED_ANSWERS = 4096;

  /** A reply this short to "which region?" is taken as the answer to it. */
  private static final int SHORT_REPLY = 8;

  private final MessageReader reader;
  private final Lexicon lexicon;
  private final AidStandards table;
  private final StandardsReplies standards;
  private final PassageReplies passages;
  private final Scope scope;
  /** Regions our documents are for (full paths), named when a parent asks about a place we lack. */
  private final List<String> covered;
  /** This build's answers to repeated questions; a reload builds a new engine, so a new cache. */
  private final AnswerCache<Computed> cache;
  /** What a text names (region, unknown place) and its length, asked before every cache lookup. */
  private final BoundedCache<String, MessageReader.Place> places;

  public PolicyAnswerEngine(Lexicon lexicon, Regions regions, AidStandards table, PolicySearcher searcher) {
    this(lexicon, regions, table, searcher, regionsOf(table));
  }

  public PolicyAnswerEngine(Lexicon lexicon, Regions regions, AidStandards table, PolicySearcher searcher, Collection<String> covered) {
    this(lexicon, regions, table, searcher, covered, DocumentWords.none());
  }

  /** @param words the documents' wording: how a sentence can cover a question asked in parents' words */
  public PolicyAnswerEngine(
      Lexicon lexicon, Regions regions, AidStandards table, PolicySearcher searcher, Collection<String> covered, DocumentWords words) {
    this(lexicon, regions, table, searcher, covered, words, Retrieval.ON_TOPIC);
  }

  /** @param onTopic cosine of the closest passage from which a message is about the documents */
  public PolicyAnswerEngine(
      Lexicon lexicon, Regions regions, AidStandards table, PolicySearcher searcher, Collection<String> covered, DocumentWords words,
      double onTopic) {
    this(lexicon, regions, table, searcher, covered, words, onTopic, CACHED_ANSWERS);
  }

  /** @param cached how many (question, state) answers to remember; 0 remembers none */
  public PolicyAnswerEngine(
      Lexicon lexicon, Regions regions, AidStandards table, PolicySearcher searcher, Collection<String> covered, DocumentWords words,
      double onTopic, int cached) {
    this.cache = new AnswerCache<>(cached);
    this.places = new BoundedCache<>(cached);
    this.reader = new MessageReader(lexicon, regions);
    this.lexicon = lexicon;
    this.table = table;
    this.standards = new StandardsReplies(table);
    this.passages = new PassageReplies(searcher, lexicon, words);
    this.scope = new Scope(searcher, onTopic, passages);
    this.covered = covered.stream()
        .filter(r -> r != null && !r.isBlank() && !Region.NATIONWIDE.equals(r) && !Region.UNKNOWN.equals(r))
        .distinct().sorted().toList();
  }

  private static List<String> regionsOf(AidStandards table) {
    List<String> out = new ArrayList<>();
    table.standards().forEach(s -> out.add(s.region()));
    table.rules().forEach(r -> out.add(r.region()));
    return out;
  }

  /** A place we have no documents for: say so, name what we cover, offer a person — no clarify loop. */
  private Answer noDocumentsFor(String place, Intent intent) {
    // never list as covered elsewhere the place just said to be missing
    List<String> others = covered.stream().filter(r -> !r.contains(place)).toList();
    String list = others.isEmpty() ? "" : "目前收录的地区有：" + String.join("、", others) + "。";
    String reply = "抱歉，已收录的政策文件里没有" + place + "的资助政策，我不能凭猜测或按外地的标准回答。" + list
        + "可以为您登记工单，由当地资助中心工作人员答复；如果孩子在以上地区上学，告诉我地区即可。";
    return new Answer(reply, intent, List.of(), List.of(), null, true);
  }

  @Override
  public Turn answer(String text, DialogState state) {
    DialogState current = state == null ? DialogState.empty() : state;
    if (current.more() != null && lexicon.asksMore(ChineseText.normalize(text))) {
      // “更多”: the rest of the last answer, once
      return new Turn(Answer.text(current.more(), Intent.POLICY), current.withMore(null));
    }
    // Past “更多”, the answer reads neither the last answer's rest nor the known stage: the rest is
    // only kept (by a refusal, which keeps the whole state) and the stage only carried into the next
    // state (unless the message names one). Nor, with no question pending, the known region when
    // the message names its own (岳阳初中住校补助多少 is about 岳阳 whoever asks). Nor the question
    // waiting for a region, unless the message could answer it (it names a place or is short: see
    // turn()); a longer question leaves it behind. So an answer is computed, and remembered, for the
    // text and the state without them, and each asker's own state is put back.
    MessageReader.Place place = places.get(text, reader::place);
    String region = current.pendingSlot() == null && current.region() != null && place.region() ? null : current.region();
    boolean mayAnswerPending = place.region() || place.unknown() || place.length() <= SHORT_REPLY;
    DialogState base = mayAnswerPending
        ? new DialogState(region, null, current.pendingQuestion(), current.pendingSlot(), null)
        : new DialogState(region, null, null, null, null);
    Computed c = cache.get(new AnswerCache.Key(text, base), () -> compute(text, base));
    if (c.keepsState()) {
      return new Turn(c.turn().answer(), current);
    }
    DialogState next = c.turn().next();
    if (next.stage() != null || current.stage() == null) {
      return c.turn();
    }
    return new Turn(c.turn().answer(), new DialogState(next.region(), current.stage(), next.pendingQuestion(), next.pendingSlot(), next.more()));
  }

  @Override
  public void forget() {
    cache.clear();
    places.clear();
  }

  /** The turn computed for the asker's whole state, nothing left out or remembered (tests compare). */
  Turn computedForWholeState(String text, DialogState state) {
    DialogState current = state == null ? DialogState.empty() : state;
    if (current.more() != null && lexicon.asksMore(ChineseText.normalize(text))) {
      return answer(text, current);
    }
    return turn(text, current);
  }

  /** A computed turn; {@code keepsState}: the next state is the asker's own, unchanged (rest and stage kept). */
  private record Computed(Turn turn, boolean keepsState) {}

  private Computed compute(String text, DialogState current) {
    Turn t = turn(text, current);
    // only a refusal hands back the very state it was given: the asker's state stays as it was
    return new Computed(t, t.next() == current);
  }

  private Turn turn(String text, DialogState current) {
    MessageReader.Reading reading = reader.read(text, current);
    if (PENDING_REGION.equals(current.pendingSlot())
        && current.pendingQuestion() != null
        && reading.regionInText() != null
        && reading.intent() == Intent.UNKNOWN
        && !reading.slots().specific()) {
      // a bare region answers the question we asked: answer that question for this region
      DialogState withRegion = new DialogState(reading.regionInText().path(), current.stage(), null, null);
      return answer(current.pendingQuestion(), withRegion);
    }
    boolean aboutPolicy =
        switch (reading.intent()) {
          case AMOUNT, ELIGIBILITY, PROCEDURE, POLICY, UNKNOWN -> true;
          default -> false;
        };
    if (reading.unknownPlace() != null && (aboutPolicy || PENDING_REGION.equals(current.pendingSlot()))) {
      // 广州, 长沙县: a place, but not one of ours; the known region (if any) is not this child's
      return new Turn(noDocumentsFor(reading.unknownPlace(), reading.intent()), new DialogState(null, current.stage(), null, null));
    }
    if (PENDING_REGION.equals(current.pendingSlot())
        && current.pendingQuestion() != null
        && reading.regionInText() == null
        && (reading.intent() == Intent.UNKNOWN || reading.intent() == Intent.OFFTOPIC)
        && reading.text().length() <= SHORT_REPLY) {
      // the answer to our question names a place we have no documents for: say so once, offer a person
      return new Turn(
          noDocumentsFor("这个地区", Intent.UNKNOWN),
          new DialogState(current.region(), current.stage(), null, null));
    }
    if (aboutPolicy && !reading.slots().specific() && scope.rulesOut(reading.text(), reading.slots().region())) {
      // a place or a money word alone (岳阳楼门票多少钱) does not make a message about the documents
      return new Turn(refusal(), current);
    }
    DialogState next = remember(current, reading);
    Answer answer =
        switch (reading.intent()) {
          case TICKET_NEW -> Answer.text("好的，您反映的问题我们会登记为工单，由工作人员跟进处理。请按提示留下联系人、电话和孩子就读的学校。", Intent.TICKET_NEW)
              .withHandoff(true);
          case TICKET_STATUS -> Answer.text("请告诉我工单编号（或登记时留的手机号），我帮您查询办理进度。", Intent.TICKET_STATUS);
          case GREETING -> Answer.text("您好！我是学生资助助手，可以帮您查资助标准、能不能享受、怎么申请，也可以帮您登记问题工单。", Intent.GREETING);
          // off the aid vocabulary, yet the documents may be about it (a foreign KB's 就业, 志愿者)
          case OFFTOPIC -> scope.covers(reading.text(), reading.slots().region())
              ? passages.answer(reading.text(), reading.slots().region(), Intent.POLICY)
              : refusal();
          case AMOUNT -> amount(reading);
          case ELIGIBILITY -> eligibility(reading);
          default -> reading.listing() && reading.slots().region() != null
              ? summary(reading).orElseGet(() -> passages.answer(reading.text(), reading.slots().region(), reading.intent(), general(reading)))
              : passages.answer(reading.text(), reading.slots().region(), reading.intent(), general(reading));
        };
    if (answer.clarify() != null) {
      next = new DialogState(next.region(), next.stage(), text, PENDING_REGION);
    }
    return new Turn(answer, next.withMore(answer.more()));
  }

  private static Answer refusal() {
    return Answer.text("抱歉，这个我帮不上忙。我是学生资助助手，可以回答教育精准扶贫资助的标准、条件和申请办法，也可以帮您反映问题、查询工单。", Intent.OFFTOPIC);
  }

  private static DialogState remember(DialogState state, MessageReader.Reading reading) {
    String region = reading.regionInText() != null ? reading.regionInText().path() : state.region();
    Set<Stage> stages = reading.slots().stages();
    String stage = stages.size() == 1 ? stages.iterator().next().wire() : state.stage();
    return new DialogState(region, stage, null, null);
  }

  private Answer amount(MessageReader.Reading reading) {
    Slots slots = reading.slots();
    if (slots.region() != null && general(reading) && passages.statesSumFor(reading.text(), slots.region())) {
      // a sum the region's document states for something other than a kind of pupil: quote it
      return passages.answer(reading.text(), slots.region(), Intent.AMOUNT, false);
    }
    List<String> unstated = new ArrayList<>();
    List<AidStandard> found = everyAsk(reading, standards.matching(slots.region(), slots), unstated);
    if (slots.region() == null && !found.isEmpty()) {
      // even one region's standard may not be the asker's: ask where, naming where we have it
      return clarify(reading.intent(), StandardsReplies.regions(found));
    }
    if (found.isEmpty() && slots.region() != null) {
      List<AidStandard> other = table.select(slots.region(), slots, true);
      if (!other.isEmpty()) {
        Replies reply = new Replies().line("当地文件只对以下学校写明了这项标准，其他学校请向学校或当地资助中心确认：");
        standards.describe(other, slots.region(), slots.stages(), reply);
        return reply.build(Intent.AMOUNT, null, false);
      }
    }
    if (found.isEmpty() && slots.region() != null && passages.statesSumFor(reading.text(), slots.region())) {
      // no per-pupil standard, but the region's own document states this sum almost word for word
      return passages.answer(reading.text(), slots.region(), Intent.AMOUNT, false);
    }
    if (found.isEmpty() && slots.region() != null && !table.isEmpty() && !general(reading)) {
      // the table holds every per-pupil amount of the region's documents: none for this kind of pupil
      return noAmountStated(reading);
    }
    if (found.isEmpty()) {
      // no table (a foreign knowledge base), or a sum that is not per pupil (岫岩 改薄 投入多少万元):
      // a quoted passage of the region's own documents may state it
      return passages.answer(reading.text(), slots.region(), reading.intent(), general(reading), onTopic(reading));
    }
    Replies reply = new Replies();
    standards.describe(found, slots.region(), slots.stages(), reply);
    for (String ask : unstated) {
      reply.line("另问的“" + ask + "”：" + slots.region().path() + "的已收录文件没有写明，可以登记工单请资助中心答复。");
    }
    return reply.build(Intent.AMOUNT, null, false);
  }

  /**
   * The standards that answer each ask of the message (有啥补助 → every one for the stage, 能贷多少 →
   * the loan), joined; an ask — or an aid item named — that none answers is added to {@code unstated},
   * so the reply says plainly what the documents do not state instead of dropping it.
   */
  private List<AidStandard> everyAsk(MessageReader.Reading reading, List<AidStandard> found, List<String> unstated) {
    Slots whole = reading.slots();
    List<AidStandard> out = new ArrayList<>(found);
    List<String> asks = Asks.of(lexicon, reading.text());
    if (asks.size() > 1) {
      for (String ask : asks) {
        Set<Stage> stages = lexicon.stagesIn(ask);
        Slots own = new Slots(whole.region(), stages.isEmpty() ? whole.stages() : stages, whole.boarder(), whole.categories(),
            whole.schoolTypes(), lexicon.itemsIn(ask), whole.notCategories());
        List<AidStandard> answers = standards.matching(whole.region(), own);
        answers.stream().filter(s -> !out.contains(s)).forEach(out::add);
        String what = lexicon.withoutQuestionWords(ask).replaceAll("[呢吗啊呀各是\\s]+$", "").trim();
        if (answers.isEmpty() && !what.isEmpty()) {
          unstated.add(what);
        }
      }
    }
    for (String item : whole.items()) {
      String word = lexicon.itemWord(item, reading.text());
      if (out.stream().noneMatch(s -> item.equals(s.item())) && word != null && unstated.stream().noneMatch(a -> a.contains(word))) {
        unstated.add(word);
      }
    }
    return out;
  }

  private Answer eligibility(MessageReader.Reading reading) {
    Slots slots = reading.slots();
    Region region = slots.region();
    if (region == null && slots.specific() && !table.isEmpty()) {
      Set<String> regions = StandardsReplies.regions(standards.matching(null, slots));
      if (!regions.isEmpty()) {
        return clarify(Intent.ELIGIBILITY, regions);
      }
    }
    if (region != null || !slots.schoolTypes().isEmpty() || !slots.categories().isEmpty()) {
      List<AidRule> excluded = table.rules(AidRule.Kind.EXCLUSION, region, slots);
      if (region != null && !excluded.isEmpty()) {
        Replies reply = new Replies().line("按当地文件，不能享受。");
        standards.describeRules(excluded, reply);
        return reply.build(Intent.ELIGIBILITY, null, false);
      }
    }
    List<AidRule> entitled = region == null ? List.of() : table.rules(AidRule.Kind.ENTITLEMENT, region, slots);
    List<AidStandard> found = region == null || !slots.specific() ? List.of() : standards.matching(region, slots);
    List<AidStandard> notFor = found.stream().filter(s -> excludes(s, slots.notCategories())).toList();
    if (entitled.isEmpty() && !found.isEmpty() && notFor.size() == found.size()) {
      // "非建档立卡" asking about a standard only for 建档立卡: no, and show whom it is for
      Replies reply = new Replies().line("按当地文件，这项资助只面向特定家庭，您说的情况不在其中：");
      standards.describe(found, region, reply);
      return reply.build(Intent.ELIGIBILITY, null, false);
    }
    if (!entitled.isEmpty() || !found.isEmpty()) {
      Replies reply = new Replies().line("可以，符合条件的可以享受：");
      standards.describeRules(entitled, reply);
      if (!found.isEmpty() && (entitled.isEmpty() || !slots.items().isEmpty())) {
        standards.describe(found, slots.region(), reply);
      }
      return reply.build(Intent.ELIGIBILITY, null, false);
    }
    if (reading.listing() && region != null) {
      Optional<Answer> summary = summary(reading);
      if (summary.isPresent()) {
        return summary.get();
      }
    }
    return passages.answer(reading.text(), region, Intent.ELIGIBILITY, general(reading), onTopic(reading));
  }

  /** Quotes for a yes/no or amount question must be about the boarding or aid item it names. */
  private Predicate<String> onTopic(MessageReader.Reading reading) {
    return sentence -> lexicon.mentions(reading.slots(), sentence);
  }

  /** A question that names no stage, aid item or household: a general one (公示几天), any school's way applies. */
  private static boolean general(MessageReader.Reading reading) {
    Slots s = reading.slots();
    return !s.specific() && s.categories().isEmpty() && s.schoolTypes().isEmpty();
  }

  /**
   * The region's documents state no amount for this (海南 has no 普通高中 figure of its own): say so,
   * quote what they say on the topic, and offer a work order — never another region's number.
   */
  private Answer noAmountStated(MessageReader.Reading reading) {
    Region region = reading.slots().region();
    Replies reply = new Replies().line(region.path() + "的已收录政策文件里没有写明这项资助的具体金额，我不能凭猜测或借用其他地区的标准回答。");
    List<PassageReplies.Quote> related = passages.withoutMoney(reading.text(), region, 2);
    if (!related.isEmpty()) {
      reply.line("当地文件里与此相关的内容：");
      passages.listQuotes(reading.text(), region, related, reply);
    }
    reply.note("可以为您登记工单，由当地资助中心工作人员答复具体标准；需要的话请回复“转人工”。");
    return reply.build(Intent.AMOUNT, null, true);
  }

  /**
   * "建始县有哪些资助": the region's table entries (and entitlements) for the slots, then the passages
   * of its own documents that match best, each quoted and cited. Empty when there is nothing of its own.
   */
  private Optional<Answer> summary(MessageReader.Reading reading) {
    Slots slots = reading.slots();
    Region region = slots.region();
    List<AidStandard> found = standards.matching(region, slots, true);
    List<AidRule> entitled = table.rules(AidRule.Kind.ENTITLEMENT, region, slots, true);
    List<PassageReplies.Quote> quotes = passages.summaryQuotes(reading.text(), region, PassageReplies.SUMMARY_QUOTES);
    if (found.isEmpty() && entitled.isEmpty() && quotes.isEmpty()) {
      return Optional.empty();
    }
    Replies reply = new Replies();
    if (!found.isEmpty() || !entitled.isEmpty()) {
      reply.line("按当地文件，写明的资助有：");
      standards.describeRules(entitled, reply);
      standards.describe(found, region, slots.stages(), reply);
    }
    if (!quotes.isEmpty()) {
      reply.line(found.isEmpty() && entitled.isEmpty() ? region.path() + "的文件里与此相关的规定：" : "文件里还写到：");
      passages.listQuotes(reading.text() + " " + PassageReplies.SUMMARY_TOPIC, region, quotes, reply);
    }
    if (found.isEmpty()) {
      reply.note("当地文件没有写明具体金额的，可以登记工单请资助中心答复。");
    }
    return Optional.of(reply.build(reading.intent(), null, false));
  }

  /** True when every household category the standard is for was denied by the asker. */
  private static boolean excludes(AidStandard s, Set<String> denied) {
    return !s.categories().isEmpty() && denied.containsAll(s.categories());
  }

  private static Answer clarify(Intent intent, Set<String> regions) {
    String reply = ASK_REGION + "（已收录这项标准的地区：" + String.join("、", regions) + "）";
    return new Answer(reply, intent, List.of(), List.of(), ASK_REGION, false);
  }
}
