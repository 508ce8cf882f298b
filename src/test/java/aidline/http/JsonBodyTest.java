package aidline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A before-handler and its route read one parse of the body, not two. */
class JsonBodyTest {
  @Test
  void theBeforeHandlerAndTheRouteShareOneParse() {
    List<String> seen = new ArrayList<>();
    Javalin app = Javalin.create(cfg -> {
      cfg.routes.before("/echo", ctx -> ctx.attribute("first", JsonBody.tree(ctx, Json.mapper())));
      cfg.routes.post("/echo", ctx -> {
        JsonNode first = ctx.attribute("first");
        JsonNode again = JsonBody.tree(ctx, Json.mapper());
        seen.add((first == again) + ":" + (again == null ? "empty" : again.path("user").asText()));
        ctx.result("ok");
      });
      cfg.routes.post("/bad", ctx -> {
        for (int i = 0; i < 2; i++) {
          try {
            JsonBody.tree(ctx, Json.mapper());
            seen.add("parsed");
          } catch (IOException e) {
            seen.add("malformed");
          }
        }
        ctx.result("ok");
      });
    });
    JavalinTest.test(app, (server, client) -> {
      client.post("/echo", "{\"user\":\"u1\"}");
      client.post("/echo", "");
      client.post("/bad", "{not json");
    });
    assertEquals(List.of("true:u1", "true:empty", "malformed", "malformed"), seen);
  }
}
