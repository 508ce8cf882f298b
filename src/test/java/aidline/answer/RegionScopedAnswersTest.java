package aidline.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.knowledge.KnowledgeBase;
import aidline.values.Stage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answers for a known region come from its own documents; places we lack hand off; summaries; stage cuts. */
class RegionScopedAnswersTest {
  /** A school's procedure that does not say where it is from. */
  static final String SCHOOL =
      """
      ---
      id: school
      title: 学校资助工作程序
      region: 未知
      status: published
      ---
      二、程序
      4、公示对通过评审初步拟定的资助对象进行为期一周的公示。
      5、初中寄宿生生活补助每学期开学后一个月内发放到一卡通。
      """;

  @TempDir Path dir;
  private KnowledgeBase base;
  private AnswerEngine engine;

  @BeforeEach
  void setUp() throws IOException {
    Fixtures.write(dir);
    Files.writeString(dir.resolve("school.md"), SCHOOL);
    base = KnowledgeBase.open(dir);
    engine = AnswerKnowledge.of(base, null).engine();
  }

  @AfterEach
  void tearDown() {
    base.close();
  }

  private Answer ask(String text, String region) {
    return engine.answer(text, region == null ? DialogState.empty() : DialogState.ofRegion(region)).answer();
  }

  @Test
  void aPlaceWeDoNotCoverHandsOffNamingTheRegionsWeDo() {
    for (String q : List.of("广州的高中助学金多少", "长沙县的幼儿园资助标准", "湖南长沙的初中住校补助多少")) {
      Answer a = ask(q, null);
      assertTrue(a.handoff(), q);
      assertNull(a.clarify(), q);
      assertTrue(a.amounts().isEmpty(), q);
      assertTrue(a.reply().contains("湖南省岳阳市") && a.reply().contains("吉林省白城市"), a.reply());
    }
    // a remembered region does not answer for a place the parent names
    Answer a = ask("北京市上大学能贷款多少", "湖南省岳阳市");
    assertTrue(a.handoff());
    assertTrue(a.citations().isEmpty());
    // everyday words ending in 县/区/州 are not places
    assertEquals(PolicyAnswerEngine.ASK_REGION, ask("我们县的初中住校补助多少", null).clarify());
  }

  @Test
  void aKnownRegionIsNotAnsweredFromADocumentThatDoesNotStateItsRegion() {
    Answer specific = ask("白城初中寄宿生生活补助什么时候发", null);
    assertTrue(specific.citations().stream().noneMatch(c -> c.docId().equals("school")), specific.reply());
    assertTrue(specific.handoff(), specific.reply());
  }

  @Test
  void aGeneralProcedureFallsBackToAnUnstatedDocumentAndSaysSo() {
    Answer a = ask("资助名单公示几天", "吉林省白城市");
    assertEquals(Intent.PROCEDURE, a.intent());
    assertTrue(a.reply().contains("为期一周"), a.reply());
    assertTrue(a.reply().contains("未写明所属地区"), a.reply());
  }

  @Test
  void noAmountInTheRegionsDocumentsIsSaidPlainlyWithAWorkOrder() {
    Answer a = ask("白城幼儿园资助多少钱", null);
    assertEquals(Intent.AMOUNT, a.intent());
    assertTrue(a.handoff(), a.reply());
    assertTrue(a.amounts().isEmpty(), a.amounts().toString());
    assertTrue(a.reply().contains("没有写明"), a.reply());
    assertTrue(a.citations().stream().allMatch(c -> c.region().equals("吉林省白城市")), a.citations().toString());
  }

  @Test
  void aListQuestionSummarisesTheRegionsStandardsAndPassages() {
    Answer a = ask("白城有哪些补助", null);
    assertTrue(a.reply().contains("2000元/生·年"), a.reply());
    assertTrue(a.citations().size() >= 2, a.citations().toString());
    assertTrue(a.citations().stream().allMatch(c -> c.region().equals("吉林省白城市")), a.citations().toString());
  }

  @Test
  void aSharedQuoteIsCutToTheStagesAsked() {
    AidStandard.Source src = new AidStandard.Source("d", "t", "", "r", "s", "给予生活补助，标准为每生每年小学1000元、初中1250元。");
    AidStandard primary = standard("p", Stage.PRIMARY, "1000", src);
    AidStandard junior = standard("j", Stage.JUNIOR, "1250", src);
    assertEquals("给予生活补助，…初中1250元。", StandardsReplies.shortened(src, List.of(junior), List.of(primary)).quote());
    assertEquals("给予生活补助，标准为每生每年小学1000元、…", StandardsReplies.shortened(src, List.of(primary), List.of(junior)).quote());
    Answer a = ask("岳阳小学住校生活补助多少", null);
    assertFalse(a.amounts().stream().anyMatch(x -> x.value().compareTo(new BigDecimal("1250")) == 0), a.amounts().toString());
    assertFalse(a.reply().contains("1250"), a.reply());
  }

  @Test
  void anItemAskedByNameIsNotAnsweredWithAnotherItemsAmount() {
    Answer a = ask("岳阳初中住校的午餐补助多少钱", null);
    assertTrue(a.amounts().isEmpty(), a.reply());
    assertTrue(a.handoff(), a.reply());
  }

  private static AidStandard standard(String id, Stage stage, String amount, AidStandard.Source src) {
    return new AidStandard(id, "r", java.util.EnumSet.of(stage), "living", id, new BigDecimal(amount), "元", true,
        java.util.Set.of(), java.util.Set.of(), "", null, null, List.of(), src);
  }
}
