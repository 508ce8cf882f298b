package aidline.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.knowledge.KnowledgeBase;
import aidline.knowledge.TestRetrieval;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scope comes from the documents (real BGE vectors): a knowledge base about community services and
 * jobs answers those questions although our aid vocabulary does not know their words, and weather or
 * films are still refused.
 */
class ScopeFromDocumentsTest {
  @TempDir Path dir;

  private void doc(String id, String title, String body) throws Exception {
    Files.writeString(dir.resolve(id + ".md"),
        "---\nid: " + id + "\ntitle: " + title + "\nregion: 全国\nstatus: published\nkind: policy\n---\n\n" + body + "\n");
  }

  @Test
  void foreignTopicsAreAnsweredAndSmallTalkIsRefused() throws Exception {
    doc("volunteer", "社区志愿者报名与安全保障", "## 常见问题\n\n志愿服务可以收取报酬吗？志愿服务本身强调无偿；合理补贴或保障应按活动规则公开说明。\n\n## 经验建议\n\n通过正式志愿服务平台或社区组织报名，确认工作内容、时间、联系人、风险和保险安排。");
    doc("jobs", "青年求职渠道与防骗提示", "## 政策事实\n\n招聘活动不得扣押身份证等证件，不应以招聘名义收取不合理费用或诱导求职者办理培训贷款。");
    try (KnowledgeBase kb = KnowledgeBase.open(dir, TestRetrieval.inMemory())) {
      AnswerEngine engine = AnswerKnowledge.of(kb, Path.of("knowledge-base")).engine();
      Answer volunteer = engine.answer("想去社区当志愿者在哪报名", DialogState.empty()).answer();
      assertFalse(volunteer.citations().isEmpty(), volunteer.reply());
      assertEquals("volunteer", volunteer.citations().get(0).docId());
      Answer job = engine.answer("找工作那家公司要先交押金还让办培训贷，正常吗", DialogState.empty()).answer();
      assertEquals("jobs", job.citations().isEmpty() ? null : job.citations().get(0).docId(), job.reply());
      for (String chat : new String[] {"明天会不会下雨啊", "最近有什么好看的电影推荐一下"}) {
        Answer a = engine.answer(chat, DialogState.empty()).answer();
        assertEquals(Intent.OFFTOPIC, a.intent(), chat);
        assertTrue(a.citations().isEmpty() && a.amounts().isEmpty(), chat);
      }
    }
  }
}
