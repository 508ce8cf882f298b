package aidline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The aid-status identity check as a pure flow: no desk, no store. */
class StatusFormFlowTest {
  static final String ID = "430621201001011234";
  final ChatReader reader = new ChatReader(AidStatusQuestions.none());
  final StatusFormFlow flow = new StatusFormFlow(id -> id.length() == 18 ? Optional.empty() : Optional.of("身份证号应为18位"));

  StatusFormFlow.Outcome next(StatusForm f, String text) {
    return flow.next(f, reader.read(text));
  }

  @Test
  void asksForTheIdThenThePhoneThenHandsBothToTheDesk() {
    StatusFormFlow.Outcome start = flow.start("孩子的补助发了吗");
    assertEquals(StatusForm.Step.NATIONAL_ID, start.form().step());
    StatusFormFlow.Outcome bad = next(start.form(), "12345");
    assertEquals(StatusFormFlow.Decision.CONTINUE, bad.decision());
    assertTrue(bad.prompt().startsWith("身份证号应为18位"), bad.prompt());
    assertEquals(start.form(), bad.form(), "a malformed ID keeps the form where it was");

    StatusFormFlow.Outcome id = next(start.form(), "430621 2010 0101 1234");
    assertEquals(ID, id.form().nationalId());
    assertTrue(id.prompt().contains("430621********1234"), id.prompt());

    assertEquals(StatusFormFlow.Decision.CONTINUE, next(id.form(), "139").decision());
    StatusFormFlow.Outcome check = next(id.form(), "13900001111");
    assertEquals(StatusFormFlow.Decision.CHECK, check.decision());
    assertEquals("13900001111", check.phone());
    assertEquals(ID, check.form().nationalId());
  }

  @Test
  void cancelDropsTheFormAndAskingForAPersonHandsOffTheQuestion() {
    StatusForm f = flow.start("补助到账了吗").form();
    StatusFormFlow.Outcome cancelled = next(f, "取消");
    assertEquals(StatusFormFlow.Decision.CANCELLED, cancelled.decision());
    assertNull(cancelled.form());
    StatusFormFlow.Outcome person = next(f, "转人工");
    assertEquals(StatusFormFlow.Decision.HANDOFF, person.decision());
    assertEquals("补助到账了吗", person.form().question());
  }

  @Test
  void theVerdictNeverSaysWhichPartFailed() {
    assertEquals("已发放", StatusFormFlow.verdict(new AidStatusDesk.StatusLine(true, false, "已发放")));
    assertEquals(StatusFormFlow.NOT_VERIFIED, StatusFormFlow.verdict(new AidStatusDesk.StatusLine(false, false, "手机号不对")));
    assertEquals(StatusFormFlow.LOCKED, StatusFormFlow.verdict(new AidStatusDesk.StatusLine(false, true, "x")));
  }
}
