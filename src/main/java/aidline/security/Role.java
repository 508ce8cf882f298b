package aidline.security;

import io.javalin.security.RouteRole;

/**
 * Who may call a route. A route registered without roles is public. Each role includes the
 * powers of the ones before it: staff can do what operators can, admin what staff can.
 */
public enum Role implements RouteRole {
  OPERATOR, STAFF, ADMIN;

  public boolean includes(Role other) {
    return ordinal() >= other.ordinal();
  }
}
