package aidline.ticket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The category table: lookup by code or Chinese name, and a keyword guess for chat reports. */
public final class Categories {
  static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");
  static final String FALLBACK = "other";

  private final Map<String, Category> byCode;
  private final List<Category> ordered;

  public Categories(List<Category> list) {
    Map<String, Category> m = new LinkedHashMap<>();
    for (Category c : list) {
      if (c.deadlineDays() < 1) {
        throw new InvalidTicketException("工单分类 " + c.code() + " 的 deadlineDays 必须是正整数");
      }
      if (!PRIORITIES.contains(c.priority())) {
        throw new InvalidTicketException("工单分类 " + c.code() + " 的 priority 必须是 " + PRIORITIES + " 之一");
      }
      if (m.put(c.code(), c) != null) {
        throw new InvalidTicketException("工单分类代码重复: " + c.code());
      }
    }
    if (!m.containsKey(FALLBACK)) {
      throw new InvalidTicketException("工单分类文件必须包含 code: other（其他）");
    }
    this.byCode = Map.copyOf(m);
    this.ordered = List.copyOf(m.values());
  }

  public static Categories load(Path file) {
    if (!Files.exists(file)) {
      throw new InvalidTicketException("找不到工单分类文件 " + file);
    }
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      List<Category> list = new ArrayList<>();
      if (root == null || !root.isArray()) {
        throw new InvalidTicketException("工单分类文件 " + file + " 应是一个列表");
      }
      for (JsonNode n : root) {
        List<String> keywords = new ArrayList<>();
        n.path("keywords").forEach(k -> keywords.add(k.asText()));
        String code = n.path("code").asText("").trim();
        String name = n.path("name").asText("").trim();
        String dept = n.path("department").asText("").trim();
        if (code.isEmpty() || name.isEmpty() || dept.isEmpty()) {
          throw new InvalidTicketException("工单分类文件 " + file + " 中有条目缺少 code、name 或 department");
        }
        list.add(new Category(code, name, n.path("deadlineDays").asInt(0), dept, n.path("priority").asText("normal"), List.copyOf(keywords)));
      }
      return new Categories(list);
    } catch (IOException e) {
      throw new InvalidTicketException("无法读取工单分类文件 " + file + ": " + e.getMessage());
    }
  }

  public List<Category> all() {
    return ordered;
  }

  /** By code (aid_not_received) or Chinese name (资助未到账). */
  public Optional<Category> find(String codeOrName) {
    if (codeOrName == null || codeOrName.isBlank()) {
      return Optional.empty();
    }
    String t = codeOrName.trim();
    Category c = byCode.get(t);
    if (c != null) {
      return Optional.of(c);
    }
    return ordered.stream().filter(x -> x.name().equals(t)).findFirst();
  }

  public Category require(String codeOrName) {
    return find(codeOrName)
        .orElseThrow(() -> new InvalidTicketException("未知的工单分类: " + codeOrName + "（可选: " + names() + "）"));
  }

  public Category byCode(String code) {
    return require(code);
  }

  /** The first category whose keyword occurs in the text, else 其他. */
  public Category guess(String text) {
    if (text != null) {
      for (Category c : ordered) {
        for (String k : c.keywords()) {
          if (!k.isBlank() && text.contains(k)) {
            return c;
          }
        }
      }
    }
    return byCode.get(FALLBACK);
  }

  private String names() {
    return String.join("、", ordered.stream().map(c -> c.code() + "/" + c.name()).toList());
  }
}
