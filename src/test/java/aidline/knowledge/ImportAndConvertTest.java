package aidline.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportAndConvertTest {
  @TempDir Path dir;

  private Path kb() throws Exception {
    Path kb = Files.createDirectories(dir.resolve("kb"));
    Files.copy(Path.of("knowledge-base/regions.yaml"), kb.resolve("regions.yaml"));
    return kb;
  }

  private static DocumentImporter.Request request(Path source, String id, String region) {
    return new DocumentImporter.Request(source, id, "鎮精準扶貧的實施方案", region, "", "", "", "policy", StandardCharsets.UTF_8);
  }

  @Test
  void importWritesACleanDraftThatIsNotServedUntilPublished() throws Exception {
    Path kb = kb();
    Path src = dir.resolve("003.txt");
    Files.writeString(src, SeedText.seed("003"));
    Regions regions = Regions.load(kb.resolve("regions.yaml"));
    var r = new DocumentImporter().importTo(kb, request(src, "web-003", "鞍山"), regions, false);
    assertEquals(6, r.garbled().size());
    assertTrue(r.dropped().size() >= 9);
    String written = Files.readString(r.file());
    assertTrue(written.startsWith("---\nid: web-003\ntitle: 镇精准扶贫的实施方案\nregion: 辽宁省鞍山市\n"), written.substring(0, 120));
    assertTrue(written.contains("\nstatus: draft\n"));
    assertFalse(SeedText.PINYIN_GLOSS.matcher(written).find());

    try (KnowledgeBase base = KnowledgeBase.open(kb)) {
      assertEquals(0, base.documentCount(), "a draft is not served");
      // importing again with the same id gives the same file: idempotent
      new DocumentImporter().importTo(kb, request(src, "web-003", "鞍山"), regions, false);
      assertEquals(written, Files.readString(r.file()));
      Files.writeString(r.file(), written.replace("status: draft", "status: published"));
      base.reindex();
      assertEquals(1, base.documentCount());
      assertEquals("web-003", base.search("岫岩 学前 补助", null, 1).get(0).passage().docId());
      KnowledgeException e = assertThrows(KnowledgeException.class, () -> new DocumentImporter().importTo(kb, request(src, "web-003", "鞍山"), regions, false));
      assertTrue(e.getMessage().contains("--force"));
    }
  }

  @Test
  void importRejectsBadInputWithChineseMessages() throws Exception {
    Path kb = kb();
    Regions regions = Regions.empty();
    Path src = dir.resolve("a.pdf");
    Files.writeString(src, "x");
    assertTrue(assertThrows(KnowledgeException.class, () -> new DocumentImporter().importTo(kb, request(src, "a", "全国"), regions, false)).getMessage().contains("不支持"));
    assertTrue(assertThrows(KnowledgeException.class, () -> new DocumentImporter().importTo(kb, request(src, "../evil", "全国"), regions, false)).getMessage().contains("--id"));
    assertTrue(assertThrows(KnowledgeException.class, () -> new DocumentImporter().importTo(kb, request(dir.resolve("missing.txt"), "a", "全国"), regions, false)).getMessage().contains("找不到"));
    try (var files = Files.list(kb)) {
      assertEquals(1, files.count(), "nothing written");
    }
  }

  @Test
  void catalogFolderConvertsToOurFormatAndIsSearchable() throws Exception {
    Path src = Files.createDirectories(dir.resolve("foreign/student-aid"));
    Files.writeString(src.resolve("loan.md"), "---\nid: old\ntitle: 旧前言\n---\n\n# 基本介绍\n\n生源地信用助学贷款在户籍所在地县级资助中心申请。\n");
    Files.writeString(src.resolve("faq.md"), "# 常见问题\n\n1. 助学金多少钱？\n\n按当年通知执行。\n");
    Files.writeString(src.resolve("draft.md"), "# 草稿\n\n未审核的内容：助学贷款草稿。\n");
    Files.writeString(dir.resolve("foreign/catalog.json"), """
        {"version":"1","documents":[
          {"id":"loan","title":"生源地信用助学贷款","file":"student-aid/loan.md","region":"全国","source_organization":"全国学生资助管理中心",
           "source_url":"https://www.xszz.edu.cn/","source_date":"2024-01-01","status":"published"},
          {"id":"gd-faq","title":"广东资助问答","file":"student-aid/faq.md","region":"广东省/惠州市","source_organization":"",
           "source_url":"","source_date":"","status":"published"},
          {"id":"draft","title":"草稿","file":"student-aid/draft.md","region":"全国","status":"draft"},
          {"id":"gone","title":"不存在","file":"student-aid/none.md","region":"全国","status":"published"}
        ]}""");
    Path dest = dir.resolve("converted");
    var r = new CatalogConverter().convert(dir.resolve("foreign"), dest);
    assertEquals(3, r.converted());
    assertEquals(2, r.published());
    assertEquals(1, r.problems().size());
    PolicyDocument loan = KnowledgeFolder.read(dest.resolve("student-aid/loan.md")).document();
    assertEquals("loan", loan.id());
    assertEquals("全国学生资助管理中心", loan.issuer());
    assertEquals("2024-01-01", loan.date());
    assertEquals("https://www.xszz.edu.cn/", loan.sourceUrl());
    assertFalse(loan.body().contains("旧前言"));
    PolicyDocument faq = KnowledgeFolder.read(dest.resolve("student-aid/faq.md")).document();
    assertEquals("广东省惠州市", faq.region());
    assertEquals("faq", faq.kind());
    try (KnowledgeBase kb = KnowledgeBase.open(dest)) {
      assertEquals(2, kb.documentCount());
      assertEquals("loan", kb.search("生源地贷款去哪申请", null, 3).get(0).passage().docId());
      assertTrue(kb.search("草稿", null, 3).stream().noneMatch(h -> h.passage().docId().equals("draft")));
      Region huidong = kb.regions().resolve("惠州").orElseThrow();
      assertEquals("gd-faq", kb.search("助学金多少钱", huidong, 3).get(0).passage().docId());
    }
  }
}
