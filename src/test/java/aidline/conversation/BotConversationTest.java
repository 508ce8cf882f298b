package aidline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.answer.Intent;
import aidline.config.AppConfig;
import aidline.http.Json;
import aidline.storage.Database;
import aidline.testing.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16: digressions inside forms, corrections at the confirm step, stale regions, "my orders". */
class BotConversationTest {
  static final String RESUME = "刚才的登记还没完成，请继续告诉我";

  @TempDir Path dir;
  Database db;
  FakeEngine engine = new FakeEngine();
  FakeTicketDesk desk = new FakeTicketDesk();
  FakeAidStatusDesk status = new FakeAidStatusDesk(3);
  Bot bot;

  @BeforeEach
  void open() {
    db = Database.open(new AppConfig.Storage(dir.resolve("bot.db").toString(), "FULL", 5000));
    bot = new Bot(engine, desk, new ConversationStore(db, Json.mapper(), Clock.systemUTC()),
        new TicketFormFlow(BotTest.REGIONS), status, BotAidStatusTest.QUESTIONS);
  }

  @AfterEach
  void close() {
    db.close();
  }

  Reply say(String user, String text) {
    return bot.handle(new InboundMessage("web", user, null, text));
  }

  @Test
  void aQuestionInsideTheFormIsAnsweredAndTheFormResumes() {
    say("p", "补助一直没到账");
    Reply weather = say("p", "今天天气怎么样");
    assertTrue(weather.text().contains(RESUME) && weather.text().contains("姓名"), weather.text());
    assertTrue(weather.text().endsWith("（回复“取消”放弃）"), weather.text());
    say("p", "张小明");
    Reply policy = say("p", "岳阳初中寄宿生生活补助是多少？");
    // answered with its figure and source, not taken for a phone number
    assertEquals(Intent.AMOUNT, policy.answer().intent());
    assertTrue(policy.text().contains("1250") && policy.text().contains(RESUME) && policy.text().contains("电话"), policy.text());
    assertFalse(policy.text().contains("格式不对"), policy.text());
    assertEquals(1, policy.answer().citations().size());
    Reply phone = say("p", "13812345678");
    // a region the aside talked about is not taken into the order: the form asks for it
    assertTrue(phone.text().contains("哪个市县"), phone.text());
    say("p", "华容县");
    Reply done = say("p", "是");
    assertEquals(1, desk.opened.size());
    assertEquals("GD20260001", done.ticketNo());
    assertEquals("湖南省岳阳市华容县", desk.opened.get(0).region());
    assertTrue(desk.opened.get(0).description().contains("张小明"), desk.opened.get(0).description());
    assertEquals("13812345678", desk.opened.get(0).phone());
  }

  @Test
  void anotherIntentInsideTheFormIsRoutedThenTheFormResumes() {
    say("p", "投诉学校克扣补助");
    Reply progress = say("p", "之前报的事有进展没");
    assertEquals(Intent.TICKET_STATUS, progress.answer().intent());
    assertTrue(progress.text().contains("没有查到您提交过的工单") && progress.text().contains(RESUME), progress.text());
    Reply aid = say("p", "我家孩子的补助发了吗");
    assertTrue(aid.text().contains("身份证号"), aid.text());
    Reply cancelCheck = say("p", "取消");
    assertTrue(cancelCheck.text().contains(RESUME), "the work-order form resumes after the check: " + cancelCheck.text());
    say("p", "张小明");
    say("p", "13812345678");
    Reply confirm = say("p", "岳阳市华容县");
    assertTrue(confirm.text().contains("请确认工单内容"), confirm.text());
  }

  @Test
  void aQuestionInsideTheAidStatusCheckIsAnsweredAndTheCheckResumes() {
    say("p", "我家孩子的补助发了吗");
    Reply q = say("p", "海南的热线电话是多少");
    assertTrue(q.text().contains(RESUME) && q.text().contains("身份证号"), q.text());
    Reply cancel = say("p", "取消");
    assertTrue(cancel.text().contains("已取消查询"), cancel.text());
  }

