package aidline.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The province → city → county hierarchy from {@code regions.yaml}, with lookup by full path, name or
 * short name (岳阳, 华容, 恩施州), and mention-finding in free text.
 */
public final class Regions {
  /**
   * The administrative suffix dropped to make a short name, with the peoples an autonomous area is
   * named for (恩施土家族苗族自治州 → 恩施, 广西壮族自治区 → 广西); at least two characters stay.
   */
  private static final Pattern SUFFIX = Pattern.compile(
      "^(.{2,}?)((?:[^族]{1,4}族)*自治[州县区旗]|特别行政区|管理区|新区|林区|地区|省|市|州|县|区|盟|旗)$");

  private final Map<String, Region> byPath = new LinkedHashMap<>();
  private final Map<String, List<Region>> byName = new LinkedHashMap<>();
  private volatile List<String> longestFirst;

  private Regions() {}

  public static Regions empty() {
    return new Regions();
  }

  public static Regions load(Path file) {
    Regions r = new Regions();
    if (!Files.exists(file)) {
      return r;
    }
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      if (root != null && root.isArray()) {
        for (JsonNode n : root) {
          r.add(n, null, 1, List.of());
        }
      }
      return r;
    } catch (IOException e) {
      throw new KnowledgeException("无法读取地区文件 " + file + ": " + e.getMessage());
    }
  }

  private void add(JsonNode node, String parentPath, int level, List<String> parentLineage) {
    String name = node.path("name").asText("").trim();
    if (name.isEmpty()) {
      throw new KnowledgeException("地区文件中有缺少 name 的条目");
    }
    String path = parentPath == null ? name : parentPath + name;
    List<String> lineage = new ArrayList<>(parentLineage);
    lineage.add(path);
    Region region = new Region(name, path, level, parentPath, List.copyOf(lineage));
    byPath.put(path, region);
    index(name, region);
    index(path, region);
    String shortName = shortName(name);
    if (!shortName.equals(name)) {
      index(shortName, region);
    }
    for (JsonNode alias : node.path("aliases")) {
      index(alias.asText().trim(), region);
    }
    for (JsonNode child : node.path("children")) {
      add(child, path, level + 1, lineage);
    }
  }

  /** Adds a region path met in a document (e.g. a foreign knowledge base without regions.yaml). */
  public void addPath(String fullPath) {
    if (fullPath == null || fullPath.isBlank() || byPath.containsKey(fullPath) || Region.NATIONWIDE.equals(fullPath)) {
      return;
    }
    List<String> parts = splitPath(fullPath);
    String parent = null;
    List<String> lineage = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      String path = parent == null ? parts.get(i) : parent + parts.get(i);
      lineage.add(path);
      if (!byPath.containsKey(path)) {
        Region region = new Region(parts.get(i), path, i + 1, parent, List.copyOf(lineage));
        byPath.put(path, region);
        index(parts.get(i), region);
        index(path, region);
        String s = shortName(parts.get(i));
        if (!s.equals(parts.get(i))) {
          index(s, region);
        }
      }
      parent = path;
    }
  }

  /** Splits 广东省惠州市惠东县 into its administrative parts. */
  static List<String> splitPath(String fullPath) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < fullPath.length(); i++) {
      char c = fullPath.charAt(i);
      cur.append(c);
      char next = i + 1 < fullPath.length() ? fullPath.charAt(i + 1) : ' ';
      boolean nextIsSuffix = next == '市' || next == '县' || next == '区';
      boolean end = (c == '省' || c == '县' || c == '区' || c == '市' || c == '州') && !nextIsSuffix;
      if (end && cur.length() >= 2) {
        parts.add(cur.toString());
        cur.setLength(0);
      }
    }
    if (cur.length() > 0) {
      parts.add(cur.toString());
    }
    return parts;
  }

  /** Names sorted longest first, kept until the next name is added (findIn runs per message). */
  private List<String> namesLongestFirst() {
    List<String> sorted = longestFirst;
    if (sorted == null) {
      sorted = new ArrayList<>(byName.keySet());
      sorted.sort(Comparator.comparingInt(String::length).reversed());
      sorted = List.copyOf(sorted);
      longestFirst = sorted;
    }
    return sorted;
  }

  private void index(String key, Region region) {
    if (key.length() < 2) {
      return;
    }
    longestFirst = null;
    List<Region> list = byName.computeIfAbsent(key, k -> new ArrayList<>());
    if (!list.contains(region)) {
      list.add(region);
    }
  }

  static String shortName(String name) {
    Matcher m = SUFFIX.matcher(name);
    return m.matches() ? m.group(1) : name;
  }

  public Optional<Region> byPath(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  /** Resolves a full path, a name or a short name; the least deep region wins an ambiguity. */
  public Optional<Region> resolve(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.trim();
    Region exact = byPath.get(t);
    if (exact != null) {
      return Optional.of(exact);
    }
    List<Region> list = byName.get(t);
    if (list != null && !list.isEmpty()) {
      return list.stream().min(Comparator.comparingInt(Region::level));
    }
    return findIn(t).stream().max(Comparator.comparingInt(Region::level));
  }

  /**
   * Regions mentioned in free text, most specific kept: "岳阳市华容县" yields 华容县 only, "岳阳" yields
   * 岳阳市. Longest names are matched first so 岳阳县 is not read as 岳阳.
   */
  public List<Region> findIn(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<String> keys = namesLongestFirst();
    boolean[] used = new boolean[text.length()];
    List<Region> found = new ArrayList<>();
    for (String key : keys) {
      int from = 0;
      int at;
      while ((at = text.indexOf(key, from)) >= 0) {
        from = at + 1;
        if (overlaps(used, at, key.length())) {
          continue;
        }
        for (int i = at; i < at + key.length(); i++) {
          used[i] = true;
        }
        Region r = byName.get(key).stream().min(Comparator.comparingInt(Region::level)).orElseThrow();
        if (!found.contains(r)) {
          found.add(r);
        }
      }
    }
    // keep the most specific: drop a region whose descendant was also mentioned
    List<Region> specific = new ArrayList<>();
    for (Region r : found) {
      boolean hasDescendant = found.stream().anyMatch(o -> o != r && o.lineage().contains(r.path()));
      if (!hasDescendant) {
        specific.add(r);
      }
    }
    return specific;
  }

  private static boolean overlaps(boolean[] used, int at, int len) {
    for (int i = at; i < at + len; i++) {
      if (used[i]) {
        return true;
      }
    }
    return false;
  }

  public Collection<Region> all() {
    return byPath.values();
  }
}
