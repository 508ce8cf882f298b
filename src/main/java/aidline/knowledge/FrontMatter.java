package aidline.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the YAML front matter of a knowledge-base file ({@code ---} lines around it).
 * Unknown keys are kept on read and ignored by the document model.
 */
public final class FrontMatter {
  /** Front-matter keys in the order DESIGN.md lists them. */
  public static final String[] KEYS = {"id", "title", "region", "issuer", "docNumber", "date", "status", "kind", "sourceUrl"};

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private FrontMatter() {}

  /** The split file: front-matter values as text, and the Markdown body after it. */
  public record Parsed(Map<String, String> fields, String body) {}

  public static Parsed parse(String text) {
    String t = text.replace("\uFEFF", "").replace("\r\n", "\n");
    if (!t.startsWith("---\n")) {
      return new Parsed(Map.of(), t);
    }
    int end = t.indexOf("\n---", 4);
    if (end < 0) {
      throw new KnowledgeException("文件开头的 --- 前言没有结束行 ---");
    }
    String yaml = t.substring(4, end);
    int bodyStart = t.indexOf('\n', end + 1);
    String body = bodyStart < 0 ? "" : t.substring(bodyStart + 1).replaceFirst("^\\n+", "");
    Map<String, String> fields = new LinkedHashMap<>();
    try {
      JsonNode root = YAML.readTree(yaml);
      if (root != null && root.isObject()) {
        root.fields()
            .forEachRemaining(
                e -> fields.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
      } else if (root != null && !root.isMissingNode() && !root.isNull()) {
        throw new KnowledgeException("前言不是“键: 值”格式");
      }
    } catch (IOException e) {
      throw new KnowledgeException("前言 YAML 格式错误: " + firstLine(e.getMessage()));
    }
    return new Parsed(fields, body);
  }

  /** The document as a file: front matter (every known key, plus {@code extra}) and body. */
  public static String render(PolicyDocument d, Map<String, String> extra) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("id", d.id());
    values.put("title", d.title());
    values.put("region", d.region());
    values.put("issuer", d.issuer());
    values.put("docNumber", d.docNumber());
    values.put("date", d.date());
    values.put("status", d.status());
    values.put("kind", d.kind());
    values.put("sourceUrl", d.sourceUrl());
    values.putAll(extra);
    StringBuilder sb = new StringBuilder("---\n");
    values.forEach((k, v) -> sb.append(k).append(": ").append(scalar(v)).append('\n'));
    sb.append("---\n\n").append(d.body().strip()).append('\n');
    return sb.toString();
  }

  /** A YAML scalar: plain when safe, otherwise double-quoted with escapes. */
  static String scalar(String v) {
    if (v == null || v.isEmpty()) {
      return "\"\"";
    }
    boolean plain =
        !v.contains(": ") && !v.contains(" #") && !v.contains("\n") && !v.contains("\"") && !v.contains("'")
            && "-?:,[]{}#&*!|>%@`\"' ".indexOf(v.charAt(0)) < 0 && !v.endsWith(":") && !v.endsWith(" ")
            && !v.matches("(?i)true|false|yes|no|on|off|null|~|[-+]?[0-9.]+([eE][-+]?[0-9]+)?");
    if (plain) {
      return v;
    }
    return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private static String firstLine(String m) {
    return m == null ? "" : m.lines().findFirst().orElse("");
  }
}
