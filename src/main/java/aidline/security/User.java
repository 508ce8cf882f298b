package aidline.security;

import aidline.values.Role;
/** An operator, staff or admin account (never a parent: parents are not users). */
public record User(String username, Role role, String displayName, boolean disabled) {
  /** The actor recorded when no one is logged in (CLI, background jobs). */
  public static final User SYSTEM = new User("system", Role.ADMIN, "系统", false);
}
