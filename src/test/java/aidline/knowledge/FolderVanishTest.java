package aidline.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.http.Health;
import aidline.http.HttpServer;
import aidline.http.Json;
import aidline.http.Metrics;
import aidline.config.AppConfig;
import aidline.http.Callers;
import aidline.values.Role;
import aidline.values.Caller;
import aidline.storage.Database;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, M7: the knowledge-base folder deleted and restored under a running server. */
class FolderVanishTest {
  @TempDir Path tmp;

  static void deleteTree(Path p) throws Exception {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  @Test
  void theWatcherSurvivesTheFolderVanishingAndReturning() throws Exception {
    Path dir = tmp.resolve("kb");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("a.md"), KnowledgeBaseReindexTest.file("doc-a", "published", "全国", "寄宿生补助。"));
    try (KnowledgeBase kb = KnowledgeBase.open(dir);
        FolderWatcher w = new FolderWatcher(dir, Duration.ofMillis(200), kb::reindex)) {
      w.start();
      deleteTree(dir);
      Thread.sleep(800);
      assertEquals(1, kb.documentCount(), "the last good index is still served");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("a.md"), KnowledgeBaseReindexTest.file("doc-a", "published", "全国", "寄宿生补助。"));
      Files.writeString(dir.resolve("b.md"), KnowledgeBaseReindexTest.file("doc-b", "published", "全国", "新增的营养膳食补助。"));
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (kb.document("doc-b").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(kb.document("doc-b").isPresent(), "a document added after the folder returned is unseen");
      // and it keeps watching the returned folder
      Files.writeString(dir.resolve("c.md"), KnowledgeBaseReindexTest.file("doc-c", "published", "全国", "学前教育资助。"));
      deadline = System.nanoTime() + 20_000_000_000L;
      while (kb.document("doc-c").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue(kb.document("doc-c").isPresent());
    }
  }

  @Test
  void reindexWithTheFolderMissingIsAClearChineseErrorNotA500() throws Exception {
    Path dir = tmp.resolve("kb2");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("a.md"), KnowledgeBaseReindexTest.file("doc-a", "published", "全国", "寄宿生补助。"));
    try (Database db = Database.open(new AppConfig.Storage(tmp.resolve("t.db").toString(), "FULL", 5000));
        KnowledgeBase kb = KnowledgeBase.open(dir)) {
      Javalin app = HttpServer.create(new AppConfig.Server("127.0.0.1", 0, 1 << 20, 0), Json.mapper(), new Metrics(),
          new Health(db::reachable, kb::documentCount, "test"),
          List.of(r -> r.before(ctx -> Callers.set(ctx, new Caller("admin", Role.ADMIN))),
              new KnowledgeRoutes(kb)));
      deleteTree(dir);
      assertThrows(KnowledgeException.class, kb::reindex);
      JavalinTest.test(app, (server, client) -> {
        var res = client.post("/api/admin/kb/reindex");
        assertEquals(409, res.code());
        String body = res.body().string();
        assertTrue(body.contains("知识库目录不存在") && body.contains("kb_folder_missing"), body);
        assertFalse(body.contains("Exception"));
      });
      assertEquals(1, kb.documentCount());
    }
  }
}
