package aidline.values;

/**
 * Who may do what. Each role includes the powers of the ones before it: staff can do what
 * operators can, admin what staff can. A plain value: the HTTP glue is {@code http.RequiredRole}.
 */
public enum Role {
  OPERATOR("接线员"), STAFF("工作人员"), ADMIN("管理员");

  private final String label;

  Role(String label) {
    this.label = label;
  }

  /** The Chinese name staff see. */
  public String label() {
    return label;
  }

  public boolean includes(Role other) {
    return ordinal() >= other.ordinal();
  }
}
