package aidline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.answer.AnswerKnowledge;
import aidline.http.Json;
import aidline.config.AppConfig;
import aidline.knowledge.KnowledgeBase;
import aidline.storage.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** “更多” through the bot: the rest of the last answer is kept with the conversation, across a restart. */
class BotMoreTest {
  @TempDir Path dir;
  Database db;
  KnowledgeBase kb;
  Bot bot;

  @BeforeEach
  void open() {
    kb = KnowledgeBase.open(Path.of("knowledge-base"));
    db = Database.open(new AppConfig.Storage(dir.resolve("bot.db").toString(), "FULL", 5000));
    bot = newBot();
  }

  private Bot newBot() {
    return new Bot(
        AnswerKnowledge.of(kb, null).engine(),
        new FakeTicketDesk(),
        new ConversationStore(db, Json.mapper(), Clock.systemUTC()),
        new TicketFormFlow(kb.regions()));
  }

  @AfterEach
  void close() {
    db.close();
    kb.close();
  }

  private Reply say(String text) {
    return bot.handle(new InboundMessage("wechat", "parent", null, text));
  }

  @Test
  void moreSendsTheRestOfTheLastAnswerOnceEvenAfterARestart() {
    Reply first = say("岳阳有哪些资助");
    String rest = first.answer().more();
    assertNotNull(rest, first.text());
    assertTrue(first.plainText().getBytes(StandardCharsets.UTF_8).length <= 2047, "one WeChat passive reply");
    // the plain-text rendering does not list again the sources that wait for “更多”
    assertFalse(first.plainText().contains("\n\n依据："), first.plainText());

    db.close();
    db = Database.open(new AppConfig.Storage(dir.resolve("bot.db").toString(), "FULL", 5000));
    bot = newBot();

    Reply more = say("更多");
    assertEquals(rest, more.text());
    Reply again = say("更多");
    assertFalse(again.text().equals(rest), "the rest is sent once");
  }
}
