package aidline.security;

import aidline.http.Callers;
import aidline.values.Caller;
import aidline.values.Role;
import io.javalin.http.Context;
import java.util.Optional;

/** The logged-in user of a request, set by {@link AccessControl}; the one place handlers ask. */
public final class CurrentUser {
  static final String KEY = "aidline.user";

  private CurrentUser() {}

  /** Called by {@link AccessControl} once the token is checked (and by tests standing in for it). */
  public static void set(Context ctx, User user) {
    ctx.attribute(KEY, user);
    Callers.set(ctx, new Caller(user.username(), user.role()));
  }

  public static Optional<User> of(Context ctx) {
    return Optional.ofNullable(ctx.attribute(KEY));
  }

  /** The name recorded as actor in histories and the audit log. */
  public static String actor(Context ctx) {
    return Callers.of(ctx).username();
  }

  /** The caller's role, or null for an anonymous caller. */
  public static Role role(Context ctx) {
    return of(ctx).map(User::role).orElse(null);
  }
}
