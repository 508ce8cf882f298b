package aidline.answer;

import aidline.knowledge.PolicySearcher;
import aidline.knowledge.Region;
import aidline.knowledge.Regions;
import java.util.List;
import java.util.Set;

/**
 * The answer engine: reads the message, answers amounts and eligibility from the standards table,
 * procedures and facts from the best passages, asks once for a missing region and remembers the
 * answer, and hands off when unsure. Every number it states comes from the table or a cited quote.
 */
public final class PolicyAnswerEngine implements AnswerEngine {
  static final String PENDING_REGION = "region";
  static final String ASK_REGION = "请问孩子在哪个市县上学？各地资助标准不一样，告诉我地区（例如“岳阳”或“台安县”）后我按当地文件回答。";

  private final MessageReader reader;
  private final AidStandards table;
  private final StandardsReplies standards;
  private final PassageReplies passages;

  public PolicyAnswerEngine(Lexicon lexicon, Regions regions, AidStandards table, PolicySearcher searcher) {
    this.reader = new MessageReader(lexicon, regions);
    this.table = table;
    this.standards = new StandardsReplies(table);
    this.passages = new PassageReplies(searcher, lexicon);
  }

  @Override
  public Turn answer(String text, DialogState state) {
    DialogState current = state == null ? DialogState.empty() : state;
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
    DialogState next = remember(current, reading);
    Answer answer =
        switch (reading.intent()) {
          case TICKET_NEW -> Answer.text("好的，您反映的问题我们会登记为工单，由工作人员跟进处理。请按提示留下联系人、电话和孩子就读的学校。", Intent.TICKET_NEW)
              .withHandoff(true);
          case TICKET_STATUS -> Answer.text("请告诉我工单编号（或登记时留的手机号），我帮您查询办理进度。", Intent.TICKET_STATUS);
          case GREETING -> Answer.text("您好！我是学生资助助手，可以帮您查资助标准、能不能享受、怎么申请，也可以帮您登记问题工单。", Intent.GREETING);
          case OFFTOPIC -> Answer.text("抱歉，这个我帮不上忙。我是学生资助助手，可以回答教育精准扶贫资助的标准、条件和申请办法，也可以帮您反映问题、查询工单。", Intent.OFFTOPIC);
          case AMOUNT -> amount(reading);
          case ELIGIBILITY -> eligibility(reading);
          default -> passages.answer(reading.text(), reading.slots().region(), reading.intent());
        };
    if (answer.clarify() != null) {
      next = new DialogState(next.region(), next.stage(), text, PENDING_REGION);
    }
    return new Turn(answer, next);
  }

  private static DialogState remember(DialogState state, MessageReader.Reading reading) {
    String region = reading.regionInText() != null ? reading.regionInText().path() : state.region();
    Set<Stage> stages = reading.slots().stages();
    String stage = stages.size() == 1 ? stages.iterator().next().wire() : state.stage();
    return new DialogState(region, stage, null, null);
  }

  private Answer amount(MessageReader.Reading reading) {
    Slots slots = reading.slots();
    List<AidStandard> found = standards.matching(slots.region(), slots);
    if (slots.region() == null && StandardsReplies.regions(found).size() >= 2) {
      return clarify(reading.intent());
    }
    if (found.isEmpty()) {
      // no table entry: a quoted passage may still state it (a foreign knowledge base has no table)
      return passages.answer(reading.text(), slots.region(), reading.intent());
    }
    Replies reply = new Replies();
    if (slots.region() == null) {
      reply.line("目前收录的文件中，只有以下地区有这项标准：");
    }
    standards.describe(found, slots.region(), reply);
    return reply.build(Intent.AMOUNT, null, false);
  }

  private Answer eligibility(MessageReader.Reading reading) {
    Slots slots = reading.slots();
    Region region = slots.region();
    if (region == null && slots.specific() && !table.isEmpty()) {
      Set<String> regions = StandardsReplies.regions(standards.matching(null, slots));
      if (regions.size() >= 2) {
        return clarify(Intent.ELIGIBILITY);
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
    if (!entitled.isEmpty() || !found.isEmpty()) {
      Replies reply = new Replies().line("可以，符合条件的可以享受：");
      standards.describeRules(entitled, reply);
      if (!found.isEmpty() && (entitled.isEmpty() || !slots.items().isEmpty())) {
        standards.describe(found, slots.region(), reply);
      }
      return reply.build(Intent.ELIGIBILITY, null, false);
    }
    return passages.answer(reading.text(), region, Intent.ELIGIBILITY);
  }

  private static Answer clarify(Intent intent) {
    return new Answer(ASK_REGION, intent, List.of(), List.of(), ASK_REGION, false);
  }
}
