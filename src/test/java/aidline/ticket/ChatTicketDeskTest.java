package aidline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.conversation.TicketDesk.ChatTicket;
import aidline.conversation.TicketDesk.ChatTicketRequest;
import aidline.conversation.TicketDesk;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import aidline.ticket.Command.Action;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The chat side of a work order, through the {@link TicketDesk} port the bot uses: report → form →
 * order number → status query → resolved (parent notified, asked 满意/不满意) → 不满意 → reopened.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class ChatTicketDeskTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;
  TestDesk desk;
  TicketDesk chat;

  @BeforeEach
  void open() {
    desk = new TestDesk(dbs.open(engine));
    chat = new ChatTicketDesk(desk.service);
  }

  @AfterEach
  void close() {
    desk.close();
  }

  static ChatTicketRequest report(String user, String category, String description) {
    return new ChatTicketRequest("wechat", user, null, "138 1234 5678", "华容", TicketFixtures.STUDENT, category, description);
  }

  @Test
  void reportStatusResolvedDissatisfiedReopened() {
    // the bot has filled the form: what happened, the student's ID, a call-back number
    ChatTicket opened = chat.open(report("openid-1", null, "孩子的寄宿生补助到现在还没到账"));
    assertTrue(opened.ticketNo().matches("JY20261123-\\d{4}"), opened.ticketNo());
    assertEquals("资助未到账", opened.category(), "guessed from the words");
    assertEquals("received", opened.status());
    assertEquals("已受理", opened.statusLabel());
    assertEquals("2026-11-30 10:00", opened.dueAt());
    assertFalse(opened.duplicate());
    assertTrue(opened.lastStep().contains("受理"), opened.lastStep());
    assertFalse(opened.lastStep().contains("受理：受理"), "the step is named once: " + opened.lastStep());

    // "查询工单" with the number, and without it
    assertEquals("received", chat.findMine(opened.ticketNo(), "wechat", "openid-1").orElseThrow().status());
    // anyone else, with the right number, is told nothing (issue 15, H1)
    assertTrue(chat.findMine(opened.ticketNo(), "wechat", "openid-2").isEmpty());
    assertTrue(chat.findMine(opened.ticketNo(), "telegram", "openid-1").isEmpty());
    assertEquals(List.of(opened.ticketNo()), chat.recentForUser("wechat", "openid-1").stream().map(ChatTicket::ticketNo).toList());
    assertTrue(chat.recentForUser("telegram", "openid-1").isEmpty());
    assertTrue(chat.findMine("JY20990101-0001", "wechat", "openid-1").isEmpty());

    // operators work it; the parent hears about the dispatch and the resolution
    String no = opened.ticketNo();
    desk.service.act(no, Command.of(Action.DISPATCH, "op"));
    desk.service.act(no, Command.of(Action.ACCEPT, "李四"));
    desk.service.act(no, Command.of(Action.START, "李四"));
    ChatTicket midway = chat.findMine(no, "wechat", "openid-1").orElseThrow();
    assertEquals("办理中", midway.statusLabel());
    assertTrue(midway.lastStep().contains("开始办理"), midway.lastStep());
    // the operator's note is internal (it names a bank card and another phone); the reply is for the parent
    desk.service.replyToParent(no, "经核实，补助已于11月20日发放到一卡通", "李四");
    desk.service.act(no, Command.of(Action.RESOLVE, "李四").withNote("财政所王会计 13900001111 核实，卡号尾号 6217 0000 1234 5678"));
    String resolvedNotice = desk.notices.get(desk.notices.size() - 1);
    assertTrue(resolvedNotice.startsWith("wechat|openid-1|"), resolvedNotice);
    assertTrue(resolvedNotice.contains(no) && resolvedNotice.contains("一卡通"), resolvedNotice);
    assertFalse(resolvedNotice.contains("13900001111") || resolvedNotice.contains("王会计"), resolvedNotice);
    assertTrue(resolvedNotice.contains("满意") && resolvedNotice.contains("不满意"), resolvedNotice);
    ChatTicket resolved = chat.findMine(no, "wechat", "openid-1").orElseThrow();
    assertTrue(resolved.awaitingFeedback());
    assertTrue(resolved.lastStep().contains("一卡通") && !resolved.lastStep().contains("13900001111"), resolved.lastStep());

    // someone else cannot answer the 回访
    assertThrows(TicketNotFoundException.class, () -> chat.feedback(no, "wechat", "openid-2", true, null));

    // 不满意 → reopened, back in progress, the parent told so
    ChatTicket reopened = chat.feedback(no, "wechat", "openid-1", false, "一卡通里没有这笔钱");
    assertEquals("in_progress", reopened.status());
    assertFalse(reopened.awaitingFeedback());
    assertTrue(reopened.lastStep().contains("不满意"), reopened.lastStep());
    TicketDetail d = desk.service.get(no);
    assertEquals(1, d.ticket().reopenCount());
    assertEquals("家长(wechat:openid-1)", d.events().get(d.events().size() - 1).actor());
    assertTrue(desk.notices.get(desk.notices.size() - 1).contains("重新办理"));

    // answering again while not resolved is refused
    assertThrows(IllegalTransitionException.class, () -> chat.feedback(no, "wechat", "openid-1", true, null));

    // second resolution, 满意 → closed
    desk.service.act(no, Command.of(Action.RESOLVE, "李四").withNote("已补发"));
    assertEquals("closed", chat.feedback(no, "wechat", "openid-1", true, null).status());
  }

  @Test
  void reportingTheSameProblemAgainReturnsTheOpenOrder() {
    ChatTicket first = chat.open(report("openid-1", "资助未到账", "补助没到账"));
    ChatTicket second = chat.open(report("openid-1", "aid_not_received", "怎么还没到账"));
    assertTrue(second.duplicate());
    assertEquals(first.ticketNo(), second.ticketNo());
    assertTrue(second.lastStep().contains("怎么还没到账"), second.lastStep());
  }

  @Test
  void badPhoneFromChatIsAChineseError() {
    InvalidTicketException e = assertThrows(
        InvalidTicketException.class,
        () -> chat.open(new ChatTicketRequest("wechat", "u", null, "12345", null, null, null, "要求人工")));
    assertTrue(e.getMessage().contains("电话"), e.getMessage());
    ChatTicket ok = chat.open(new ChatTicketRequest("telegram", "u", "", "13912345678", "", null, "", "要求人工"));
    assertEquals("其他", ok.category());
  }

  @Test
  void aParentLinksAHotlineOrderByItsPhoneAndGuessesAreLockedOutAndAudited() {
    List<String> audited = new java.util.ArrayList<>();
    TicketDesk linking = new ChatTicketDesk(desk.service, new ChatClaimLimits(desk.db, desk.clock),
        (actor, action, target, detail, ip) -> audited.add(action + " " + target + " " + ip));
    String no = desk.service.open(TestDesk.hotline("13812345678", "孩子的补助没到账"), "op").ticket().ticketNo();
    ChatTicket chatOrder = chat.open(report("openid-9", null, "学校乱收费"));

    // a wrong phone, someone else's chat order, a number that does not exist: one and the same failure
    assertEquals(TicketDesk.Claim.Outcome.NOT_VERIFIED, linking.claim(no, "web", "b1", "10.0.0.9", "13900000000").outcome());
    assertEquals(TicketDesk.Claim.Outcome.NOT_VERIFIED,
        linking.claim(chatOrder.ticketNo(), "web", "b1", "10.0.0.9", "13812345678").outcome());
    assertEquals(TicketDesk.Claim.Outcome.NOT_VERIFIED, linking.claim("JY20990101-0001", "web", "b1", "10.0.0.9", "13812345678").outcome());
    assertTrue(linking.findMine(no, "web", "b1").isEmpty());

    TicketDesk.Claim ok = linking.claim(no, "web", "b2", "10.0.0.9", "138 1234 5678");
    assertEquals(TicketDesk.Claim.Outcome.LINKED, ok.outcome());
    assertTrue(ok.ticket().lastStep().contains("关联聊天"), ok.ticket().lastStep());
    assertEquals(no, linking.findMine(no, "web", "b2").orElseThrow().ticketNo());
    assertEquals(List.of(no), linking.recentForUser("web", "b2").stream().map(ChatTicket::ticketNo).toList());
    // once linked, nobody else can take it over, even with the right phone
    assertEquals(TicketDesk.Claim.Outcome.NOT_VERIFIED, linking.claim(no, "web", "b3", "10.0.0.8", "13812345678").outcome());

    for (int i = 0; i < 2; i++) {
      linking.claim(no, "web", "b1", "10.0.0.9", "13900000000");
    }
    assertEquals(TicketDesk.Claim.Outcome.LOCKED, linking.claim(no, "web", "b1", "10.0.0.9", "13812345678").outcome(),
        "five failures an hour per chat user");
    desk.clock.advance(java.time.Duration.ofMinutes(61));
    assertEquals(TicketDesk.Claim.Outcome.NOT_VERIFIED, linking.claim(no, "web", "b1", "10.0.0.9", "13900000000").outcome());
    assertTrue(audited.contains("ticket.chat_claim_linked " + no + " 10.0.0.9"), audited.toString());
    assertTrue(audited.stream().filter(a -> a.startsWith("ticket.chat_claim_failed")).count() >= 5, audited.toString());
    assertTrue(audited.stream().anyMatch(a -> a.startsWith("ticket.chat_claim_locked")), audited.toString());
  }
}
