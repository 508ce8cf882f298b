package aidline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.answer.Intent;
import aidline.config.AppConfig;
import aidline.http.Json;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Unanswered questions: noted by the bot only when the engine could not answer, read by the dashboard. */
@ParameterizedClass
@EnumSource(Engine.class)
class UnansweredQuestionsTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;
  Database db;

  @BeforeEach
  void open() {
    db = dbs.open(engine);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void theBotNotesOnlyWhatTheEngineCouldNotAnswer() {
    List<String> noted = new ArrayList<>();
    UnansweredLog log = (text, intent, reason) -> noted.add(reason + ":" + intent.wire() + ":" + text);
    Bot bot = new Bot(new FakeEngine(), new FakeTicketDesk(), new ConversationStore(db, Json.mapper(), Clock.systemUTC()),
        new TicketFormFlow(BotTest.REGIONS), null, AidStatusQuestions.none(), log);
    bot.handle(new InboundMessage("web", "a", null, "岳阳初中寄宿生生活补助多少"));
    bot.handle(new InboundMessage("web", "b", null, "我要转人工"));
    bot.handle(new InboundMessage("web", "c", null, "查询工单"));
    assertEquals(List.of(), noted, "answered questions and work-order requests cost no write");
    bot.handle(new InboundMessage("web", "d", null, "转学以后补助怎么办"));
    assertEquals(List.of("handoff:" + Intent.UNKNOWN.wire() + ":转学以后补助怎么办"), noted);
  }

  @Test
  void aPolicyAnswerWithoutASourceIsNotedAsLowConfidence() {
    List<String> noted = new ArrayList<>();
    UnansweredLog log = (text, intent, reason) -> noted.add(reason + ":" + intent.wire());
    aidline.answer.AnswerEngine guessing = (text, state) -> new aidline.answer.Turn(
        text.contains("依据") ? new aidline.answer.Answer("每生每年 1250 元。", Intent.AMOUNT, List.of(), List.of(FakeEngine.SOURCE), null, false)
            : aidline.answer.Answer.text("大概可以申请。", Intent.ELIGIBILITY), state);
    Bot bot = new Bot(guessing, new FakeTicketDesk(), new ConversationStore(db, Json.mapper(), Clock.systemUTC()),
        new TicketFormFlow(BotTest.REGIONS), null, AidStatusQuestions.none(), log);
    bot.handle(new InboundMessage("web", "a", null, "有依据的问题"));
    assertEquals(List.of(), noted, "a cited answer is not a gap");
    bot.handle(new InboundMessage("web", "b", null, "研究生能申请吗"));
    assertEquals(List.of("low_confidence:" + Intent.ELIGIBILITY.wire()), noted);
  }

  @Test
  void digitRunsAreMaskedAndTheMostAskedComeFirst() {
    UnansweredQuestions q = new UnansweredQuestions(db, Clock.systemUTC());
    q.record("转学怎么办", Intent.UNKNOWN, "unknown");
    q.record("身份证430621201001011234的补助", Intent.UNKNOWN, "handoff");
    q.record("转学怎么办", Intent.UNKNOWN, "unknown");
    List<UnansweredQuestions.Question> top = q.top(20);
    assertEquals(2, top.size());
    assertEquals("转学怎么办", top.get(0).text());
    assertEquals(2, top.get(0).count());
    assertEquals("身份证＊＊＊的补助", top.get(1).text());
    assertTrue(top.get(1).lastAt().endsWith("+08:00"), top.get(1).lastAt());
    assertEquals(1, q.top(1).size());
  }
}
