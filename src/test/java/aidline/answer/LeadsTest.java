package aidline.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LeadsTest {
  private final Lexicon lexicon = Lexicon.load(Path.of("knowledge-base/lexicon.yaml"));

  private String lead(String sentence, String question) {
    Asked asked = Asked.of(lexicon, question);
    Pattern shape = lexicon.answerShape(asked.questionClass());
    return Leads.pick(sentence, Bigrams.ofQuestion(lexicon.withoutQuestionWords(question)), shape);
  }

  @Test
  void theClauseWithTheCountLeads() {
    String s = "改善岫岩、台安办园条件,到20xx年,岫岩和台安分别新建、改扩建乡镇中心园5所;其中,20xx年岫岩和台安分别新建、改扩建乡镇中心园3所和1所。";
    assertEquals("岫岩和台安分别新建、改扩建乡镇中心园5所", lead(s, "岫岩要新建改扩建几所乡镇中心园"));
  }

  @Test
  void theClauseWithThePhoneNumberLeads() {
    String s = "强化贫困群众主体地位,注重扶贫先扶智,支持海南广播电视大学组织办好脱贫攻坚电视夜校和961017热线,充分调动贫困群众积极性和创造性。";
    assertEquals("支持海南广播电视大学组织办好脱贫攻坚电视夜校和961017热线", lead(s, "海南打哪个热线号码"));
  }

  @Test
  void thePlaceLeadsWithoutItsNumbering() {
    String s = "5、上报审批学校将公示无异议后的名单上报教体局。";
    assertEquals("上报审批学校将公示无异议后的名单上报教体局", lead(s, "资助名单公示完了报给谁"));
  }

  @Test
  void aShortClauseIsReadWithItsNeighbour() {
    String s = "所有建档立卡的家庭经济困难寄宿生给予生活补助，标准为每生每年小学1000元、初中1250元。";
    String lead = lead(s, "岳阳初中住校补多少");
    assertTrue(lead.contains("1250元"), lead);
    assertTrue(lead.length() >= 10, lead);
  }

  @Test
  void aFormsFieldsAreReadFromItsTable() {
    String form = "附件1 申请建档表\n| 姓名 | 性别 | 民族 |\n| --- | --- | --- |\n| 就读学校 | 年级 | 姓名 |\n申请理由：申请人签名 年 月 日";
    assertEquals("姓名、性别、民族、就读学校、年级", Leads.formFields(form));
    assertEquals("", Leads.formFields("没有表格的段落。"));
  }

  @Test
  void aCommaInsideBracketsDoesNotEndAClause() {
    assertEquals(2, Leads.clauses("对就读普惠性幼儿园（含民办园，公办园）的贫困家庭儿童，免除保教费。").size());
  }

  @Test
  void theLeadIsAlwaysAPieceOfTheSentence() {
    String s = "继续实施少数民族预科班(每年120个指标)和本科高校(不少于500个指标)面向贫困地区定向招生专项计划,保障计划投放量。";
    String lead = lead(s, "海南本科学校面向贫困地区定向招多少人");
    assertTrue(s.contains(lead), lead);
    assertTrue(lead.contains("500"), lead);
    assertEquals(Set.of(), Set.copyOf(MoneyAmounts.money(lead)));
  }
}
