package aidline.security;

import aidline.values.Role;
import java.util.Locale;

/** Wire names (operator/staff/admin) and Chinese names of roles. */
public final class RoleNames {
  private RoleNames() {}

  public static String wire(Role r) {
    return r.name().toLowerCase(Locale.ROOT);
  }

  public static Role parse(String s) {
    if (s != null) {
      for (Role r : Role.values()) {
        if (r.name().equalsIgnoreCase(s.trim())) {
          return r;
        }
      }
    }
    throw new SecurityException.InvalidAccount("角色只能是 operator（接线员）、staff（工作人员）或 admin（管理员）");
  }

  public static String chinese(Role r) {
    return r.label();
  }
}
