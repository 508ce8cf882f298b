package aidline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aidline.config.AppConfig;
import aidline.http.Json;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The state save is not waited for, yet the asker's next message and, once committed, the file see it. */
@ParameterizedClass
@EnumSource(Engine.class)
class ConversationStoreTest {
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
  void aSavedStateIsReadBackAtOnceAndCommittedInOrder() {
    ConversationStore store = new ConversationStore(db, Json.mapper(), Clock.systemUTC());
    for (int i = 0; i < 50; i++) {
      store.save("web", "p1", ConversationState.empty().withHandoffOffer("问题" + i));
      assertEquals("问题" + i, store.load("web", "p1").handoffOffer(), "the next message sees the last turn");
    }
    db.write(c -> 0); // committed after every write queued before it
    ConversationStore fresh = new ConversationStore(db, Json.mapper(), Clock.systemUTC());
    assertEquals("问题49", fresh.load("web", "p1").handoffOffer(), "the last save wins in the file too");
    assertEquals(null, fresh.load("web", "p2").handoffOffer());
  }
}
