package aidline.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads the policy documents of a knowledge-base folder ({@code **}{@code /*.md}). */
public final class KnowledgeFolder {
  private KnowledgeFolder() {}

  /** One file as read: its document, or the reason it could not be read. */
  public record Entry(Path file, FileTime modified, PolicyDocument document, String error) {
    public boolean ok() {
      return document != null;
    }
  }

  public static List<Path> markdownFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new KnowledgeException.FolderMissing(dir);
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".md"))
          .filter(Files::isRegularFile)
          .filter(p -> !isHidden(dir.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      // the folder (or part of it) vanished while being read, e.g. during a redeploy
      if (!Files.isDirectory(dir)) {
        throw new KnowledgeException.FolderMissing(dir);
      }
      throw new KnowledgeException("读取知识库目录失败，请稍后重试: " + dir);
    }
  }

  /** Dot-files and folders (editor swap files, .git) are not documents; README.md is not either. */
  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return relative.getFileName().toString().equalsIgnoreCase("README.md");
  }

  public static Entry read(Path file) {
    FileTime modified;
    String text;
    try {
      modified = Files.getLastModifiedTime(file);
      text = decode(Files.readAllBytes(file));
    } catch (IOException e) {
      return new Entry(file, null, null, "无法读取: " + e.getMessage());
    }
    try {
      return new Entry(file, modified, toDocument(file, text), null);
    } catch (KnowledgeException e) {
      return new Entry(file, modified, null, e.getMessage());
    }
  }

  private static String decode(byte[] bytes) throws CharacterCodingException {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new CharacterCodingException() {
        @Override
        public String getMessage() {
          return "不是 UTF-8 编码";
        }
      };
    }
  }

  /** Missing id → the file name; missing title → the first heading or the file name. */
  static PolicyDocument toDocument(Path file, String text) {
    FrontMatter.Parsed p = FrontMatter.parse(text);
    Map<String, String> f = p.fields();
    String stem = file.getFileName().toString().replaceFirst("\\.md$", "");
    String id = value(f, "id", stem);
    if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
      throw new KnowledgeException("文档编号 id 只能用字母、数字、点、下划线和连字符: " + id);
    }
    String title = value(f, "title", firstHeading(p.body()).orElse(stem));
    String status = value(f, "status", "published").toLowerCase(Locale.ROOT);
    return new PolicyDocument(
        id,
        title,
        value(f, "region", ""),
        value(f, "issuer", ""),
        value(f, "docNumber", ""),
        value(f, "date", ""),
        status,
        value(f, "kind", "policy"),
        value(f, "sourceUrl", ""),
        p.body());
  }

  private static Optional<String> firstHeading(String body) {
    return body.lines().filter(l -> l.startsWith("#")).map(l -> l.replaceFirst("^#+\\s*", "").strip()).filter(s -> !s.isEmpty()).findFirst();
  }

  private static String value(Map<String, String> f, String key, String dflt) {
    String v = f.get(key);
    return v == null || v.isBlank() ? dflt : v.strip();
  }

  /** Reads every document of the folder; a file that fails is reported, not fatal. */
  public static List<Entry> readAll(Path dir) {
    List<Entry> out = new ArrayList<>();
    for (Path file : markdownFiles(dir)) {
      out.add(read(file));
    }
    return out;
  }
}
