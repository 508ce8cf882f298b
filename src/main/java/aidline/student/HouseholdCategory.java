package aidline.student;

import java.util.Optional;

/** 家庭类别 that make a student eligible for targeted aid; codes follow DESIGN.md's domain words. */
public enum HouseholdCategory {
  REGISTERED_POOR("registeredPoor", "建档立卡"),
  LOW_INCOME("lowIncome", "农村低保"),
  EXTREME_POVERTY("extremePoverty", "特困供养"),
  ORPHAN("orphan", "孤儿"),
  DISABLED("disabled", "持证残疾");

  private final String code;
  private final String label;

  HouseholdCategory(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  /** Reads a label as written in rolls (建档立卡贫困户, 低保户, 残疾 …) or a code. */
  public static Optional<HouseholdCategory> parse(String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    for (HouseholdCategory c : values()) {
      if (c.code.equalsIgnoreCase(t) || t.contains(c.label)) {
        return Optional.of(c);
      }
    }
    if (t.contains("建档") || t.contains("贫困户")) {
      return Optional.of(REGISTERED_POOR);
    }
    if (t.contains("低保")) {
      return Optional.of(LOW_INCOME);
    }
    if (t.contains("特困") || t.contains("五保")) {
      return Optional.of(EXTREME_POVERTY);
    }
    if (t.contains("残疾")) {
      return Optional.of(DISABLED);
    }
    return Optional.empty();
  }

  public static Optional<HouseholdCategory> byCode(String code) {
    for (HouseholdCategory c : values()) {
      if (c.code.equals(code)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
