package aidline.student;

import java.util.Optional;

/**
 * Where an aid application stands. The steps are the school procedure in seed 003 part 2
 * (学生申请 → 评审 → 公示 → 上报审批 → 发放资助资金), plus 未通过 for a rejected application.
 */
public enum AidStatus {
  APPLIED("申请"),
  REVIEWED("评审"),
  PUBLICIZED("公示"),
  REPORTED("上报"),
  DISBURSED("已发放"),
  REJECTED("未通过");

  private final String label;

  AidStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean disbursed() {
    return this == DISBURSED;
  }

  public static Optional<AidStatus> parse(String text) {
    String t = text == null ? "" : text.strip();
    for (AidStatus s : values()) {
      if (s.label.equals(t) || s.name().equalsIgnoreCase(t)) {
        return Optional.of(s);
      }
    }
    if (t.contains("不通过") || t.contains("未通过") || t.contains("驳回")) {
      return Optional.of(REJECTED);
    }
    if (t.contains("未发放") || t.contains("未到账")) {
      return Optional.empty();
    }
    if (t.startsWith("已申请") || t.equals("申请中")) {
      return Optional.of(APPLIED);
    }
    if (t.contains("评审") || t.contains("审核")) {
      return Optional.of(REVIEWED);
    }
    if (t.contains("公示")) {
      return Optional.of(PUBLICIZED);
    }
    if (t.contains("上报") || t.contains("审批")) {
      return Optional.of(REPORTED);
    }
    if (t.contains("发放") || t.contains("到账")) {
      return Optional.of(DISBURSED);
    }
    return Optional.empty();
  }
}
