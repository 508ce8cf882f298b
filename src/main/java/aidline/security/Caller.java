package aidline.security;

import io.javalin.http.Context;

/** Who is making a request, as the student feature needs it: a name for the audit log and a role for masking. */
public record Caller(String username, Role role) {
  /**
   * The logged-in user of the request ({@link AccessControl} has checked the route's role by now);
   * without one, the least privileged role, so nothing is shown unmasked.
   */
  public static Caller of(Context ctx) {
    Role role = CurrentUser.role(ctx);
    return new Caller(CurrentUser.actor(ctx), role == null ? Role.OPERATOR : role);
  }
}
