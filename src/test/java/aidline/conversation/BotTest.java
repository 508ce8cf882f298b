package aidline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.answer.Intent;
import aidline.config.AppConfig;
import aidline.http.Json;
import aidline.knowledge.Regions;
import aidline.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot over a real SQLite file, with the fake engine and an in-memory work-order desk. */
class BotTest {
  @TempDir Path dir;
  Database db;
  FakeEngine engine = new FakeEngine();
  FakeTicketDesk desk = new FakeTicketDesk();
  Bot bot;

  static final Regions REGIONS = Regions.load(Path.of("knowledge-base/regions.yaml"));

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
    return new Bot(engine, desk, new ConversationStore(d, Json.mapper(), Clock.systemUTC()), new TicketFormFlow(REGIONS));
  }

  Reply say(String user, String text) {
    return bot.handle(new InboundMessage("wechat", user, null, text));
  }

  @Test
  void clarifyingQuestionAskedBeforeARestartIsAnsweredAfterIt() {
    Reply ask = say("u1", "初中寄宿生每年有多少生活补助？");
    assertEquals("请问孩子在哪个市县上学？", ask.answer().clarify());

    db.close();
    db = Database.open(new AppConfig.Storage(dir.resolve("bot.db").toString(), "FULL", 5000));
    bot = newBot(db);

    Reply after = say("u1", "岳阳");
    assertEquals(Intent.AMOUNT, after.answer().intent());
    assertEquals(0, after.answer().amounts().get(0).value().compareTo(new java.math.BigDecimal("1250")));
    assertTrue(after.plainText().contains("岳教体办通〔2016〕17号"), after.plainText());
    // another asker has their own state
    assertNotNull(say("u2", "初中寄宿生每年有多少生活补助？").answer().clarify());
  }

  @Test
  void workOrderFormIsFilledConfirmedAndOpened() {
    Reply r = say("p", "补助一直没到账");
    assertEquals(Intent.TICKET_NEW, r.answer().intent());
    assertTrue(r.text().contains("姓名"), r.text());
    say("p", "张小明");
    Reply bad = say("p", "12345");
    assertTrue(bad.text().contains("格式不对"), bad.text());
    Reply region = say("p", "13812345678");
    assertTrue(region.text().contains("哪个市县"), region.text());
    Reply confirm = say("p", "岳阳市华容县");
    assertTrue(confirm.text().contains("138****5678") && confirm.text().contains("华容县"), confirm.text());
    assertTrue(desk.opened.isEmpty(), "nothing is opened before the parent confirms");
    Reply done = say("p", "是");
    assertEquals(1, desk.opened.size());
    TicketDesk.ChatTicketRequest req = desk.opened.get(0);
    assertEquals("补助一直没到账（学生：张小明）", req.description());
    assertEquals("13812345678", req.phone());
    assertTrue(req.region().endsWith("华容县"), req.region());
    assertNull(req.category(), "the work-order desk guesses the category from the description (ticket.Categories)");
    assertNull(req.studentId());
    assertEquals("GD20260001", done.ticketNo());
    assertTrue(done.text().contains("GD20260001"), done.text());

    Reply status = say("p", "查询工单");
    assertTrue(status.text().contains("已受理") && status.text().contains("热线受理"), status.text());

    desk.resolve("GD20260001");
    Reply fb = say("p", "满意");
    assertEquals(java.util.List.of("GD20260001:true"), desk.feedback);
    assertTrue(fb.text().contains("感谢"), fb.text());

    // an order waiting for feedback is found even when the chat never saw its number
    desk.open(new TicketDesk.ChatTicketRequest("wechat", "q", "家长", "13900000000", "湖南省岳阳市", null, "政策咨询", "来电登记"));
    desk.resolve("GD20260002");
    Reply unhappy = say("q", "不满意");
    assertTrue(unhappy.text().contains("重新交办") && unhappy.text().contains("GD20260002"), unhappy.text());
    assertEquals("GD20260002:false", desk.feedback.get(1));
    // with nothing waiting, 满意 is just a message for the engine
    assertEquals(Intent.GREETING, say("nobody", "满意").answer().intent());
  }

  @Test
  void formInProgressSurvivesARestartAndCanBeCancelled() {
    Reply what = say("p", "我要找人工");
    assertTrue(what.text().contains("什么问题"), what.text());
    say("p", "去年秋季的助学金没收到");
    say("p", "跳过");
    db.close();
    db = Database.open(new AppConfig.Storage(dir.resolve("bot.db").toString(), "FULL", 5000));
    bot = newBot(db);
    Reply phone = say("p", "0730-1234567");
    assertTrue(phone.text().contains("哪个市县"), phone.text());
    Reply cancelled = say("p", "算了");
    assertTrue(cancelled.text().contains("已取消"), cancelled.text());
    assertTrue(desk.opened.isEmpty());
    // a bare request takes the description given afterwards; the desk guesses the category from it
    say("p", "人工");
    say("p", "去年秋季的助学金没收到");
    say("p", "跳过");
    say("p", "13812345678");
    say("p", "岳阳");
    say("p", "是");
    assertNull(desk.opened.get(0).category());
    assertEquals("去年秋季的助学金没收到", desk.opened.get(0).description());
    // the bot is back to answering questions
    assertEquals(Intent.AMOUNT, say("p", "岳阳初中寄宿生生活补助多少").answer().intent());
  }

  @Test
  void acceptedHandoffOfferStartsTheFormWithTheOriginalQuestion() {
    Reply offer = say("h", "孩子转学了补助怎么办");
    assertTrue(offer.answer().handoff());
    assertTrue(offer.text().contains("转人工"), offer.text());
    say("h", "是");
    say("h", "G430621201001011234");
    say("h", "13912345678");
    say("h", "岳阳");
    say("h", "确认");
    assertEquals(1, desk.opened.size());
    assertEquals("孩子转学了补助怎么办", desk.opened.get(0).description());
    assertEquals("G430621201001011234", desk.opened.get(0).studentId());
  }

  @Test
  void deskOutageKeepsTheFormAndSaysSo() {
    Bot down = new Bot(engine, new UnavailableTicketDesk(), new ConversationStore(db, Json.mapper(), Clock.systemUTC()), new TicketFormFlow(REGIONS));
    down.handle(new InboundMessage("web", "x", null, "投诉"));
    down.handle(new InboundMessage("web", "x", null, "学校多收了住宿费"));
    down.handle(new InboundMessage("web", "x", null, "跳过"));
    down.handle(new InboundMessage("web", "x", null, "13812345678"));
    down.handle(new InboundMessage("web", "x", null, "岳阳"));
    Reply r = down.handle(new InboundMessage("web", "x", null, "是"));
    assertTrue(r.text().contains("暂时无法登记"), r.text());
    assertNull(r.ticketNo());
    assertTrue(down.handle(new InboundMessage("web", "x", null, "取消")).text().contains("已取消"));
    Reply status = down.handle(new InboundMessage("web", "x", null, "查询工单"));
    assertTrue(status.text().contains("暂时无法查询"), status.text());
  }
}
