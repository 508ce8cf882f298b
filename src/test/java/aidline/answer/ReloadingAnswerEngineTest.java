package aidline.answer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.knowledge.KnowledgeBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingAnswerEngineTest {
  @TempDir Path dir;

  private void rewrite(Path file, String text, int secondsLater) throws Exception {
    FileTime before = Files.getLastModifiedTime(file);
    Files.writeString(file, text);
    // set the time explicitly: file systems with coarse timestamps would otherwise hide the change
    Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + secondsLater * 1000L));
  }

  private static String reply(AnswerEngine e) {
    return e.answer("岳阳初中住校补多少", DialogState.empty()).answer().reply();
  }

  @Test
  void followsTableEditsAndKeepsTheLastGoodEngineWhenAnEditIsInvalid() throws Exception {
    Fixtures.write(dir);
    try (KnowledgeBase kb = KnowledgeBase.open(dir)) {
      Path standards = dir.resolve("standards.yaml");
      AnswerEngine e = ReloadingAnswerEngine.following(kb, List.of(standards), () -> AnswerKnowledge.of(kb, null).engine());
      assertTrue(reply(e).contains("初中寄宿生生活补助：1250"), reply(e));

      rewrite(standards, Fixtures.STANDARDS.replace("name: 初中寄宿生生活补助\n", "name: 初中住校生活补助\n"), 10);
      assertTrue(reply(e).contains("初中寄宿生生活补助：1250"), "nothing is re-read until a reindex pushes a reload");
      kb.reindex();
      assertTrue(reply(e).contains("初中住校生活补助：1250"), reply(e));

      // an amount the quote does not state: the reload fails and the previous table keeps answering
      rewrite(standards, Fixtures.STANDARDS.replace("amount: 1250", "amount: 1300"), 20);
      kb.reindex();
      String after = reply(e);
      assertTrue(after.contains("初中住校生活补助：1250") && !after.contains("1300"), after);
    }
  }
}
