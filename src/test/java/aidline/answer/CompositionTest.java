package aidline.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.knowledge.KnowledgeBase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How a reply is composed, on the shipped knowledge base: the answer first, once, one screen. */
class CompositionTest {
  private static KnowledgeBase base;
  private static AnswerEngine engine;

  @BeforeAll
  static void open() {
    base = KnowledgeBase.open(Path.of("knowledge-base"));
    engine = AnswerKnowledge.of(base, null).engine();
  }

  @AfterAll
  static void close() {
    base.close();
  }

  private static Answer ask(String text) {
    return engine.answer(text, DialogState.empty()).answer();
  }

  private static List<BigDecimal> values(Answer a) {
    return a.amounts().stream().map(Amount::value).map(BigDecimal::stripTrailingZeros).distinct().toList();
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  @Test
  void aFactQuestionLeadsWithTheFact() {
    Answer count = ask("鞍山开了几部资助咨询热线");
    assertTrue(count.reply().startsWith("辽宁省鞍山市："), count.reply());
    assertTrue(count.lead().contains("4部"), count.lead());
    Answer rate = ask("建始县学前三年毛入园率要达到多少");
    assertTrue(rate.lead().contains("85%"), rate.lead());
    assertTrue(rate.amounts().isEmpty(), "a rate is not an amount of money");
  }

  @Test
  void bothAsksOfOneMessageAreAnswered() {
    Answer a = ask("鞍山考上大学的补助和助学贷款各多少");
    assertEquals(List.of(new BigDecimal("8E+3"), new BigDecimal("1E+3")), values(a));
    assertTrue(a.reply().contains("1000") && a.reply().contains("8000"), a.reply());
    assertTrue(a.lead().startsWith("辽宁省鞍山市：") && a.lead().contains("元"), a.lead());
  }

  @Test
  void anAskTheDocumentsDoNotAnswerIsNamed() {
    Answer a = ask("岳阳高中助学金和营养餐各多少");
    assertTrue(a.reply().contains("2000"), a.reply());
    assertTrue(a.reply().contains("“营养餐”") && a.reply().contains("没有写明"), a.reply());
    assertEquals(List.of(new BigDecimal("2E+3")), values(a));
  }

  @Test
  void eachAmountAndQuoteOnceOnOneScreen() {
    for (String q : List.of("岳阳有哪些资助", "俺家娃在岳阳读初中住校，一年能补好多钱", "海南营养餐补助和交通补助各是多少", "岫岩要新建改扩建几所乡镇中心幼儿园")) {
      Answer a = ask(q);
      assertTrue(a.reply().length() <= Replies.SCREEN + 40, q + " → " + a.reply().length() + "\n" + a.reply());
      for (Citation c : a.citations()) {
        assertTrue(count(a.reply() + "\n" + (a.more() == null ? "" : a.more()), "“" + c.quote() + "”") <= 1, c.quote());
      }
      assertFalse(a.reply().contains("根据《"), "a quote is not repeated as a 根据 line");
    }
  }

  @Test
  void moreSendsTheRestOnce() {
    Turn first = engine.answer("岳阳有哪些资助", DialogState.empty());
    assertNotNull(first.answer().more());
    assertTrue(first.answer().reply().endsWith(Replies.MORE_PROMPT));
    Turn more = engine.answer("更多", first.next());
    assertEquals(first.answer().more(), more.answer().reply());
    assertNull(more.next().more());
    assertEquals(first.next().region(), more.next().region(), "the remembered region stays");
  }

  @Test
  void aSuffixIsNotAPlaceAndACoveredRegionIsNotListedAsMissing() {
    Answer a = ask("海南每个贫困市县会有几所省一级高中");
    assertFalse(a.reply().contains("没有有几所省"), a.reply());
    assertTrue(a.citations().stream().allMatch(c -> c.region().equals("海南省")), a.citations().toString());
    Answer elsewhere = ask("广州的高中助学金多少");
    assertTrue(elsewhere.handoff());
    assertFalse(elsewhere.reply().contains("广州市"), elsewhere.reply());
  }
}