  @Test
  void atTheConfirmStepAPlaceAPhoneOrANameCorrectsThatFieldAndAsksAgain() {
    say("p", "补助一直没到账");
    say("p", "张小明");
    say("p", "13812345678");
    Reply confirm = say("p", "岳阳市华容县");
    assertTrue(confirm.text().contains("湖南省岳阳市华容县"), confirm.text());
    Reply place = say("p", "岳阳市临湘市");
    assertTrue(place.text().contains("已修改") && place.text().contains("湖南省岳阳市临湘市"), place.text());
    Reply region = say("p", "地区改成华容县");
    assertTrue(region.text().contains("湖南省岳阳市华容县"), region.text());
    Reply phone = say("p", "电话是13912345678");
    assertTrue(phone.text().contains("139****5678"), phone.text());
    Reply name = say("p", "孩子叫李小红");
    assertTrue(name.text().contains("学生：李小红"), name.text());
    assertTrue(desk.opened.isEmpty(), "nothing is submitted by a correction");
    say("p", "是");
    TicketDesk.ChatTicketRequest r = desk.opened.get(0);
    assertEquals("湖南省岳阳市华容县", r.region());
    assertEquals("13912345678", r.phone());
    assertTrue(r.description().contains("李小红"), r.description());
  }

  @Test
  void aRegionFromAnEarlierQuestionIsConfirmedNotCommittedSilently() {
    say("p", "岳阳初中寄宿生生活补助多少");
    say("p", "补助一直没到账");
    say("p", "跳过");
    Reply offered = say("p", "13812345678");
    assertTrue(offered.text().contains("您之前问的是湖南省岳阳市"), offered.text());
    assertFalse(offered.text().contains("请确认工单内容"), offered.text());
    Reply other = say("p", "岳阳市临湘市");
    assertTrue(other.text().contains("地区：湖南省岳阳市临湘市"), other.text());
    say("p", "是");
    assertEquals("湖南省岳阳市临湘市", desk.opened.get(0).region());
  }

  @Test
  void aPlaceNamedInTheReportWinsOverTheCarriedOne() {
    say("p", "岳阳初中寄宿生生活补助多少");
    say("p", "临湘市的学校说补助没到账");
    say("p", "跳过");
    Reply confirm = say("p", "13812345678");
    assertTrue(confirm.text().contains("地区：湖南省岳阳市临湘市"), confirm.text());
  }

  @Test
  void progressQuestionsListTheAskersOwnOpenOrdersWithOrWithoutANumber() {
    TicketDesk.ChatTicket a = desk.open(new TicketDesk.ChatTicketRequest("web", "p", "家长", "13812345678", "湖南省岳阳市", null, null, "补助没到账"));
    TicketDesk.ChatTicket b = desk.open(new TicketDesk.ChatTicketRequest("web", "p", "家长", "13812345678", "湖南省岳阳市", null, null, "学校乱收费"));
    desk.open(new TicketDesk.ChatTicketRequest("web", "other", "家长", "13912345678", "湖南省岳阳市", null, null, "别人的事"));
    for (String q : List.of("之前报的事有进展没", "咋样了", "上回反映的那个问题怎么样了", "办好了吗", "我投诉的事情有结果了没有")) {
      Reply r = say("p", q);
      assertEquals(Intent.TICKET_STATUS, r.answer().intent(), q);
      assertTrue(r.text().contains(a.ticketNo()) && r.text().contains(b.ticketNo()), q + " → " + r.text());
      assertFalse(r.text().contains("GD20260003"), "another asker's order is never listed: " + r.text());
    }
    Reply one = say("p", a.ticketNo() + " 办得怎么样了");
    assertTrue(one.text().contains(a.ticketNo()) && !one.text().contains(b.ticketNo()), one.text());
    desk.resolve(a.ticketNo());
    Reply after = say("p", "有进展吗");
    assertTrue(after.text().contains("已发放补助"), after.text());
  }

