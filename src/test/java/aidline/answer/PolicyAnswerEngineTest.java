package aidline.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.knowledge.KnowledgeBase;
import aidline.knowledge.Passage;
import aidline.knowledge.PolicySearcher;
import aidline.knowledge.Region;
import aidline.knowledge.SearchHit;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyAnswerEngineTest {
  @TempDir Path dir;
  private KnowledgeBase base;
  private AnswerKnowledge kb;
  private AnswerEngine engine;

  @BeforeEach
  void setUp() throws IOException {
    Fixtures.write(dir);
    base = KnowledgeBase.open(dir);
    kb = AnswerKnowledge.of(base, null);
    engine = kb.engine();
  }

  @AfterEach
  void tearDown() {
    base.close();
  }

  private Answer ask(String text) {
    return engine.answer(text, DialogState.empty()).answer();
  }

  /** Every sum of money in the reply is listed in amounts and stated by a cited quote. */
  private static void assertEveryAmountIsSourced(Answer a) {
    for (MoneyAmounts.Money m : MoneyAmounts.money(a.reply())) {
      assertTrue(a.amounts().stream().anyMatch(x -> x.value().compareTo(m.value()) == 0), "not in amounts: " + m + " in " + a.reply());
      assertTrue(
          a.citations().stream().anyMatch(c -> MoneyAmounts.numbers(AidStandards.comparable(c.quote())).stream().anyMatch(v -> v.compareTo(m.value()) == 0)),
          "not in a cited quote: " + m);
    }
  }

  @Test
  void amountAnswerStatesUnitConditionsAndCitesTheQuote() {
    Answer a = ask("岳阳初中住校生补助多少");
    assertEquals(Intent.AMOUNT, a.intent());
    assertTrue(a.reply().contains("1250元/生·年"), a.reply());
    assertTrue(a.reply().contains("依据：《岳阳市方案》（岳教〔2016〕17号）五（二）2"), a.reply());
    assertEquals("yy", a.citations().get(0).docId());
    // the quote also states the primary standard: for a 初中 question it is left out of the quote
    assertTrue(a.amounts().stream().noneMatch(x -> x.value().compareTo(new BigDecimal("1000")) == 0), a.amounts().toString());
    assertTrue(a.citations().get(0).quote().contains("…初中1250元"), a.citations().get(0).quote());
    assertEveryAmountIsSourced(a);
  }

  @Test
  void countyGetsItsCityStandardWithTheCombination() {
    Answer a = ask("台安县建档立卡初中寄宿生一年补多少");
    assertTrue(a.reply().contains("合计2250元"), a.reply());
    assertTrue(a.reply().contains("台安县按此文件执行"), a.reply());
    assertEquals("辽宁省鞍山市", a.amounts().get(0).region());
    assertEveryAmountIsSourced(a);
  }

  @Test
  void unknownRegionIsAskedOnceAndTheBareAnswerCompletesTheQuestion() {
    Turn first = engine.answer("初中住校的补助多少", DialogState.empty());
    assertNotNull(first.answer().clarify());
    assertTrue(first.answer().amounts().isEmpty());
    Turn second = engine.answer("岳阳", first.next());
    assertEquals(Intent.AMOUNT, second.answer().intent());
    assertTrue(second.answer().reply().contains("1250"), second.answer().reply());
    assertEquals("湖南省岳阳市", second.next().region());
    assertNull(second.next().pendingQuestion());
    // the region is remembered for the next question
    Turn third = engine.answer("小学住校呢，补多少", second.next());
    assertTrue(third.answer().reply().contains("1000元/生·年"), third.answer().reply());
  }

  @Test
  void excludedSchoolTypeIsAnsweredNoWithTheQuote() {
    Answer a = ask("白城在民办学校读书的贫困学生有补助吗");
    assertEquals(Intent.ELIGIBILITY, a.intent());
    assertTrue(a.reply().startsWith("按当地文件，不能享受"), a.reply());
    assertTrue(a.reply().contains("不予补助或减免"));
    assertTrue(a.amounts().isEmpty());
  }

  @Test
  void eligibilityWithAStandardListsItAndWhatIsWaived() {
    Answer a = ask("白城贫困高中生除了助学金还免什么费");
    assertTrue(a.reply().contains("免学费") && a.reply().contains("免住宿费"), a.reply());
    assertEveryAmountIsSourced(a);
  }

  @Test
  void procedureIsAnsweredFromTheBestSentence() {
    Answer a = ask("资助名单公示多长时间");
    assertTrue(a.reply().contains("为期一周"), a.reply());
    assertEquals("yy", a.citations().get(0).docId());
    assertTrue(a.amounts().isEmpty());
  }

  @Test
  void offTopicGetsAPoliteLineWithoutSources() {
    Answer a = ask("帮我写一首诗");
    assertEquals(Intent.OFFTOPIC, a.intent());
    assertTrue(a.citations().isEmpty() && a.amounts().isEmpty());
    assertTrue(a.reply().contains("资助"));
  }

  @Test
  void nothingFoundHandsOff() {
    Answer a = ask("白城的大学生勤工助学岗位怎么报名");
    assertTrue(a.handoff(), a.reply());
    assertTrue(a.citations().isEmpty());
  }

  @Test
  void ticketIntentsOnlyClassify() {
    Answer a = ask("寄宿生补助没到账，我要反映");
    assertEquals(Intent.TICKET_NEW, a.intent());
    assertTrue(a.handoff());
    assertEquals(Intent.TICKET_STATUS, ask("查一下我的工单进度").intent());
  }

  @Test
  void amountsFromAQuotedPassageAreListedWhenThereIsNoTable() {
    // a foreign knowledge base: no standards, the searcher's passage states the amount
    Passage p = new Passage("loan", "助学贷款指南", "", "全国", "二", "本专科学生每人每年申请贷款额度不超过20000元，研究生不超过25000元。");
    PolicySearcher searcher = (q, r, n) -> List.of(new SearchHit(p, 1.0, p.text()));
    AnswerEngine foreign = new PolicyAnswerEngine(kb.lexicon(), kb.regions(), AidStandards.empty(), searcher);
    Answer a = foreign.answer("国家助学贷款额度是多少", DialogState.empty()).answer();
    assertTrue(a.reply().contains("20000元"), a.reply());
    assertEquals(List.of(new BigDecimal("20000"), new BigDecimal("25000")), values(a));
    assertEquals("loan", a.citations().get(0).docId());
    assertEveryAmountIsSourced(a);
  }

  @Test
  void inTestSearcherSeesTheAskersRegion() {
    List<Region> seen = new ArrayList<>();
    PolicySearcher searcher = (q, r, n) -> {
      seen.add(r);
      return List.of();
    };
    AnswerEngine e = new PolicyAnswerEngine(kb.lexicon(), kb.regions(), kb.standards(), searcher);
    Answer a = e.answer("华容县的资助怎么申请", DialogState.empty()).answer();
    assertTrue(a.handoff());
    assertEquals("湖南省岳阳市华容县", seen.get(0).path());
  }

  @Test
  void aPlaceWeHaveNoDocumentsForEndsThePendingQuestionWithAHandoff() {
    Turn first = engine.answer("初中住校的补助多少", DialogState.empty());
    assertNotNull(first.answer().clarify());
    Turn second = engine.answer("长沙", first.next());
    assertTrue(second.answer().handoff(), second.answer().reply());
    assertTrue(second.answer().amounts().isEmpty() && second.answer().citations().isEmpty());
    assertNull(second.next().pendingQuestion());
  }

  @Test
  void anotherRegionsPassageDoesNotAnswerForThisRegion() {
    // the only passage about 公示 is 岳阳's; a 白城 asker is told we do not know rather than given it
    Answer a = ask("白城资助名单公示多长时间");
    assertTrue(a.handoff(), a.reply());
    assertTrue(a.citations().isEmpty());
  }

  @Test
  void regionAndStageWithoutAQuestionWordAskForTheStandard() {
    Answer a = ask("台安建档立卡初中住校补助");
    assertEquals(Intent.AMOUNT, a.intent());
    assertTrue(a.reply().contains("2250"), a.reply());
  }

  @Test
  void aFaqQuestionIsQuotedWithItsAnswerAndAHeadingNamesTheTopic() {
    Passage faq = new Passage("faq", "常见问题", "", "全国", "五 > 43.", "43. 什么时候开始申请生源地贷款？\n每年受理时间由当地发布，不能用往年时间推断。");
    Passage grant = new Passage("sg", "奖助学金", "", "全国", "本专科生国家奖学金", "本专科生国家奖学金\n用于奖励特别优秀的学生。奖励标准为每生每年10000元。");
    PolicySearcher searcher = (q, r, n) -> List.of(new SearchHit(faq, 2.0, ""), new SearchHit(grant, 1.0, ""));
    AnswerEngine foreign = new PolicyAnswerEngine(kb.lexicon(), kb.regions(), AidStandards.empty(), searcher);
    Answer when = foreign.answer("生源地贷款什么时候开始申请", DialogState.empty()).answer();
    assertTrue(when.reply().contains("每年受理时间由当地发布"), when.reply());
    Answer how = foreign.answer("本专科生国家奖学金多少钱", DialogState.empty()).answer();
    assertTrue(how.reply().contains("10000元"), how.reply());
    assertEquals(List.of(new BigDecimal("10000")), values(how));
    assertEveryAmountIsSourced(how);
  }

  @Test
  void aDeniedHouseholdCategoryIsAnsweredNoWithWhomTheStandardIsFor() {
    Answer a = ask("台安不是建档立卡户，初中住校能领补助吗");
    assertEquals(Intent.ELIGIBILITY, a.intent());
    assertTrue(a.reply().startsWith("按当地文件，这项资助只面向特定家庭"), a.reply());
    assertEveryAmountIsSourced(a);
    Answer yes = ask("台安建档立卡户，初中住校能领补助吗");
    assertTrue(yes.reply().startsWith("可以"), yes.reply());
  }

  @Test
  void withoutARegionEvenOneRegionsStandardIsAskedAbout() {
    Answer a = ask("普通高中助学金一年多少");
    assertNotNull(a.clarify());
    assertTrue(a.reply().contains("吉林省白城市"), a.reply());
    assertTrue(a.amounts().isEmpty() && a.citations().isEmpty());
  }

  @Test
  void aStandardWrittenOnlyForAnotherSchoolTypeIsShownAsSuch() throws IOException {
    java.nio.file.Files.writeString(
        dir.resolve("standards.yaml"), Fixtures.STANDARDS.replace("  - id: bc-senior\n", "  - id: bc-senior\n    schoolTypes: [special]\n"));
    AnswerEngine e = AnswerKnowledge.of(base, null).engine();
    Answer a = e.answer("白城高中助学金多少", DialogState.empty()).answer();
    assertTrue(a.reply().startsWith("当地文件只对以下学校写明了这项标准"), a.reply());
    assertTrue(a.reply().contains("2000元/生·年"), a.reply());
    assertEveryAmountIsSourced(a);
  }

  private static List<BigDecimal> values(Answer a) {
    return a.amounts().stream().map(Amount::value).toList();
  }
}
