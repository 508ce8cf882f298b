package aidline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 15, L1: forwarding headers count only from a configured proxy. */
class ClientAddressTest {
  static Javalin echo(ClientAddress address) {
    return Javalin.create(c -> c.routes.get("/", ctx -> ctx.result(address.secure(ctx) + " " + address.ip(ctx))));
  }

  @Test
  void headersFromAnUntrustedPeerAreIgnored() {
    JavalinTest.test(echo(ClientAddress.none()), (server, client) -> {
      String out = client.get("/", r -> r.header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "6.6.6.6")).body().string();
      assertEquals("false 127.0.0.1", out);
    });
  }

  @Test
  void aTrustedProxySaysHttpsAndTheClientAddress() {
    JavalinTest.test(echo(new ClientAddress(List.of("127.0.0.1"))), (server, client) -> {
      String out = client.get("/", r -> r.header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "1.1.1.1, 203.0.113.9"))
          .body().string();
      assertEquals("true 203.0.113.9", out);
      assertEquals("false 127.0.0.1", client.get("/").body().string());
    });
  }
}
