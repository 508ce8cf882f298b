package aidline.ticket;

import static aidline.ticket.TicketFixtures.NOW;
import static aidline.ticket.TicketFixtures.ticket;
import static aidline.ticket.TicketStatus.ACCEPTED;
import static aidline.ticket.TicketStatus.CANCELLED;
import static aidline.ticket.TicketStatus.CLOSED;
import static aidline.ticket.TicketStatus.DISPATCHED;
import static aidline.ticket.TicketStatus.IN_PROGRESS;
import static aidline.ticket.TicketStatus.RECEIVED;
import static aidline.ticket.TicketStatus.RESOLVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.ticket.Command.Action;
import aidline.ticket.Lifecycle.Transition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LifecycleTest {
  private final Lifecycle lifecycle = new Lifecycle(TicketFixtures.CATEGORIES, TicketFixtures.CALENDAR);
  private static final Set<TicketStatus> WORKING = EnumSet.of(RECEIVED, DISPATCHED, ACCEPTED, IN_PROGRESS);

  /** The whole legality table: which status each action may start from. */
  static final Map<Action, Set<TicketStatus>> LEGAL = legal();

  static Map<Action, Set<TicketStatus>> legal() {
    Map<Action, Set<TicketStatus>> m = new java.util.EnumMap<>(Action.class);
    m.putAll(Map.of(
      Action.DISPATCH, EnumSet.of(RECEIVED),
      Action.ACCEPT, EnumSet.of(DISPATCHED),
      Action.RETURN, EnumSet.of(DISPATCHED, ACCEPTED),
      Action.START, EnumSet.of(ACCEPTED),
      Action.RESOLVE, EnumSet.of(IN_PROGRESS),
      Action.CALLBACK, EnumSet.of(RESOLVED),
      Action.CHASE, WORKING,
      Action.CANCEL, WORKING,
      Action.MERGE, WORKING,
      Action.CALL, EnumSet.of(RECEIVED, DISPATCHED, ACCEPTED, IN_PROGRESS, RESOLVED)));
    m.put(Action.NOTE, EnumSet.allOf(TicketStatus.class));
    return m;
  }

  static Stream<Arguments> everyActionInEveryStatus() {
    List<Arguments> out = new ArrayList<>();
    for (Action a : Action.values()) {
      for (TicketStatus s : TicketStatus.values()) {
        out.add(Arguments.of(a, s, LEGAL.get(a).contains(s)));
      }
    }
    return out.stream();
  }

  /** A command with every field an action may need, so only the status decides legality. */
  static Command full(Action a) {
    return new Command(a, "operator1", null, "县教育局", "王五", true, "JY20261123-0099", "说明");
  }

  @ParameterizedTest(name = "{0} from {1}: legal={2}")
  @MethodSource("everyActionInEveryStatus")
  void everyActionIsLegalExactlyWhereTheTableSays(Action action, TicketStatus from, boolean legal) {
    Ticket before = ticket(from);
    if (legal) {
      Transition tr = lifecycle.next(before, full(action), NOW);
      assertEquals(before.version() + 1, tr.ticket().version());
      assertEquals(NOW, tr.ticket().updatedAt());
      assertEquals(action.wire(), tr.event().action());
      assertEquals(from, tr.event().fromStatus());
      assertEquals(tr.ticket().status(), tr.event().toStatus());
      assertEquals("operator1", tr.event().actor());
      assertEquals(NOW, tr.event().at());
    } else {
      IllegalTransitionException e =
          assertThrows(IllegalTransitionException.class, () -> lifecycle.next(before, full(action), NOW));
      assertTrue(e.getMessage().contains("「" + from.label() + "」"), e.getMessage());
      assertTrue(e.getMessage().contains(action.label()), e.getMessage());
      assertEquals(ticket(from), before, "input untouched");
    }
  }

  @Test
  void allowedActionsForTheConsoleAgreeWithTheLegalTable() {
    for (TicketStatus s : TicketStatus.values()) {
      Set<String> expected = new java.util.TreeSet<>();
      LEGAL.forEach((a, from) -> {
        if (a != Action.CALL && a != Action.NOTE && from.contains(s)) { // notes have their own form
          expected.add(a.wire());
        }
      });
      assertEquals(expected, new java.util.TreeSet<>(Lifecycle.allowedActions(s)), s.wire());
    }
  }

  @Test
  void dispatchUsesTheCategoryDepartmentUnlessOneIsGiven() {
    Transition byDefault = lifecycle.next(ticket(RECEIVED), Command.of(Action.DISPATCH, "op"), NOW);
    assertEquals(DISPATCHED, byDefault.ticket().status());
    assertEquals("县级学生资助管理中心", byDefault.ticket().department());
    assertEquals("派单至县级学生资助管理中心", byDefault.event().note());
    Transition chosen = lifecycle.next(ticket(RECEIVED), full(Action.DISPATCH), NOW);
    assertEquals("县教育局", chosen.ticket().department());
    assertEquals("王五", chosen.ticket().assignee());
  }

  @Test
  void acceptKeepsTheAssigneeChosenAtDispatch() {
    Ticket dispatched = lifecycle.next(ticket(RECEIVED), full(Action.DISPATCH), NOW).ticket();
    Transition tr = lifecycle.next(dispatched, Command.of(Action.ACCEPT, "李四"), NOW);
    assertEquals("王五", tr.ticket().assignee(), "签收 by someone else does not replace the dispatched assignee");
    Transition named = lifecycle.next(dispatched, new Command(Action.ACCEPT, "李四", null, null, "赵六", null, null, null), NOW);
    assertEquals("赵六", named.ticket().assignee(), "an assignee named at 签收 wins");
  }

  @Test
  void aNoteChangesNothingButIsRecordedAndIsNeverAButton() {
    Ticket before = ticket(IN_PROGRESS);
    Transition tr = lifecycle.next(before, Command.of(Action.NOTE, "op").withNote("已电话联系学校"), NOW);
    assertEquals(IN_PROGRESS, tr.ticket().status());
    assertEquals("已电话联系学校", tr.event().note());
    assertThrows(InvalidTicketException.class, () -> lifecycle.next(before, Command.of(Action.NOTE, "op"), NOW));
    assertTrue(!Lifecycle.allowedActions(IN_PROGRESS).contains("note"));
  }

  @Test
  void acceptSetsTheAssigneeToTheActorWhenNoneGiven() {
    Transition tr = lifecycle.next(ticket(DISPATCHED), Command.of(Action.ACCEPT, "李四"), NOW);
    assertEquals(ACCEPTED, tr.ticket().status());
    assertEquals("李四", tr.ticket().assignee());
  }

  @Test
  void returnNeedsAReasonAndGoesBackToThePool() {
    InvalidTicketException noReason =
        assertThrows(InvalidTicketException.class, () -> lifecycle.next(ticket(ACCEPTED), Command.of(Action.RETURN, "op"), NOW));
    assertTrue(noReason.getMessage().contains("原因"));
    Transition tr = lifecycle.next(ticket(ACCEPTED), Command.of(Action.RETURN, "op").withNote("不属于本部门职责"), NOW);
    assertEquals(RECEIVED, tr.ticket().status());
    assertNull(tr.ticket().department());
    assertNull(tr.ticket().assignee());
    assertEquals("县级学生资助管理中心 退单：不属于本部门职责", tr.event().note());
  }

  @Test
  void startThenResolveNeedsTheResolutionText() {
    assertEquals(IN_PROGRESS, lifecycle.next(ticket(ACCEPTED), Command.of(Action.START, "op"), NOW).ticket().status());
    assertThrows(InvalidTicketException.class, () -> lifecycle.next(ticket(IN_PROGRESS), Command.of(Action.RESOLVE, "op").withNote("  "), NOW));
    Transition tr = lifecycle.next(ticket(IN_PROGRESS), Command.of(Action.RESOLVE, "op").withNote("已补发 1250 元"), NOW);
    assertEquals(RESOLVED, tr.ticket().status());
    assertEquals("已补发 1250 元", tr.ticket().resolution());
  }

  @Test
  void satisfiedCallbackCloses() {
    Transition tr = lifecycle.next(ticket(RESOLVED), new Command(Action.CALLBACK, "家长", null, null, null, true, null, null), NOW);
    assertEquals(CLOSED, tr.ticket().status());
    assertEquals("satisfied", tr.ticket().satisfaction());
    assertEquals(0, tr.ticket().reopenCount());
  }

  @Test
  void dissatisfiedCallbackReopensWithAFreshDeadline() {
    Ticket resolved = ticket(RESOLVED);
    Transition tr = lifecycle.next(resolved, new Command(Action.CALLBACK, "家长", null, null, null, false, null, "钱还是没收到"), NOW);
    assertEquals(IN_PROGRESS, tr.ticket().status());
    assertEquals("dissatisfied", tr.ticket().satisfaction());
    assertEquals(1, tr.ticket().reopenCount());
    assertEquals("县级学生资助管理中心", tr.ticket().department(), "same department redoes it");
    // aid_not_received: 5 working days from Monday 11-23 10:00 -> Monday 11-30 10:00
    assertEquals(ZonedDateTime.parse("2026-11-30T10:00:00+08:00[Asia/Shanghai]").toInstant(), tr.ticket().dueAt());
    assertTrue(tr.event().note().startsWith("不满意"), tr.event().note());
    Transition again = lifecycle.next(
        lifecycle.next(tr.ticket(), Command.of(Action.RESOLVE, "op").withNote("再次核实"), NOW).ticket(),
        new Command(Action.CALLBACK, "家长", null, null, null, false, null, null), NOW);
    assertEquals(2, again.ticket().reopenCount());
  }

  @Test
  void callbackWithoutAnAnswerIsRefused() {
    assertThrows(InvalidTicketException.class, () -> lifecycle.next(ticket(RESOLVED), Command.of(Action.CALLBACK, "op"), NOW));
  }

  @Test
  void chaseCountsAndNotesOverdue() {
    Ticket late = ticket(DISPATCHED);
    Instant afterDue = late.dueAt().plus(Duration.ofHours(1));
    Transition tr = lifecycle.next(late, Command.of(Action.CHASE, "督办员"), afterDue);
    assertEquals(DISPATCHED, tr.ticket().status());
    assertEquals(1, tr.ticket().chaseCount());
    assertEquals("第 1 次催办（已超期）", tr.event().note());
    assertTrue(late.overdueAt(afterDue));
    assertFalse(late.overdueAt(NOW));
  }

  @Test
  void cancelNeedsAReason() {
    assertThrows(InvalidTicketException.class, () -> lifecycle.next(ticket(RECEIVED), Command.of(Action.CANCEL, "op"), NOW));
    Transition tr = lifecycle.next(ticket(RECEIVED), Command.of(Action.CANCEL, "op").withNote("来电人撤回"), NOW);
    assertEquals(CANCELLED, tr.ticket().status());
    assertEquals("来电人撤回", tr.event().note());
  }

  @Test
  void mergePointsToTheSurvivorAndRefusesItself() {
    Transition tr = lifecycle.next(ticket(IN_PROGRESS), full(Action.MERGE), NOW);
    assertEquals(CANCELLED, tr.ticket().status());
    assertEquals("JY20261123-0099", tr.ticket().mergedInto());
    Command self = new Command(Action.MERGE, "op", null, null, null, null, "JY20261123-0001", null);
    assertThrows(IllegalTransitionException.class, () -> lifecycle.next(ticket(IN_PROGRESS), self, NOW));
    assertThrows(InvalidTicketException.class, () -> lifecycle.next(ticket(IN_PROGRESS), Command.of(Action.MERGE, "op"), NOW));
  }

  @Test
  void repeatedCallKeepsStatusAndRecordsTheCall() {
    Transition tr = lifecycle.next(ticket(RESOLVED), Command.of(Action.CALL, "op").withNote("又打来问进度"), NOW);
    assertEquals(RESOLVED, tr.ticket().status());
    assertEquals("又打来问进度", tr.event().note());
  }

  @Test
  void staleVersionIsRefusedBeforeAnythingElse() {
    Ticket t = ticket(RECEIVED);
    StaleVersionException e = assertThrows(
        StaleVersionException.class, () -> lifecycle.next(t, Command.of(Action.DISPATCH, "op").withVersion(2L), NOW));
    assertTrue(e.getMessage().contains("已被他人修改"), e.getMessage());
    assertEquals(DISPATCHED, lifecycle.next(t, Command.of(Action.DISPATCH, "op").withVersion(3L), NOW).ticket().status());
  }

  @Test
  void overdueStopsOnceResolved() {
    Instant late = ticket(RESOLVED).dueAt().plusSeconds(60);
    assertFalse(ticket(RESOLVED).overdueAt(late));
    assertFalse(ticket(CLOSED).overdueAt(late));
    assertTrue(ticket(IN_PROGRESS).overdueAt(late));
  }

  @Test
  void fullHappyPathFromReceivedToClosed() {
    Ticket t = ticket(RECEIVED);
    t = lifecycle.next(t, Command.of(Action.DISPATCH, "op"), NOW).ticket();
    t = lifecycle.next(t, Command.of(Action.ACCEPT, "李四"), NOW).ticket();
    t = lifecycle.next(t, Command.of(Action.START, "李四"), NOW).ticket();
    t = lifecycle.next(t, Command.of(Action.RESOLVE, "李四").withNote("已补发"), NOW).ticket();
    t = lifecycle.next(t, new Command(Action.CALLBACK, "op", null, null, null, true, null, null), NOW).ticket();
    assertEquals(CLOSED, t.status());
    assertEquals(8, t.version());
  }
}
