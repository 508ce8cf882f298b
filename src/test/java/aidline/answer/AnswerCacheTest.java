package aidline.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.knowledge.KnowledgeBase;
import aidline.knowledge.PolicySearcher;
import aidline.knowledge.Region;
import aidline.knowledge.SearchHit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remembered answers are exactly the computed ones, and never another region's or context's. */
class AnswerCacheTest {
  @TempDir Path dir;
  private KnowledgeBase base;
  private AnswerEngine cached;
  private AnswerEngine plain;
  private AnswerKnowledge kb;

  @BeforeEach
  void setUp() throws IOException {
    Fixtures.write(dir);
    base = KnowledgeBase.open(dir);
    kb = AnswerKnowledge.of(base, null);
    cached = kb.engine();
    plain = kb.engine(0);
  }

  @AfterEach
  void tearDown() {
    base.close();
  }

  private static final List<String> QUESTIONS = List.of(
      "初中住校的补助多少", "岳阳初中住校生补助多少", "台安县建档立卡初中寄宿生一年补多少", "岳阳", "鞍山", "更多",
      "能免学费不", "岳阳楼门票多少钱", "你好", "公示几天", "广州的孩子有补助吗", "我要投诉", "台安县", "高中呢", "小学生有啥补助",
      "长沙县", "建档立卡的能免学费吗");

  private static final List<DialogState> STATES = List.of(
      DialogState.empty(),
      DialogState.ofRegion("湖南省岳阳市"),
      DialogState.ofRegion("辽宁省鞍山市台安县"),
      new DialogState("湖南省岳阳市", "junior", null, null, "上一条回答的其余依据"),
      new DialogState("湖南省岳阳市", "senior", null, null, null),
      new DialogState(null, "primary", null, null, null),
      new DialogState(null, "junior", "初中住校的补助多少", PolicyAnswerEngine.PENDING_REGION, "别的依据"),
      new DialogState("辽宁省鞍山市", "vocational", null, null, "再一条"),
      new DialogState(null, null, "初中住校的补助多少", PolicyAnswerEngine.PENDING_REGION),
      new DialogState(null, null, null, null, "别的依据"),
      new DialogState("湖南省岳阳市", null, "公示几天", PolicyAnswerEngine.PENDING_REGION),
      new DialogState(null, "senior", "能免学费不", PolicyAnswerEngine.PENDING_REGION, null));

  @Test
  void everyQuestionInEveryStateGetsTheComputedTurnTwice() {
    for (int round = 0; round < 2; round++) {
      for (DialogState s : STATES) {
        for (String q : QUESTIONS) {
          assertEquals(plain.answer(q, s), cached.answer(q, s), q + " in " + s + ", round " + round);
        }
      }
    }
  }

  @Test
  void whatTheKeyLeavesOutChangesNothing() {
    PolicyAnswerEngine whole = (PolicyAnswerEngine) kb.engine(0);
    for (DialogState s : STATES) {
      for (String q : QUESTIONS) {
        assertEquals(whole.computedForWholeState(q, s), cached.answer(q, s), q + " in " + s);
      }
    }
  }

  @Test
  void aLongQuestionSharesItsAnswerWhateverQuestionWaitsForARegion() {
    String q = "建档立卡的能免学费吗";
    Answer a = cached.answer(q, new DialogState(null, null, "初中住校的补助多少", PolicyAnswerEngine.PENDING_REGION)).answer();
    assertSame(a, cached.answer(q, new DialogState(null, null, "小学生有啥补助", PolicyAnswerEngine.PENDING_REGION)).answer());
    assertSame(a, cached.answer(q, DialogState.empty()).answer());
    // a short reply or a place may answer the waiting question: those keep it in the key
    assertNotEquals(cached.answer("岳阳", new DialogState(null, null, "初中住校的补助多少", PolicyAnswerEngine.PENDING_REGION)).answer(),
        cached.answer("岳阳", new DialogState(null, null, "能免学费不", PolicyAnswerEngine.PENDING_REGION)).answer());
  }

