package aidline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KbCommandTest {
  @TempDir Path dir;
  Map<String, String> env;
  StringWriter out;
  StringWriter err;

  @BeforeEach
  void setUp() {
    env = new HashMap<>();
    env.put("AIDLINE_DB", dir.resolve("a.db").toString());
    env.put("AIDLINE_KB_DIR", Path.of("knowledge-base").toAbsolutePath().toString());
  }

  int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cl = AidlineCommand.commandLine(env);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void searchPrintsCitationsAndJson() throws Exception {
    assertEquals(0, run("kb", "search", "寄宿生生活补助", "--region", "岳阳"));
    assertTrue(out.toString().startsWith("1. 《岳阳市教育精准扶贫工作实施方案》岳教体办通〔2016〕17号 五（二）2〔湖南省岳阳市〕"), out.toString());
    assertEquals(0, run("kb", "search", "岳陽市寄宿生補助", "--json", "--limit", "2"));
    JsonNode r = Json.mapper().readTree(out.toString());
    assertEquals("五（二）2", r.get("hits").get(0).get("citation").asText());
    assertEquals(2, r.get("hits").size());
  }

  @Test
  void badRegionIsOneChineseLine() {
    assertEquals(2, run("kb", "search", "补助", "--region", "火星"));
    assertEquals("不认识的地区: 火星（可写 岳阳、湖南省岳阳市华容县 等）", err.toString().strip());
  }

  @Test
  void importThenReindexThenSearchAnotherFolder() throws Exception {
    Path kb = Files.createDirectories(dir.resolve("kb"));
    Path src = dir.resolve("notice.html");
    Files.writeString(src, "<html><body><h1>某县资助通知</h1><p>一、寄宿生生活补助</p><p>每生每年１２５０元。</p>"
        + "<p>版权所有 @ 某某网</p></body></html>");
    assertEquals(0, run("kb", "import", src.toString(), "--id", "county-notice", "--title", "某县资助通知", "--region", "全国", "--kb", kb.toString()));
    assertTrue(out.toString().contains("已写入草稿"), out.toString());
    String file = Files.readString(kb.resolve("county-notice.md"));
    assertTrue(file.contains("每生每年1250元。"), file);
    assertTrue(!file.contains("版权所有"), file);
    assertEquals(0, run("kb", "reindex", "--kb", kb.toString()));
    assertTrue(out.toString().contains("已索引 0 篇"), out.toString());
    Files.writeString(kb.resolve("county-notice.md"), file.replace("status: draft", "status: published"));
    assertEquals(0, run("kb", "search", "住校补助", "--kb", kb.toString()));
    assertTrue(out.toString().contains("《某县资助通知》"), out.toString());
  }

  @Test
  void convertCatalogWritesOutsideAndReportsProblems() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("a.md"), "# 基本介绍\n\n国家助学金用于资助家庭经济困难学生。\n");
    Files.writeString(src.resolve("catalog.json"), "{\"documents\":[{\"id\":\"a\",\"title\":\"国家助学金\",\"file\":\"a.md\",\"region\":\"全国\",\"status\":\"published\"}]}");
    assertEquals(0, run("kb", "convert-catalog", src.toString(), dir.resolve("dest").toString()));
    assertTrue(out.toString().contains("已转换 1 篇"), out.toString());
    assertEquals(2, run("kb", "convert-catalog", dir.resolve("nothing").toString(), dir.resolve("dest2").toString()));
    assertTrue(err.toString().contains("catalog.json"), err.toString());
  }
}
