package aidline.knowledge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Parents' words → policy words, from an editable data file ({@code synonyms.txt} in the
 * knowledge-base folder). Each line is {@code 住校, 住宿 => 寄宿, 寄宿生}: when a question contains a
 * word on the left, the words on the right are added to the query. {@code #} starts a comment.
 */
public final class Synonyms {
  public static final String FILE_NAME = "synonyms.txt";

  public record Rule(List<String> from, List<String> to) {}

  private final List<Rule> rules;

  private Synonyms(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static Synonyms none() {
    return new Synonyms(List.of());
  }

  public static Synonyms load(Path file) {
    if (!Files.exists(file)) {
      return none();
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new KnowledgeException("无法读取同义词文件 " + file + ": " + e.getMessage());
    }
  }

  public static Synonyms parse(String text, String source) {
    List<Rule> rules = new ArrayList<>();
    int n = 0;
    for (String raw : text.split("\n")) {
      n++;
      String line = raw.replaceFirst("#.*$", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] sides = line.split("=>");
      if (sides.length != 2) {
        throw new KnowledgeException("同义词文件 " + source + " 第 " + n + " 行格式应为“家长用语, … => 政策用语, …”: " + raw.strip());
      }
      List<String> from = words(sides[0]);
      List<String> to = words(sides[1]);
      if (from.isEmpty() || to.isEmpty()) {
        throw new KnowledgeException("同义词文件 " + source + " 第 " + n + " 行两边都要有词: " + raw.strip());
      }
      rules.add(new Rule(from, to));
    }
    return new Synonyms(rules);
  }

  private static List<String> words(String side) {
    List<String> out = new ArrayList<>();
    for (String w : side.split("[,，、]")) {
      String t = ChineseText.normalize(w).strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** The policy words to add for a (normalised) question, without duplicates. */
  public List<String> expansions(String question) {
    Set<String> out = new LinkedHashSet<>();
    for (Rule r : rules) {
      for (String w : r.from()) {
        if (question.contains(w)) {
          out.addAll(r.to());
          break;
        }
      }
    }
    out.removeIf(question::contains);
    return List.copyOf(out);
  }

  public List<Rule> rules() {
    return rules;
  }
}