  @Test
  void theSameQuestionInAnotherRegionIsNotServedTheFirstRegionsAnswer() {
    String q = "初中住校的补助多少";
    Answer yueyang = cached.answer(q, DialogState.ofRegion("湖南省岳阳市")).answer();
    Answer anshan = cached.answer(q, DialogState.ofRegion("辽宁省鞍山市")).answer();
    assertNotEquals(yueyang.reply(), anshan.reply());
    assertEquals("湖南省岳阳市", yueyang.amounts().get(0).region());
    assertEquals("辽宁省鞍山市", anshan.amounts().get(0).region());
    // a question naming its own region is answered for it, whatever region its asker had before
    String named = "岳阳初中住校生补助多少";
    for (DialogState s : List.of(DialogState.ofRegion("辽宁省鞍山市"), DialogState.empty(), DialogState.ofRegion("湖南省岳阳市"))) {
      Turn t = cached.answer(named, s);
      assertEquals("湖南省岳阳市", t.answer().amounts().get(0).region(), s.toString());
      assertEquals("湖南省岳阳市", t.next().region(), s.toString());
    }
    assertEquals("辽宁省鞍山市", cached.answer(q, DialogState.ofRegion("辽宁省鞍山市")).answer().amounts().get(0).region());
    // and the region-less asker is asked where, not told either region's figure
    assertTrue(cached.answer(q, DialogState.empty()).answer().clarify() != null);
  }

  @Test
  void aRefusalKeepsEachAskersOwnRestOfTheLastAnswer() {
    // vectors that find nothing close: a place and a money word alone are refused, the state kept
    PolicySearcher far = new PolicySearcher() {
      @Override
      public List<SearchHit> search(String query, Region region, int limit) {
        return List.of();
      }

      @Override
      public OptionalDouble closeness(String text) {
        return OptionalDouble.of(0.0);
      }
    };
    AnswerEngine e = new PolicyAnswerEngine(kb.lexicon(), kb.regions(), kb.standards(), far, List.of(), DocumentWords.none(),
        0.5, 16);
    Turn first = e.answer("岳阳楼门票多少钱", new DialogState("湖南省岳阳市", "junior", null, null, "甲的依据"));
    Turn second = e.answer("岳阳楼门票多少钱", new DialogState("湖南省岳阳市", "senior", null, null, "乙的依据"));
    assertEquals(Intent.OFFTOPIC, first.answer().intent(), first.answer().reply());
    assertEquals(first.answer(), second.answer());
    assertEquals("甲的依据", first.next().more());
    assertEquals("乙的依据", second.next().more());
    assertEquals("junior", first.next().stage());
    assertEquals("senior", second.next().stage());
    assertEquals("乙的依据", e.answer("更多", second.next()).answer().reply());
  }

  @Test
  void eachAskerKeepsTheirOwnStageUnlessTheMessageNamesOne() {
    Turn junior = cached.answer("公示几天", new DialogState("湖南省岳阳市", "junior", null, null));
    Turn senior = cached.answer("公示几天", new DialogState("湖南省岳阳市", "senior", null, null));
    assertEquals(junior.answer(), senior.answer());
    assertEquals("junior", junior.next().stage());
    assertEquals("senior", senior.next().stage());
    assertEquals("primary", cached.answer("小学生有啥补助", new DialogState("湖南省岳阳市", "senior", null, null)).next().stage());
  }

  @Test
  void boundedAndForgotten() {
    AnswerCache<String> c = new AnswerCache<>(8);
    AtomicInteger computed = new AtomicInteger();
    AnswerCache.Key a = new AnswerCache.Key("a", DialogState.empty());
    AnswerCache.Key a2 = new AnswerCache.Key("a", DialogState.ofRegion("湖南省岳阳市"));
    assertEquals("a1", c.get(a, () -> "a" + computed.incrementAndGet()));
    assertEquals("a1", c.get(a, () -> "a" + computed.incrementAndGet()));
    assertEquals("a2", c.get(a2, () -> "a" + computed.incrementAndGet()), "another state is another key");
    for (int i = 0; i < 100; i++) {
      String q = "q" + i;
      c.get(new AnswerCache.Key(q, DialogState.empty()), () -> q);
      assertTrue(c.size() <= 8, "bounded: " + c.size());
    }
    c.clear();
    assertEquals(0, c.size());
    assertEquals("a3", c.get(a, () -> "a" + computed.incrementAndGet()));
  }

  @Test
  void forgettingMakesTheEngineComputeAgain() {
    Turn t = cached.answer("公示几天", DialogState.empty());
    assertSame(t, cached.answer("公示几天", DialogState.empty()));
    cached.forget();
    Turn again = cached.answer("公示几天", DialogState.empty());
    assertEquals(t, again);
    assertTrue(t != again, "computed again after forget()");
  }
}
