package aidline.values;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * 学段, shared by the answer engine, the student rolls and the staff lookup. {@link #TEACHER} only
 * exists for the per-teacher standards (乡村教师生活补助): no pupil has it, so {@link #parse} never
 * returns it. The lower-case names are used in the data files.
 */
public enum Stage {
  PRESCHOOL("学前"), PRIMARY("小学"), JUNIOR("初中"), SENIOR("普通高中"), VOCATIONAL("中职"), HIGHER("高校"), TEACHER("乡村教师");

  /** The stages a pupil can be at. */
  public static final Set<Stage> PUPILS = Set.of(PRESCHOOL, PRIMARY, JUNIOR, SENIOR, VOCATIONAL, HIGHER);

  private final String label;

  Stage(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Stage fromWire(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }

  /** Reads 学段 (小学, 初中, 高中, 中职, 技校, 幼儿园 …) or a grade that implies it (初二, 高一, 大班). */
  public static Optional<Stage> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.strip();
    for (Stage s : values()) {
      if (s != TEACHER && (s.label.equals(t) || s.name().equalsIgnoreCase(t))) {
        return Optional.of(s);
      }
    }
    if (t.contains("幼") || t.contains("学前") || t.matches("(大|中|小)班")) {
      return Optional.of(PRESCHOOL);
    }
    if (t.contains("中职") || t.contains("中专") || t.contains("技校") || t.contains("职高") || t.contains("职业高中")
        || t.contains("技工")) {
      return Optional.of(VOCATIONAL);
    }
    if (t.contains("高校") || t.contains("大学") || t.contains("本科") || t.contains("专科") || t.contains("高职")) {
      return Optional.of(HIGHER);
    }
    if (t.startsWith("高") || t.contains("高中")) {
      return Optional.of(SENIOR);
    }
    if (t.startsWith("初") || t.contains("初中") || t.matches("[七八九]年级")) {
      return Optional.of(JUNIOR);
    }
    if (t.contains("小学") || t.matches("[一二三四五六1-6]年级")) {
      return Optional.of(PRIMARY);
    }
    return Optional.empty();
  }
}
