package aidline.knowledge;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a raw policy text (txt, md, html) into a draft knowledge-base file {@code <id>.md}: cleaned
 * by {@link TextCleaner}, front matter from the given metadata, {@code status: draft} until a person
 * has reviewed it. Importing the same source with the same id again writes the same file.
 */
public final class DocumentImporter {
  private final TextCleaner cleaner = new TextCleaner();

  /** What the person running the import gives: the metadata the text itself cannot be trusted for. */
  public record Request(
      Path source, String id, String title, String region, String issuer, String docNumber, String date, String kind, Charset encoding) {}

  /** The written file, the lines a person should fix, and what was dropped as site text or spam. */
  public record Result(Path file, PolicyDocument document, List<String> garbled, List<String> dropped, String regionWarning) {}

  public Result importTo(Path kbDir, Request r, Regions regions, boolean overwritePublished) {
    if (r.id() == null || !r.id().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
      throw new KnowledgeException("文档编号 --id 只能用字母、数字、点、下划线和连字符，例如 yueyang-jyfp-2016");
    }
    if (r.title() == null || r.title().isBlank()) {
      throw new KnowledgeException("请用 --title 给出文档标题");
    }
    if (r.region() == null || r.region().isBlank()) {
      throw new KnowledgeException("请用 --region 给出适用地区（如 湖南省岳阳市、全国；不知道就写 未知）");
    }
    if (!Files.isRegularFile(r.source())) {
      throw new KnowledgeException("找不到要导入的文件: " + r.source());
    }
    if (!Files.isDirectory(kbDir)) {
      throw new KnowledgeException("知识库目录不存在: " + kbDir);
    }
    String format = format(r.source());
    String raw;
    try {
      raw = new String(Files.readAllBytes(r.source()), r.encoding() == null ? StandardCharsets.UTF_8 : r.encoding());
    } catch (IOException e) {
      throw new KnowledgeException("无法读取 " + r.source() + ": " + e.getMessage());
    }
    if ("md".equals(format)) {
      raw = FrontMatter.parse(raw).body();
    }
    TextCleaner.Result cleaned = cleaner.clean(raw, format);
    if (cleaned.body().isBlank()) {
      throw new KnowledgeException("清理后没有正文，请检查文件内容或编码（GBK 文件请加 --encoding GBK）");
    }
    String region = r.region().strip();
    String warning = null;
    if (!Region.NATIONWIDE.equals(region) && !Region.UNKNOWN.equals(region)) {
      var resolved = regions.resolve(region);
      if (resolved.isPresent()) {
        region = resolved.get().path();
      } else {
        warning = "地区 " + region + " 不在 regions.yaml 中，已按原样写入；如是简称请写全称（如 湖南省岳阳市）";
      }
    }
    PolicyDocument doc =
        new PolicyDocument(
            r.id(),
            ChineseText.normalize(r.title().strip()),
            region,
            nz(r.issuer()),
            nz(r.docNumber()),
            nz(r.date()),
            "draft",
            r.kind() == null || r.kind().isBlank() ? "policy" : r.kind().strip(),
            "",
            cleaned.body());
    Path target = kbDir.resolve(r.id() + ".md");
    if (Files.exists(target) && !overwritePublished) {
      KnowledgeFolder.Entry existing = KnowledgeFolder.read(target);
      if (existing.ok() && existing.document().published()) {
        throw new KnowledgeException("知识库中已有已发布的 " + target.getFileName() + "，未覆盖；确需用新草稿替换请加 --force");
      }
    }
    try {
      Files.writeString(target, FrontMatter.render(doc, Map.of()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KnowledgeException("无法写入 " + target + ": " + e.getMessage());
    }
    return new Result(target, doc, cleaned.garbled(), cleaned.dropped(), warning);
  }

  static String format(Path source) {
    String name = source.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".html") || name.endsWith(".htm")) {
      return "html";
    }
    if (name.endsWith(".md") || name.endsWith(".markdown")) {
      return "md";
    }
    if (name.endsWith(".txt") || !name.contains(".")) {
      return "txt";
    }
    throw new KnowledgeException("不支持的文件类型: " + source.getFileName() + "（支持 .txt、.md、.html）");
  }

  private static String nz(String s) {
    return s == null ? "" : s.strip();
  }
}
