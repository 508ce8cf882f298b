package aidline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.http.Json;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.MutableClock;
import aidline.testing.TestDatabases;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A serve holding the SQLite file's instance lock is the only writer of conversation state: its
 * store keeps the committed states and skips rewriting an unchanged one for a minute.
 */
class ConversationStoreSoleWriterTest {
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T08:00:00Z"));
  Database db;

  @BeforeEach
  void open() {
    db = dbs.open(Engine.SQLITE);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private long updatedAt(String user) {
    return db.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT updated_at FROM conversation_state WHERE channel = 'web' AND user_id = ?")) {
        ps.setString(1, user);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getLong(1) : -1L;
        }
      }
    });
  }

  @Test
  void anUnchangedStateIsRewrittenOnlyOnceAMinuteAChangedOneAlways() {
    ConversationStore store = new ConversationStore(db, Json.mapper(), clock, true);
    ConversationState asked = ConversationState.empty().withHandoffOffer("补助多少");
    long t0 = clock.millis();
    store.save("web", "p1", asked).join();
    assertEquals(t0, updatedAt("p1"));

    clock.advance(Duration.ofSeconds(30));
    CompletableFuture<Integer> same = store.save("web", "p1", ConversationState.empty().withHandoffOffer("补助多少"));
    assertTrue(same.isDone(), "an unchanged state is not queued");
    assertEquals(0, same.join());
    assertEquals(t0, store.lastSeen("web", "p1"), "last seen stays at most a minute behind");

    clock.advance(Duration.ofSeconds(31));
    store.save("web", "p1", asked).join();
    assertEquals(t0 + 61_000, updatedAt("p1"), "after a minute the unchanged state is written again");

    clock.advance(Duration.ofSeconds(1));
    store.save("web", "p1", asked.withHandoffOffer(null)).join();
    assertEquals(t0 + 62_000, updatedAt("p1"));
    assertEquals(null, new ConversationStore(db, Json.mapper(), clock).load("web", "p1").handoffOffer(),
        "a changed state reaches the table at once");
  }

  @Test
  void aNewAskersFirstStateIsWrittenEvenWhenEmpty() {
    ConversationStore store = new ConversationStore(db, Json.mapper(), clock, true);
    assertEquals(ConversationState.empty(), store.load("web", "new"));
    store.save("web", "new", ConversationState.empty()).join();
    assertEquals(clock.millis(), updatedAt("new"), "the row that says when the asker last wrote exists");
  }

  @Test
  void everyAskerReadsTheLastStateThroughEvictionsAndRestarts() {
    ConversationStore store = new ConversationStore(db, Json.mapper(), clock, true, 8);
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 40; i++) {
        assertEquals(round == 0 ? null : "q" + (round - 1) + "-" + i, store.load("web", "p" + i).handoffOffer());
        store.save("web", "p" + i, ConversationState.empty().withHandoffOffer("q" + round + "-" + i));
      }
      clock.advance(Duration.ofSeconds(1));
    }
    db.write(c -> 0); // every queued save is committed
    ConversationStore restarted = new ConversationStore(db, Json.mapper(), clock, true, 8);
    for (int i = 0; i < 40; i++) {
      assertEquals("q2-" + i, store.load("web", "p" + i).handoffOffer());
      assertEquals("q2-" + i, restarted.load("web", "p" + i).handoffOffer());
    }
  }
}
