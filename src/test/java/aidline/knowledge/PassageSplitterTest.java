package aidline.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassageSplitterTest {
  final PassageSplitter splitter = new PassageSplitter();

  private static PolicyDocument doc(String body) {
    return new PolicyDocument("t", "测试文件", "湖南省岳阳市", "", "", "", "published", "policy", "", body);
  }

  private static Passage containing(List<Passage> ps, String words) {
    return ps.stream().filter(p -> p.text().contains(words)).findFirst().orElseThrow(() -> new AssertionError("no passage with " + words));
  }

  @Test
  void yueyangBoarderAidIsUnderFiveTwoTwo() {
    PolicyDocument d = KnowledgeFolder.read(Path.of("knowledge-base/yueyang-jyfp-2016.md")).document();
    List<Passage> ps = splitter.split(d);
    Passage p = containing(ps, "初中1250元");
    assertEquals("五、政策措施 > （二） > 2.", p.section());
    assertEquals("五（二）2", p.citation());
    assertEquals("yueyang-jyfp-2016", p.docId());
    assertEquals("湖南省岳阳市", p.region());
    assertEquals("岳教体办通〔2016〕17号", p.docNumber());
    assertTrue(p.text().startsWith("2.义务教育阶段。"));
    assertEquals("五（二）", containing(ps, "资助对象精准认定").citation());
    assertEquals("附件2", containing(ps, "万五龙").citation());
  }

  @Test
  void stylesNestInTheOrderTheyAppear() {
    String body = """
        # 某县实施方案

        前言。

        ## 一、重点工作

        ### (一) 推进一项工程

        1. 调查摸底

        由县教育局组织调查。

        ①努力实现全覆盖。

        ②单设幼儿教育班。

        2. 加大投入

        统筹资金。

        ## 二、组织实施

        (一)加强组织领导。县领导小组统筹。

        ## 附件 2 任务清单

        | 单位 | 任务 |
        | --- | --- |
        | 县财政局 | 1. 落实资金 |
        """;
    List<Passage> ps = splitter.split(doc(body));
    assertEquals("", containing(ps, "前言").section());
    assertEquals("一、重点工作 > （一） > 1. > ①", containing(ps, "全覆盖").section());
    assertEquals("一（一）1①", containing(ps, "全覆盖").citation());
    assertEquals("一（一）1", containing(ps, "由县教育局组织调查").citation(), "heading line and its paragraph are one passage");
    assertEquals("一（一）2", containing(ps, "统筹资金").citation());
    assertEquals("二（一）", containing(ps, "县领导小组统筹").citation());
    assertEquals("附件2", containing(ps, "县财政局").citation());
  }

  @Test
  void unnumberedMarkdownHeadingsMakeThePath() {
    String body = """
        # 基本介绍

        生源地信用助学贷款是国家助学贷款的一种。

        # 核心内容

        ## 政策事实

        每人每年最高可贷若干元。
        """;
    List<Passage> ps = splitter.split(doc(body));
    assertEquals("基本介绍", containing(ps, "国家助学贷款的一种").section());
    assertEquals("核心内容 > 政策事实", containing(ps, "最高可贷").section());
  }
}
