package aidline.answer;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** 学段 (and 教师 for per-teacher standards); the lower-case names are used in the data files. */
public enum Stage {
  PRESCHOOL("学前"), PRIMARY("小学"), JUNIOR("初中"), SENIOR("普通高中"), VOCATIONAL("中职"), HIGHER("高校"), TEACHER("乡村教师");

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
}
