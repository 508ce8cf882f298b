package aidline.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.knowledge.Passage;
import aidline.knowledge.PolicySearcher;
import aidline.knowledge.Region;
import aidline.knowledge.SearchHit;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyAnswerEngineTest {
  @TempDir Path dir;
  private AnswerKnowledge kb;
  private AnswerEngine engine;

  @BeforeEach
  void setUp() throws IOException {
    Fixtures.write(dir);
    kb = AnswerKnowledge.open(dir, null);
    engine = kb.engine();
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
    // the quote also states the primary standard, so amounts list it too
    assertTrue(a.amounts().stream().anyMatch(x -> x.value().equals(new BigDecimal("1000"))));
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

  private static List<BigDecimal> values(Answer a) {
    return a.amounts().stream().map(Amount::value).toList();
  }
}
