package aidline.http;

import aidline.values.Caller;
import io.javalin.http.Context;
import java.util.Optional;

/** The signed-in {@link Caller} of a request, put there by the access check; the one place handlers ask. */
public final class Callers {
  private static final String KEY = "aidline.caller";

  private Callers() {}

  public static void set(Context ctx, Caller caller) {
    ctx.attribute(KEY, caller);
  }

  /** The signed-in caller, if any. */
  public static Optional<Caller> signedIn(Context ctx) {
    return Optional.ofNullable(ctx.attribute(KEY));
  }

  /**
   * The signed-in caller (the route's role has been checked by now); without one, the least
   * privileged caller, so nothing is shown unmasked.
   */
  public static Caller of(Context ctx) {
    return signedIn(ctx).orElseGet(Caller::anonymous);
  }
}
