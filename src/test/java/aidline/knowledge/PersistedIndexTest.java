package aidline.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index and vectors in the cache folder, with the real BGE model: restarts and edits embed only what changed. */
class PersistedIndexTest {
  @TempDir Path kb;
  @TempDir Path cache;

  private void write(String name, String id, String body, int second) throws Exception {
    Path p = kb.resolve(name);
    Files.writeString(p, KnowledgeBaseReindexTest.file(id, "published", "全国", body));
    Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second)));
  }

  private Retrieval retrieval() {
    return Retrieval.hybrid(TestRetrieval.embedder(), cache);
  }

  @Test
  void aRestartEmbedsNothingAndAnEditEmbedsOnlyItsPassages() throws Exception {
    write("a.md", "loan", "## 一、贷款\n\n本专科生每人每年申请贷款额度最高不超过20000元。\n\n## 二、还款\n\n毕业后按合同约定还款。", 1);
    write("b.md", "volunteer", "## 一、报名\n\n通过正式志愿服务平台或社区组织报名，志愿服务本身强调无偿。", 1);
    int passages;
    try (KnowledgeBase first = KnowledgeBase.open(kb, retrieval())) {
      passages = first.passages().size();
      assertEquals(passages, first.embedded());
    }
    try (KnowledgeBase again = KnowledgeBase.open(kb, retrieval())) {
      assertEquals(0, again.embedded(), "restart with an unchanged folder");
      assertEquals("volunteer", again.search("想去社区当志愿者，在哪里报名", null, 1).get(0).passage().docId());
      assertEquals(passages, again.passages().size());
      write("b.md", "volunteer", "## 一、报名\n\n通过正式志愿服务平台或社区组织报名，志愿服务本身强调无偿；活动应购买保险。", 2);
      ReindexReport r = again.reindex();
      assertEquals(1, r.embedded(), "only the edited passage");
      assertEquals(1, r.updated());
      Files.delete(kb.resolve("a.md"));
      again.reindex();
    }
    try (KnowledgeBase after = KnowledgeBase.open(kb, retrieval())) {
      assertEquals(0, after.embedded());
      assertTrue(after.search("贷款额度最高多少", null, 5).stream().noneMatch(h -> h.passage().docId().equals("loan")),
          "a document removed while the index was persisted stays removed");
      assertEquals(java.util.Set.of("volunteer"), java.util.Set.copyOf(new java.util.ArrayList<>(
          after.search("志愿服务", null, 5).stream().map(h -> h.passage().docId()).toList())));
    }
  }

  @Test
  void aCacheFolderThatCannotBeUsedFallsBackToMemory() throws Exception {
    write("b.md", "volunteer", "## 一、报名\n\n通过正式志愿服务平台或社区组织报名。", 1);
    Path notAFolder = cache.resolve("file");
    Files.writeString(notAFolder, "x");
    try (KnowledgeBase k = KnowledgeBase.open(kb, Retrieval.hybrid(TestRetrieval.embedder(), notAFolder))) {
      assertEquals("volunteer", k.search("志愿者报名", null, 1).get(0).passage().docId());
    }
  }
}
