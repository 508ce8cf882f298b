package aidline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.answer.Intent;
import aidline.config.AppConfig;
import aidline.http.Json;
import aidline.knowledge.ChineseText;
import aidline.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "我家孩子的补助发了吗" through the bot, with a fake aid-status desk and the project's lexicon. */
class BotAidStatusTest {
  static final AidStatusQuestions QUESTIONS = AidStatusQuestions.load(Path.of("knowledge-base/lexicon.yaml"));

  @TempDir Path dir;
  Database db;
  FakeEngine engine = new FakeEngine();
  FakeTicketDesk desk = new FakeTicketDesk();
  FakeAidStatusDesk status = new FakeAidStatusDesk(3);
  Bot bot;

  @BeforeEach
  void open() {
    db = Database.open(new AppConfig.Storage(dir.resolve("bot.db").toString(), "FULL", 5000));
    bot = newBot(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  Bot newBot(Database d) {
    return new Bot(engine, desk, new ConversationStore(d, Json.mapper(), Clock.systemUTC()),
        new TicketFormFlow(BotTest.REGIONS), status, QUESTIONS);
  }

  Reply say(String user, String text) {
    return bot.handle(new InboundMessage("wechat", user, null, text));
  }

  @Test
  void statusQuestionsAreToldFromComplaintsAndPolicyQuestions() {
    for (String q : List.of("我家孩子的补助发了吗", "娃的生活费到账了吗", "资助什么时候发", "助学金到了没", "查一下我家孩子的补助",
        "孩子的补助发没发", "我家娃的補助發了嗎")) {
      assertTrue(QUESTIONS.matches(ChineseText.normalize(q)), q);
    }
    for (String q : List.of("补助没到账，我要反映", "岳阳初中寄宿生生活补助多少", "查一下补助标准", "查询工单", "补助发了吗？我要投诉")) {
      assertFalse(QUESTIONS.matches(ChineseText.normalize(q)), q);
    }
    // a complaint still opens a work order, without an identity check
    Reply complaint = say("c", "补助没到账，我要反映");
    assertEquals(Intent.TICKET_NEW, complaint.answer().intent());
    assertTrue(complaint.text().contains("工单"), complaint.text());
    assertTrue(status.calls.isEmpty());
  }

  @Test
  void idAndPhoneThatMatchGetTheDesksOneLineAndNothingIsEchoedOrKept() {
    Reply ask = say("p", "我家孩子的补助发了吗");
    assertEquals(Intent.TICKET_STATUS, ask.answer().intent());
    assertTrue(ask.text().contains("身份证号"), ask.text());
    Reply phone = say("p", "43062320150305001x");
    assertTrue(phone.text().contains("手机号"), phone.text());
    assertTrue(phone.text().contains("430623********001X"), phone.text());
    assertFalse(phone.text().contains(FakeAidStatusDesk.ID), phone.text());
    Reply line = say("p", "138 0000 0001");
    assertEquals(FakeAidStatusDesk.LINE, line.text());
    assertEquals(List.of("wechat:p|" + FakeAidStatusDesk.ID + "|138 0000 0001"), status.calls);
    assertNull(store().load("wechat", "p").statusForm(), "the ID is dropped once answered");
    // the bot is back to answering questions
    assertEquals(Intent.AMOUNT, say("p", "岳阳初中寄宿生生活补助多少").answer().intent());
  }

  @Test
  void malformedIdIsSaidClearlyAndAskedAgain() {
    say("m", "孩子的补助到账了吗");
    Reply bad = say("m", "4306231234");
    assertTrue(bad.text().contains("身份证号应为18位") && bad.text().contains("重新输入"), bad.text());
    assertFalse(bad.text().contains("4306231234"), bad.text());
    assertTrue(status.calls.isEmpty(), "nothing is checked against records for a malformed number");
    assertTrue(say("m", FakeAidStatusDesk.ID).text().contains("手机号"));
  }

  @Test
  void wrongPhoneGetsANeutralAnswerAndAWorkOrderOffer() {
    say("w", "我家孩子的补助发了吗");
    say("w", FakeAidStatusDesk.ID);
    Reply failed = say("w", "13900000000");
    assertEquals(StatusFormFlow.NOT_VERIFIED, failed.text());
    assertTrue(failed.answer().handoff());
    assertFalse(failed.text().contains("13900000000") || failed.text().contains(FakeAidStatusDesk.ID));
    assertFalse(failed.text().contains("手机号不对") || failed.text().contains("身份证号不对"));
    // accepting the offer starts the existing work-order form with the original question
    Reply form = say("w", "是");
    assertTrue(form.text().contains("姓名"), form.text());
    say("w", "张小明");
    say("w", "13812345678");
    say("w", "岳阳");
    say("w", "是");
    assertEquals("我家孩子的补助发了吗（学生：张小明）", desk.opened.get(0).description());
  }

  @Test
  void lockedOutAskerIsToldToTryLaterAndOfferedAWorkOrder() {
    for (int i = 0; i < 3; i++) {
      say("g", "我家孩子的补助发了吗");
      say("g", FakeAidStatusDesk.ID);
      assertEquals(StatusFormFlow.NOT_VERIFIED, say("g", "1390000000" + i).text());
      say("g", "否");
    }
    Reply locked = say("g", "我家孩子的补助发了吗");
    assertEquals(StatusFormFlow.LOCKED, locked.text());
    assertEquals(3, status.calls.size(), "a locked asker is not asked for the ID again");
    assertTrue(say("g", "人工").text().contains("工单"));
  }

  @Test
  void cancelEndsTheCheckAndRequestingAPersonOpensTheForm() {
    say("x", "我家孩子的补助发了吗");
    say("x", FakeAidStatusDesk.ID);
    Reply cancelled = say("x", "算了");
    assertTrue(cancelled.text().contains("已取消"), cancelled.text());
    assertNull(store().load("wechat", "x").statusForm());
    assertTrue(status.calls.isEmpty());
    say("x", "查一下我家孩子的补助");
    assertTrue(say("x", "取消").text().contains("已取消"));
    say("x", "我家孩子的补助发了吗");
    assertTrue(say("x", "转人工").text().contains("姓名"));
  }

  @Test
  void checkInProgressSurvivesARestart() {
    say("r", "我家孩子的补助发了吗");
    say("r", FakeAidStatusDesk.ID);
    db.close();
    db = Database.open(new AppConfig.Storage(dir.resolve("bot.db").toString(), "FULL", 5000));
    bot = newBot(db);
    assertEquals(FakeAidStatusDesk.LINE, say("r", FakeAidStatusDesk.PHONE).text());
  }

  @Test
  void withoutADeskTheQuestionGoesToTheEngine() {
    Bot plain = new Bot(engine, desk, store(), new TicketFormFlow(BotTest.REGIONS));
    Reply r = plain.handle(new InboundMessage("wechat", "n", null, "我家孩子的补助发了吗"));
    assertFalse(r.text().contains("身份证号"), r.text());
  }

  ConversationStore store() {
    return new ConversationStore(db, Json.mapper(), Clock.systemUTC());
  }
}
