package aidline.ticket;

import aidline.security.CurrentUser;
import aidline.security.Role;
import io.javalin.http.Context;
import java.util.Optional;

/** Who is acting on a request, as established by {@code security.AccessControl}. */
final class ActingUser {
  private ActingUser() {}

  static String name(Context ctx) {
    return CurrentUser.actor(ctx);
  }

  /** The signed-in role; empty for an anonymous caller (route roles already keep those out). */
  static Optional<Role> role(Context ctx) {
    return Optional.ofNullable(CurrentUser.role(ctx));
  }
}
