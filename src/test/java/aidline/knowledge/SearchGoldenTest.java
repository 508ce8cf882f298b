package aidline.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Golden questions against the committed knowledge base. */
class SearchGoldenTest {
  static KnowledgeBase kb;

  @BeforeAll
  static void open() {
    kb = KnowledgeBase.open(Path.of("knowledge-base"));
  }

  @AfterAll
  static void close() {
    kb.close();
  }

  private static Region region(String name) {
    return kb.regions().resolve(name).orElseThrow();
  }

  @Test
  void boarderAidInYueyangFindsFiveTwoTwo() {
    List<SearchHit> hits = kb.search("寄宿生生活补助", region("岳阳"), 5);
    Passage top = hits.get(0).passage();
    assertEquals("yueyang-jyfp-2016", top.docId());
    assertEquals("五（二）2", top.citation());
    assertTrue(hits.get(0).snippet().contains("【寄宿生】"), hits.get(0).snippet());
  }

  @Test
  void traditionalScriptQuestionFindsTheSamePassage() {
    Passage top = kb.search("岳陽市寄宿生補助", null, 5).get(0).passage();
    assertEquals("yueyang-jyfp-2016", top.docId());
    assertEquals("五（二）2", top.citation());
  }

  @Test
  void parentsWordsReachPolicyWordsThroughTheSynonymFile() {
    // 技校 is not in any document; the synonyms file maps it to 中等职业教育
    Passage top = kb.search("俺家娃在岳阳上技校，能免学费不", null, 3).get(0).passage();
    assertEquals("五（二）4", top.citation());
    Passage boarder = kb.search("初中住校一年补多少", region("湖南省岳阳市"), 3).get(0).passage();
    assertEquals("五（二）2", boarder.citation());
  }

  @Test
  void regionDecidesWhichDocumentComesFirst() {
    assertEquals("anshan-jyfp", kb.search("初中寄宿生补助", region("岫岩"), 3).get(0).passage().docId());
    assertEquals("yueyang-jyfp-2016", kb.search("初中寄宿生补助", region("华容县"), 3).get(0).passage().docId());
    // a county in Hainan is covered by the province's plan
    assertEquals("hainan-jytp-2018", kb.search("营养膳食补助", region("琼中"), 3).get(0).passage().docId());
    // without a region, the one named in the question is used
    assertEquals("baicheng-jyfp", kb.search("白城普惠性幼儿园的贫困家庭孩子能领多少", null, 3).get(0).passage().docId());
  }

  @Test
  void regionlessProcedureQuestionsFindTheSchoolProcedure() {
    List<SearchHit> hits = kb.search("资助名单公示多长时间", null, 3);
    assertEquals("school-aid-procedure", hits.get(0).passage().docId());
    assertTrue(hits.stream().anyMatch(h -> h.passage().text().contains("为期一周的公示")));
  }

  @Test
  void queryTextWithLuceneSyntaxOrHugeLengthNeverThrows() {
    for (String q : List.of("*:*", "\"", "\\", "寄宿生\"补助", "title:岳阳 AND (", "a~2^3", "?", "", "   ", "!!!")) {
      assertTrue(kb.search(q, null, 5).size() <= 5, q);
    }
    // punctuation alone is no query at all; Lucene syntax around words still finds the words
    for (String q : List.of("\"", "\\", "?", "", "   ", "!!!")) {
      assertTrue(kb.search(q, null, 5).isEmpty(), q);
    }
    assertFalse(kb.search("寄宿生\"补助", null, 5).isEmpty());
    String longText = "寄宿生生活补助".repeat(3000) + "\\\"*:*";
    assertFalse(kb.search(longText, null, 5).isEmpty());
    assertTrue(kb.search("*:*", null, 5).isEmpty(), "*:* is text, not match-all");
  }

  @Test
  void everyHitIsPublishedAndCarriesItsCitation() {
    for (SearchHit h : kb.search("建档立卡 资助", null, 50)) {
      assertTrue(kb.document(h.passage().docId()).isPresent());
      assertFalse(h.passage().text().isBlank());
      assertTrue(h.score() > 0);
    }
  }
}
