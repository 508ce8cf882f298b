package aidline.values;

/**
 * Who may do what. Each role includes the powers of the ones before it: staff can do what
 * operators can, admin what staff can. A plain value: the HTTP glue is {@code http.RequiredRole}.
 */
public enum Role {
  OPERATOR, STAFF, ADMIN;

  public boolean includes(Role other) {
    return ordinal() >= other.ordinal();
  }
}
