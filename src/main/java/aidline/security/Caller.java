package aidline.security;

import io.javalin.http.Context;

/** Who is making a request. */
public record Caller(String username, Role role) {
  /**
   * The caller of an HTTP request. Until accounts and tokens exist (the auth issue replaces this
   * one method), every request counts as a staff member named "staff".
   */
  public static Caller of(Context ctx) {
    return new Caller("staff", Role.STAFF);
  }
}