  @Test
  void aStrangersNumberGetsTheSameReplyAsANumberThatDoesNotExist() {
    TicketDesk.ChatTicket theirs = desk.open(new TicketDesk.ChatTicketRequest("web", "owner", "家长", "13812345678", "湖南省岳阳市", null, null, "补助没到账"));
    Reply stranger = say("x", theirs.ticketNo() + " 进展如何");
    Reply unknown = say("x", "GD99999999 进展如何");
    assertEquals(unknown.text(), stranger.text());
    assertTrue(stranger.text().contains("手机号一起发给我核对"), stranger.text());
    // with a phone it is a claim, which this desk never verifies: the same neutral failure either way
    Reply claimed = say("x", "13812345678 " + theirs.ticketNo());
    Reply claimedUnknown = say("x", "GD99999999 13812345678");
    assertEquals(claimedUnknown.text(), claimed.text());
    assertTrue(claimed.text().contains("未能核对通过"), claimed.text());
    assertFalse(stranger.text().contains("热线受理"), stranger.text());
    assertNull(stranger.ticketNo());
  }

  @Test
  void progressWordsInAPolicyQuestionDoNotListOrders() {
    ChatReader reader = new ChatReader(BotAidStatusTest.QUESTIONS);
    assertFalse(reader.read("国家助学贷款的申请进度在哪个网站可以查询").asksProgress());
    assertFalse(reader.read("岳阳初中寄宿生生活补助多少").asksProgress());
    assertTrue(reader.read("孩子的事办好了吗").asksProgress());
    assertTrue(reader.read("前几天打电话反映的那个问题有消息没").asksProgress());
  }

  @Test
  void lookupsByNumberAreLimitedPerUserAndPerAddress() {
    MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-30T04:00:00Z"), java.time.ZoneOffset.UTC);
    Bot limited = new Bot(engine, desk, new ConversationStore(db, Json.mapper(), Clock.systemUTC()),
        new TicketFormFlow(BotTest.REGIONS), null, AidStatusQuestions.none(), UnansweredLog.none(),
        new LookupBudget(db, 3, 5, java.time.Duration.ofHours(1), clock));
    TicketDesk.ChatTicket mine = desk.open(new TicketDesk.ChatTicketRequest("web", "g1", "家长", "13812345678", "湖南省岳阳市", null, null, "补助没到账"));
    for (int i = 0; i < 3; i++) {
      String r = limited.handle(new InboundMessage("web", "g1", null, "GD9999000" + i + " 进展", null, "10.0.0.1")).text();
      assertTrue(r.contains("没有查到这张工单"), r);
    }
    String stopped = limited.handle(new InboundMessage("web", "g1", null, mine.ticketNo() + " 进展", null, "10.0.0.1")).text();
    assertTrue(stopped.contains("查询次数过多"), stopped);
    // without a number the asker still sees their own orders
    assertTrue(limited.handle(new InboundMessage("web", "g1", null, "查询工单", null, "10.0.0.1")).text().contains(mine.ticketNo()));
    // a fresh browser id from the same address has only the address's remaining tries
    for (int i = 0; i < 2; i++) {
      limited.handle(new InboundMessage("web", "g2", null, "GD9999100" + i + " 进展", null, "10.0.0.1"));
    }
    assertTrue(limited.handle(new InboundMessage("web", "g3", null, "GD99992000 进展", null, "10.0.0.1")).text().contains("查询次数过多"));
    clock.advance(java.time.Duration.ofMinutes(61));
    assertTrue(limited.handle(new InboundMessage("web", "g1", null, mine.ticketNo() + " 进展", null, "10.0.0.1")).text().contains(mine.ticketNo()));
  }

}
