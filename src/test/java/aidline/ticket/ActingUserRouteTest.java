package aidline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import aidline.config.AppConfig;
import aidline.http.Health;
import aidline.http.HttpServer;
import aidline.http.Json;
import aidline.http.Metrics;
import aidline.http.RouteModule;
import aidline.security.CurrentUser;
import aidline.security.User;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import aidline.values.Role;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The plug point for the accounts issue: a signed-in user's name and role reach the history and merge. */
@ParameterizedClass
@EnumSource(Engine.class)
class ActingUserRouteTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;

  /** Stands in for the future authentication filter. */
  record FakeAuth(String user, Role role) implements RouteModule {
    @Override
    public void routes(RoutesConfig routes) {
      routes.before(ctx -> {
        CurrentUser.set(ctx, new User(user, role, user, false));
      });
    }
  }

  @Test
  void actorIsTheSignedInUserAndMergeNeedsStaff() {
    try (TestDesk desk = new TestDesk(dbs.open(engine))) {
      var app = HttpServer.create(
          new AppConfig.Server("127.0.0.1", 0, 1 << 20, 0), Json.mapper(), new Metrics(), new Health(desk.db::reachable, () -> 0, "t"),
          List.of(new FakeAuth("接线员小张", Role.OPERATOR), new TicketRoutes(desk.service, Json.mapper())));
      JavalinTest.test(app, (server, client) -> {
        String a = Json.mapper().readTree(client.post("/api/tickets", TicketRoutesTest.CREATE).body().string()).get("ticketNo").asText();
        String b = desk.service.open(TestDesk.hotline("13912345678", "另一单"), "x").ticket().ticketNo();
        JsonNode one = Json.mapper().readTree(client.get("/api/tickets/" + a).body().string());
        assertEquals("接线员小张", one.get("events").get(0).get("actor").asText());
        var merge = client.post("/api/tickets/" + b + "/actions", "{\"action\":\"merge\",\"into\":\"" + a + "\"}");
        assertEquals(403, merge.code());
        assertEquals("received", desk.service.get(b).ticket().status().wire());
      });
    }
  }
}
