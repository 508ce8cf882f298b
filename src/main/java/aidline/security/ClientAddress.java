package aidline.security;

import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * What a request's forwarding headers may be believed about: only a configured reverse proxy
 * ({@code security.trustedProxies}) may say the client used https or came from another address;
 * from anyone else the headers are ignored, so a client cannot claim either.
 */
public final class ClientAddress {
  private final Set<String> trusted;

  public ClientAddress(List<String> trustedProxies) {
    this.trusted = Set.copyOf(trustedProxies);
  }

  public static ClientAddress none() {
    return new ClientAddress(List.of());
  }

  private boolean fromProxy(Context ctx) {
    return !trusted.isEmpty() && trusted.contains(ctx.req().getRemoteAddr());
  }

  /** Whether the client's own connection was https (directly, or as a trusted proxy reports). */
  public boolean secure(Context ctx) {
    if ("https".equalsIgnoreCase(ctx.scheme())) {
      return true;
    }
    String proto = ctx.header("X-Forwarded-Proto");
    return proto != null && fromProxy(ctx) && "https".equalsIgnoreCase(proto.split(",")[0].trim());
  }

  /** The client's address: the proxy's last hop before it when the proxy is trusted. */
  public String ip(Context ctx) {
    String remote = ctx.req().getRemoteAddr();
    String forwarded = ctx.header("X-Forwarded-For");
    if (forwarded == null || !fromProxy(ctx)) {
      return remote;
    }
    String[] hops = forwarded.split(",");
    String last = hops[hops.length - 1].trim();
    return last.isEmpty() ? remote : last;
  }
}
