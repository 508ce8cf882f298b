package aidline.ticket;

import aidline.security.Role;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who is acting on a request. The accounts issue will put the signed-in user's name under the
 * request attribute {@code user} (and role under {@code role}); until then actions are recorded as
 * "system". This is the one place to change when authentication lands.
 */
final class ActingUser {
  static final String SYSTEM = "system";

  private ActingUser() {}

  static String name(Context ctx) {
    Object user = ctx.attribute("user");
    return user instanceof String s && !s.isBlank() ? s : SYSTEM;
  }

  /** The signed-in role, empty until authentication exists (then route roles are enforced too). */
  static Optional<Role> role(Context ctx) {
    Object role = ctx.attribute("role");
    return role instanceof Role r ? Optional.of(r) : Optional.empty();
  }
}
