package aidline.http;

import io.javalin.config.RoutesConfig;

/** A feature's HTTP surface: its routes and the one error mapping for each of its exceptions. */
public interface RouteModule {
  void routes(RoutesConfig routes);

  default void errors(ErrorHandlers errors) {}
}
