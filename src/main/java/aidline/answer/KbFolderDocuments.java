package aidline.answer;

import aidline.knowledge.KnowledgeException;
import aidline.knowledge.PolicyDocument;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The published documents of a knowledge-base folder ({@code **}{@code /*.md} with YAML front
 * matter, DESIGN.md). Drafts are skipped; a file without an id is skipped (a README, notes).
 */
public final class KbFolderDocuments implements DocumentLookup {
  private final Map<String, PolicyDocument> byId;

  private KbFolderDocuments(Map<String, PolicyDocument> byId) {
    this.byId = byId;
  }

  public static KbFolderDocuments of(List<PolicyDocument> docs) {
    Map<String, PolicyDocument> map = new LinkedHashMap<>();
    docs.stream().filter(PolicyDocument::published).forEach(d -> map.put(d.id(), d));
    return new KbFolderDocuments(map);
  }

  public static KbFolderDocuments load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new KnowledgeException("知识库目录不存在: " + dir);
    }
    Map<String, PolicyDocument> map = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        PolicyDocument d = parse(Files.readString(f, StandardCharsets.UTF_8), f);
        if (d != null && d.published()) {
          if (map.containsKey(d.id())) {
            throw new KnowledgeException("知识库文件 " + f + ": id " + d.id() + " 重复");
          }
          map.put(d.id(), d);
        }
      }
    } catch (IOException e) {
      throw new KnowledgeException("无法读取知识库目录 " + dir + ": " + e.getMessage());
    }
    return new KbFolderDocuments(map);
  }

  static PolicyDocument parse(String text, Path file) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (!t.startsWith("---")) {
      return null;
    }
    int end = t.indexOf("\n---", 3);
    if (end < 0) {
      throw new KnowledgeException("知识库文件 " + file + ": 文件头没有结束标记 ---");
    }
    JsonNode fm;
    try {
      fm = new ObjectMapper(new YAMLFactory()).readTree(t.substring(3, end));
    } catch (IOException e) {
      throw new KnowledgeException("知识库文件 " + file + ": 文件头不是有效的 YAML: " + e.getMessage());
    }
    if (fm == null || fm.path("id").asText("").isBlank()) {
      return null;
    }
    int bodyStart = t.indexOf('\n', end + 4);
    String body = bodyStart < 0 ? "" : t.substring(bodyStart + 1);
    return new PolicyDocument(
        fm.path("id").asText().trim(),
        fm.path("title").asText("").trim(),
        fm.path("region").asText("").trim(),
        fm.path("issuer").asText("").trim(),
        fm.path("docNumber").asText("").trim(),
        fm.path("date").asText("").trim(),
        fm.path("status").asText("published").trim(),
        fm.path("kind").asText("policy").trim(),
        fm.path("sourceUrl").asText("").trim(),
        body);
  }

  @Override
  public Optional<PolicyDocument> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public Collection<PolicyDocument> all() {
    return byId.values();
  }
}
