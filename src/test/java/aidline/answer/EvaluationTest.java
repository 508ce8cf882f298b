package aidline.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode q(String json) throws Exception {
    return JSON.readTree(json);
  }

  private static Amount amount(int v, String region) {
    return new Amount(BigDecimal.valueOf(v), "元/生·年", "x", region);
  }

  private static final Citation YUEYANG = new Citation("yy", "t", "n", "湖南省岳阳市", "五", "q");

  @Test
  void amountPassesWithExpectedAmountInTextAndCitationFromTheRegion() throws Exception {
    JsonNode q = q("{\"id\":\"a\",\"kind\":\"amount\",\"expect_amounts\":[1250],\"allowed_amounts\":[1000],\"expect_region\":\"岳阳\"}");
    Answer ok = new Answer("初中1250元，小学1000元", Intent.AMOUNT, List.of(amount(1250, "湖南省岳阳市"), amount(1000, "湖南省岳阳市")), List.of(YUEYANG), null, false);
    assertTrue(Evaluation.score(q, ok).pass());
    Answer noText = new Answer("初中补助见文件", Intent.AMOUNT, List.of(amount(1250, "湖南省岳阳市")), List.of(YUEYANG), null, false);
    assertFalse(Evaluation.score(q, noText).pass());
    Answer otherRegion = new Answer("1250元", Intent.AMOUNT, List.of(amount(1250, "x")), List.of(new Citation("h", "t", "", "海南省", "", "q")), null, false);
    assertFalse(Evaluation.score(q, otherRegion).pass());
  }

  @Test
  void anAmountOutsideExpectedAndAllowedIsAWrongAmount() throws Exception {
    JsonNode q = q("{\"id\":\"a\",\"kind\":\"amount\",\"expect_amounts\":[1250],\"allowed_amounts\":[]}");
    Answer a = new Answer("1250元，另2250元", Intent.AMOUNT, List.of(amount(1250, "r"), amount(2250, "r")), List.of(YUEYANG), null, false);
    Evaluation.Result r = Evaluation.score(q, a);
    assertFalse(r.pass());
    assertTrue(r.wrongAmount());
  }

  @Test
  void clarifyPassesWithAQuestionOrAListingForTwoRegions() throws Exception {
    JsonNode q = q("{\"id\":\"c\",\"kind\":\"clarify\"}");
    assertTrue(Evaluation.score(q, new Answer("哪里？", Intent.AMOUNT, List.of(), List.of(), "哪里？", false)).pass());
    assertTrue(Evaluation.score(q, new Answer("…", Intent.AMOUNT, List.of(amount(1, "甲"), amount(2, "乙")), List.of(), null, false)).pass());
    assertFalse(Evaluation.score(q, new Answer("…", Intent.AMOUNT, List.of(amount(1, "甲")), List.of(), null, false)).pass());
  }

  @Test
  void offTopicMustNotCiteAndTicketsAreJudgedByIntent() throws Exception {
    JsonNode off = q("{\"id\":\"o\",\"kind\":\"offtopic\"}");
    assertTrue(Evaluation.score(off, Answer.text("帮不上", Intent.OFFTOPIC)).pass());
    assertFalse(Evaluation.score(off, new Answer("…", Intent.OFFTOPIC, List.of(), List.of(YUEYANG), null, false)).pass());
    assertTrue(Evaluation.score(q("{\"id\":\"t\",\"kind\":\"ticket\"}"), Answer.text("好", Intent.TICKET_NEW)).pass());
    assertFalse(Evaluation.score(q("{\"id\":\"t\",\"kind\":\"ticket_status\"}"), Answer.text("好", Intent.TICKET_NEW)).pass());
  }

  @Test
  void procedureNeedsAnyAndAllPhrases() throws Exception {
    JsonNode q = q("{\"id\":\"p\",\"kind\":\"eligibility\",\"expect_all\":[\"免学费\",\"免住宿费\"],\"expect_region\":\"岳阳\"}");
    assertTrue(Evaluation.score(q, new Answer("免学费、免住宿费", Intent.ELIGIBILITY, List.of(), List.of(YUEYANG), null, false)).pass());
    assertFalse(Evaluation.score(q, new Answer("免学费", Intent.ELIGIBILITY, List.of(), List.of(YUEYANG), null, false)).pass());
  }

  @Test
  void percentilesOfLatency() {
    Evaluation.Report r = new Evaluation.Report(List.of(), new long[] {1_000_000, 2_000_000, 3_000_000, 100_000_000});
    assertEquals(2.0, r.percentileMillis(0.5), 1e-9);
    assertEquals(100.0, r.percentileMillis(0.99), 1e-9);
  }

  @Test
  void expectDocJudgesTheFirstCitationAndReportsAnyCitation() throws Exception {
    JsonNode q = q("{\"id\":\"d\",\"kind\":\"fact\",\"expect_doc\":\"yy\",\"allowed_docs\":[\"faq\"]}");
    Citation faq = new Citation("faq", "t", "", "全国", "", "q");
    Citation other = new Citation("other", "t", "", "全国", "", "q");
    Evaluation.Result first = Evaluation.score(q, new Answer("…", Intent.POLICY, List.of(), List.of(YUEYANG, other), null, false));
    assertTrue(first.pass());
    assertEquals(Boolean.TRUE, first.docFirst());
    assertTrue(Evaluation.score(q, new Answer("…", Intent.POLICY, List.of(), List.of(faq), null, false)).pass());
    Evaluation.Result second = Evaluation.score(q, new Answer("…", Intent.POLICY, List.of(), List.of(other, YUEYANG), null, false));
    assertFalse(second.pass());
    assertEquals(Boolean.FALSE, second.docFirst());
    assertEquals(Boolean.TRUE, second.docAny());
    assertEquals(Boolean.FALSE, Evaluation.score(q, Answer.text("没有找到", Intent.POLICY)).docAny());
    assertEquals(null, Evaluation.score(q("{\"id\":\"x\",\"kind\":\"fact\"}"), Answer.text("…", Intent.POLICY)).docFirst());
  }
}
