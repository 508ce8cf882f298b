package aidline.conversation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.http.Json;
import aidline.config.AppConfig;
import aidline.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 15: garbage typed into the chat forms (work order: name, phone, region, confirmation;
 * aid status: student ID, name) through the real bot and its persisted state. Each answer is a
 * non-empty Chinese reply; nothing throws; a form never opens an order or reveals a status from
 * input that is not a confirmation. Counts are printed.
 */
class ChatFormPropertyTest {
  static Database db;
  static Bot bot;
  static final FakeTicketDesk DESK = new FakeTicketDesk();
  static final FakeAidStatusDesk STATUS = new FakeAidStatusDesk(3);
  static final AtomicInteger TRIED = new AtomicInteger();
  static final AtomicInteger USERS = new AtomicInteger();

  @BeforeContainer
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("aidline-formprop");
    db = Database.open(new AppConfig.Storage(dir.resolve("f.db").toString(), "FULL", 5000));
    bot = new Bot(new FakeEngine(), DESK, new ConversationStore(db, Json.mapper(), Clock.systemUTC()),
        new TicketFormFlow(BotTest.REGIONS), STATUS, BotAidStatusTest.QUESTIONS);
  }

  @AfterContainer
  static void stop() {
    System.err.println("ChatFormPropertyTest: " + TRIED.get() + " form inputs tried in " + USERS.get() + " conversations");
    db.close();
  }

  static Reply say(String user, String text) {
    TRIED.incrementAndGet();
    Reply r = bot.handle(new InboundMessage("web", user, null, text));
    assertNotNull(r);
    assertTrue(r.text() != null && r.text().matches("(?s).*\\p{IsHan}.*"), "no Chinese reply to " + text + ": " + r.text());
    return r;
  }

  @Provide
  Arbitrary<List<String>> answers() {
    Arbitrary<String> one = Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(120),
        Arbitraries.strings().withChars("0123456789-+ ＊*（）()岳阳华容县市省取消是否").ofMaxLength(30),
        Arbitraries.of("", " ", "\u0000", "取消", "是", "否", "13812345678", "岳阳市华容县", "110101199003074514",
            "11010119900307451X", "G110101199003074514", "张小明", "<script>alert(1)</script>", "' OR 1=1 --",
            "查询工单 JY20261130-0003", "补".repeat(3000), "😀", "\uD800"));
    return one.list().ofMinSize(1).ofMaxSize(8);
  }

  @Property(tries = 120)
  void workOrderFormTakesAnyAnswers(@ForAll("answers") List<String> answers) {
    String user = "form-" + USERS.incrementAndGet();
    int before = DESK.opened.size();
    say(user, "补助一直没到账");
    boolean confirmed = false;
    for (String a : answers) {
      if (a.isBlank()) {
        continue;
      }
      say(user, a);
      confirmed |= a.equals("是");
    }
    if (!confirmed) {
      assertFalse(DESK.opened.size() > before, "an order was opened without a confirmation: " + answers);
    }
  }

  @Property(tries = 120)
  void aidStatusFormTakesAnyAnswers(@ForAll("answers") List<String> answers) {
    String user = "status-" + USERS.incrementAndGet();
    say(user, "我家孩子的补助发了吗");
    for (String a : answers) {
      if (!a.isBlank()) {
        say(user, a);
      }
    }
  }
}
