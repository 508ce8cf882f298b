package aidline.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts a knowledge base kept as Markdown files plus a {@code catalog.json} (another team's
 * format) into ours: one file per catalog entry with our front matter. The body is kept as it is
 * (its own front matter, if any, is replaced).
 */
public final class CatalogConverter {
  public record Result(int converted, int published, List<String> problems) {}

  public Result convert(Path src, Path dest) {
    Path catalog = src.resolve("catalog.json");
    if (!Files.isRegularFile(catalog)) {
      throw new KnowledgeException("源目录中没有 catalog.json: " + src);
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(catalog.toFile());
    } catch (IOException e) {
      throw new KnowledgeException("catalog.json 格式错误: " + e.getMessage());
    }
    JsonNode docs = root.isArray() ? root : root.path("documents");
    if (!docs.isArray()) {
      throw new KnowledgeException("catalog.json 中没有 documents 列表");
    }
    try {
      Files.createDirectories(dest);
    } catch (IOException e) {
      throw new KnowledgeException("无法创建目标目录 " + dest + ": " + e.getMessage());
    }
    int converted = 0;
    int published = 0;
    List<String> problems = new ArrayList<>();
    for (JsonNode n : docs) {
      String id = n.path("id").asText("");
      String file = n.path("file").asText("");
      if (id.isBlank() || file.isBlank()) {
        problems.add("缺少 id 或 file 的条目已跳过: " + n.path("title").asText(""));
        continue;
      }
      Path source = src.resolve(file).normalize();
      if (!source.startsWith(src.normalize()) || !Files.isRegularFile(source)) {
        problems.add(id + ": 找不到文件 " + file);
        continue;
      }
      String body;
      try {
        body = FrontMatter.parse(Files.readString(source, StandardCharsets.UTF_8)).body();
      } catch (IOException | KnowledgeException e) {
        problems.add(id + ": 无法读取 " + file + ": " + e.getMessage());
        continue;
      }
      String status = n.path("status").asText("draft");
      // only published and draft exist in our format; archived entries must not be served
      String ourStatus = "published".equals(status) ? "published" : "draft";
      PolicyDocument d =
          new PolicyDocument(
              id,
              n.path("title").asText(id),
              region(n.path("region").asText("")),
              n.path("source_organization").asText(""),
              "",
              n.path("source_date").asText(""),
              ourStatus,
              kind(n.path("kind").asText(""), file),
              n.path("source_url").asText(""),
              body);
      Map<String, String> extra = new LinkedHashMap<>();
      if (!n.path("region").asText("").equals(d.region())) {
        extra.put("sourceRegion", n.path("region").asText(""));
      }
      if (!status.equals(ourStatus)) {
        extra.put("sourceStatus", status);
      }
      Path target = dest.resolve(file).normalize();
      if (!target.startsWith(dest.normalize())) {
        problems.add(id + ": 文件路径越出目标目录，已跳过: " + file);
        continue;
      }
      try {
        Files.createDirectories(target.getParent());
        Files.writeString(target, FrontMatter.render(d, extra), StandardCharsets.UTF_8);
      } catch (IOException e) {
        problems.add(id + ": 无法写入 " + target + ": " + e.getMessage());
        continue;
      }
      converted++;
      if ("published".equals(ourStatus)) {
        published++;
      }
    }
    return new Result(converted, published, problems);
  }

  /** 广东省/惠州市 → 广东省惠州市; "全国及广东省" applies everywhere → 全国; empty → 未知. */
  static String region(String r) {
    String t = r.replace("/", "").replace(" ", "").strip();
    if (t.isEmpty()) {
      return Region.UNKNOWN;
    }
    if (t.startsWith(Region.NATIONWIDE)) {
      return Region.NATIONWIDE;
    }
    return t;
  }

  /** The catalog has no kind; FAQ files say so in their name, everything else is a guide. */
  private static String kind(String k, String file) {
    if (k.equals("faq") || k.equals("guide") || k.equals("policy")) {
      return k;
    }
    return file.toLowerCase(Locale.ROOT).contains("faq") ? "faq" : "guide";
  }
}
