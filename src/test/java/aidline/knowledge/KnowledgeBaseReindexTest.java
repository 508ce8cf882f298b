package aidline.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseReindexTest {
  @TempDir Path dir;

  static String file(String id, String status, String region, String body) {
    return "---\nid: " + id + "\ntitle: 测试" + id + "\nregion: " + region + "\nstatus: " + status + "\nkind: policy\n---\n\n" + body + "\n";
  }

  /** Writes and moves the modification time forward, as a later edit would. */
  private void write(String name, String text, int second) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second)));
  }

  @Test
  void reindexAddsUpdatesRemovesAndIsIdempotentById() throws Exception {
    write("a.md", file("doc-a", "published", "湖南省岳阳市", "## 一、资助\n\n寄宿生每生每年补助1000元。"), 1);
    write("b.md", file("doc-b", "draft", "全国", "## 一、资助\n\n寄宿生草稿内容。"), 1);
    try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
      assertEquals(1, kb.documentCount());
      assertTrue(kb.document("doc-b").isEmpty(), "drafts are not served");
      assertTrue(kb.search("草稿", null, 5).isEmpty(), "draft passages are not searchable");
      assertEquals("湖南省岳阳市", kb.regions().resolve("岳阳").orElseThrow().path());

      ReindexReport same = kb.reindex();
      assertEquals(0, same.added() + same.updated() + same.removed());
      assertEquals(1, kb.search("寄宿生", null, 10).size(), "reindex leaves one copy");

      write("a.md", file("doc-a", "published", "湖南省岳阳市", "## 一、资助\n\n寄宿生每生每年补助1250元。"), 2);
      write("b.md", file("doc-b", "published", "全国", "## 一、资助\n\n寄宿生现已发布。"), 2);
      ReindexReport r = kb.reindex();
      assertEquals(1, r.updated());
      assertEquals(1, r.added());
      assertEquals(2, kb.documentCount());
      var hits = kb.search("寄宿生补助", null, 10);
      assertEquals(2, hits.size());
      assertTrue(hits.stream().anyMatch(h -> h.passage().text().contains("1250元")));
      assertTrue(hits.stream().noneMatch(h -> h.passage().text().contains("1000元")), "old text is gone");

      Files.delete(dir.resolve("a.md"));
      assertEquals(1, kb.reindex().removed());
      assertTrue(kb.document("doc-a").isEmpty());
      assertTrue(kb.search("1250元", null, 10).isEmpty());
    }
  }

  @Test
  void badFilesAreReportedAndTheRestServed() throws Exception {
    write("good.md", file("good", "published", "全国", "寄宿生补助。"), 1);
    write("a-copy.md", file("good", "published", "全国", "同编号的副本。"), 1);
    write("dup.md", file("good", "published", "全国", "同编号的另一份。"), 1);
    write("broken.md", "---\nid: [unclosed\n---\n正文", 1);
    write("gbk.md", "", 1);
    Files.write(dir.resolve("gbk.md"), "---\nid: gbk\n---\n寄宿生".getBytes("GBK"));
    try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
      ReindexReport r = kb.reindex();
      assertEquals(1, r.documents());
      assertEquals(4, r.problems().size(), r.problems().toString());
      assertTrue(r.problems().stream().anyMatch(p -> p.startsWith("dup.md") && p.contains("重复")));
      assertTrue(kb.document("good").orElseThrow().body().contains("寄宿生补助"), "good.md wins over copies");
      assertTrue(r.problems().stream().anyMatch(p -> p.contains("UTF-8")));
      assertTrue(r.problems().stream().anyMatch(p -> p.startsWith("broken.md")));
    }
  }

  @Test
  void aLocalDocumentOutranksAnEqualNationalOneAndOtherRegionsComeLast() throws Exception {
    Files.copy(Path.of("knowledge-base/regions.yaml"), dir.resolve("regions.yaml"));
    String text = "## 一、资助标准\n\n寄宿生生活补助每生每年1000元。";
    write("n.md", file("national", "published", "全国", text), 1);
    write("y.md", file("yueyang", "published", "湖南省岳阳市", text), 1);
    write("b.md", file("baicheng", "published", "吉林省白城市", text + "寄宿生生活补助。"), 1);
    write("u.md", file("unknown", "published", "未知", text), 1);
    try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
      var hits = kb.search("寄宿生生活补助", kb.regions().resolve("华容").orElseThrow(), 4);
      assertEquals(java.util.List.of("yueyang", "national", "unknown", "baicheng"), hits.stream().map(h -> h.passage().docId()).toList());
    }
  }

  @Test
  void missingFolderIsAClearError() {
    KnowledgeException e = org.junit.jupiter.api.Assertions.assertThrows(KnowledgeException.class, () -> KnowledgeBase.open(dir.resolve("nope")));
    assertTrue(e.getMessage().contains("知识库目录不存在"));
  }

  @Test
  void watcherReindexesAfterAFileChanges() throws Exception {
    write("a.md", file("doc-a", "published", "全国", "寄宿生补助。"), 1);
    try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
      var reindexed = new java.util.concurrent.LinkedBlockingQueue<ReindexReport>();
      FolderWatcher w = new FolderWatcher(dir, java.time.Duration.ofMillis(200), () -> reindexed.add(kb.reindex()));
      w.start();
      try (w) {
        Files.writeString(dir.resolve("b.md"), file("doc-b", "published", "全国", "新增的营养膳食补助。"));
        ReindexReport r = reindexed.poll(30, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(r != null, "no reindex after the file appeared");
        // an editor may write in steps; wait until the new document is served
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (kb.document("doc-b").isEmpty() && System.nanoTime() < deadline) {
          reindexed.poll(1, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertFalse(kb.search("营养膳食补助", null, 5).isEmpty());
      }
    }
  }
}
