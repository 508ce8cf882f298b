package aidline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.storage.Database;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthRouteTest {
  @TempDir Path dir;

  @Test
  void healthReportsDatabaseAndDocuments() {
    try (Database db = Database.open(new AppConfig.Storage(dir.resolve("t.db").toString(), "FULL", 5000))) {
      Health health = new Health(db::reachable,
          () -> new Health.Db(db.dialect().engine(), new Health.Pool(db.poolStats().active(), db.poolStats().idle(),
              db.poolStats().total(), db.poolStats().waiting())), () -> 7, "test");
      Javalin app =
          HttpServer.create(
              new AppConfig.Server("127.0.0.1", 0, 1 << 20, 0), Json.mapper(), new Metrics(), health, List.of());
      JavalinTest.test(
          app,
          (server, client) -> {
            var res = client.get("/health");
            assertEquals(200, res.code());
            JsonNode body = Json.mapper().readTree(res.body().string());
            assertEquals("ok", body.get("status").asText());
            assertEquals(7, body.get("knowledgeDocuments").asInt());
            assertTrue(body.get("database").asBoolean());
            assertEquals("sqlite", body.path("db").path("engine").asText());
            assertTrue(body.path("db").path("pool").path("total").asInt() >= 1, body.toString());
            assertTrue(body.path("db").path("pool").has("waiting"), body.toString());
            var metrics = client.get("/metrics").body().string();
            assertTrue(metrics.contains("http_server_requests"), metrics);
            var missing = client.get("/no-such-page");
            assertEquals(404, missing.code());
            String b = missing.body().string();
            assertTrue(b.contains("找不到"), b + " " + missing.headers());
          });
    }
  }
}
