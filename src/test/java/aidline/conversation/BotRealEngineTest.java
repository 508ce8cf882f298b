package aidline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.answer.AnswerKnowledge;
import aidline.answer.Intent;
import aidline.config.AppConfig;
import aidline.http.Json;
import aidline.knowledge.KnowledgeBase;
import aidline.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot over the project's knowledge base and the real engine: what a parent sees on chat. */
class BotRealEngineTest {
  static KnowledgeBase base;
  static Database db;
  static Bot bot;
  static FakeTicketDesk desk = new FakeTicketDesk();

  @BeforeAll
  static void open(@TempDir Path dir) {
    base = KnowledgeBase.open(Path.of("knowledge-base"));
    db = Database.open(new AppConfig.Storage(dir.resolve("bot.db").toString(), "FULL", 5000));
    bot = new Bot(AnswerKnowledge.of(base, null).engine(), desk,
        new ConversationStore(db, Json.mapper(), Clock.systemUTC()), new TicketFormFlow(BotTest.REGIONS));
  }

  @AfterAll
  static void close() {
    db.close();
    base.close();
  }

  static Reply say(String user, String text) {
    return bot.handle(new InboundMessage("web", user, null, text));
  }

  @Test
  void weatherInAKnownPlaceIsOffTopicNotAMissingDocument() {
    Reply r = say("w", "明天鞍山会下雪吗");
    assertEquals(Intent.OFFTOPIC, r.answer().intent(), r.text());
    assertFalse(r.answer().handoff(), "no work order is offered for the weather: " + r.text());
    assertFalse(r.text().contains("工单？") || r.text().contains("文件中"), r.text());
  }

  @Test
  void dialectHaoduoWithoutARegionAsksWhereForTheAmount() {
    Reply r = say("d", "初中寄宿生好多补助");
    assertEquals(Intent.AMOUNT, r.answer().intent(), r.text());
    assertNotNull(r.answer().clarify(), r.text());
  }

  @Test
  void progressQuestionOutsideAFormIsNotOffTopic() {
    Reply r = say("p", "之前报的事有进展没");
    assertEquals(Intent.TICKET_STATUS, r.answer().intent(), r.text());
    assertTrue(r.text().contains("没有查到您提交过的工单"), r.text());
  }

  @Test
  void weatherAndAHotlineQuestionInsideTheFormAreAnsweredAndTheFormResumes() {
    say("f", "补助一直没到账");
    Reply weather = say("f", "今天天气怎么样");
    assertTrue(weather.text().contains("刚才的登记还没完成"), weather.text());
    Reply hotline = say("f", "海南的热线电话是多少");
    assertTrue(hotline.text().contains("刚才的登记还没完成") && !hotline.text().contains("格式不对"), hotline.text());
    Reply name = say("f", "张小明");
    assertTrue(name.text().contains("电话"), name.text());
  }
}
