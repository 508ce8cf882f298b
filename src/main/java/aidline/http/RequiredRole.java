package aidline.http;

import aidline.values.Role;
import io.javalin.security.RouteRole;
import java.util.Collection;
import java.util.Optional;

/**
 * Javalin's view of a {@link Role}: routes are registered with one of these, and the access check
 * reads the lowest one back. Keeps Javalin's {@code RouteRole} out of the {@code Role} value.
 */
public record RequiredRole(Role role) implements RouteRole {
  public static final RequiredRole OPERATOR = new RequiredRole(Role.OPERATOR);
  public static final RequiredRole STAFF = new RequiredRole(Role.STAFF);
  public static final RequiredRole ADMIN = new RequiredRole(Role.ADMIN);

  /** The lowest role among a route's roles; empty for a public route. */
  public static Optional<Role> lowest(Collection<? extends RouteRole> routeRoles) {
    return routeRoles.stream().filter(RequiredRole.class::isInstance).map(r -> ((RequiredRole) r).role())
        .min(Role::compareTo);
  }
}
