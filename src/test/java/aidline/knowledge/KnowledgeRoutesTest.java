package aidline.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.http.Health;
import aidline.http.HttpServer;
import aidline.http.Json;
import aidline.http.Metrics;
import aidline.storage.Database;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeRoutesTest {
  @TempDir Path dir;

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void searchReturnsCitedPassagesAndRejectsBadRequestsInChinese() {
    try (Database db = Database.open(new AppConfig.Storage(dir.resolve("t.db").toString(), "FULL", 5000));
        KnowledgeBase kb = KnowledgeBase.open(Path.of("knowledge-base"))) {
      Javalin app =
          HttpServer.create(
              new AppConfig.Server("127.0.0.1", 0, 1 << 20, 0), Json.mapper(), new Metrics(),
              new Health(db::reachable, kb::documentCount, "test"), List.of(new KnowledgeRoutes(kb)));
      JavalinTest.test(
          app,
          (server, client) -> {
            var res = client.get("/api/search?q=" + enc("寄宿生生活补助") + "&region=" + enc("岳阳") + "&limit=3");
            assertEquals(200, res.code());
            JsonNode body = Json.mapper().readTree(res.body().string());
            assertEquals("湖南省岳阳市", body.get("region").asText());
            JsonNode top = body.get("hits").get(0);
            assertEquals("yueyang-jyfp-2016", top.get("docId").asText());
            assertEquals("五（二）2", top.get("citation").asText());
            assertEquals("五、政策措施 > （二） > 2.", top.get("section").asText());
            assertEquals("岳教体办通〔2016〕17号", top.get("docNumber").asText());
            assertTrue(top.get("snippet").asText().contains("【"));
            assertTrue(top.get("score").asDouble() > 0);
            assertEquals(3, body.get("hits").size());

            var syntax = client.get("/api/search?q=" + enc("*:* \"\\"));
            assertEquals(200, syntax.code());

            var noQ = client.get("/api/search");
            assertEquals(400, noQ.code());
            JsonNode err = Json.mapper().readTree(noQ.body().string());
            assertEquals("invalid_search", err.get("code").asText());
            assertTrue(err.get("message").asText().contains("请提供"));
            assertEquals(400, client.get("/api/search?q=x&region=" + enc("火星")).code());
            assertEquals(400, client.get("/api/search?q=x&limit=abc").code());
            assertEquals(400, client.get("/api/search?q=x&limit=500").code());

            var reindex = client.post("/api/admin/kb/reindex");
            assertEquals(200, reindex.code());
            assertEquals(7, Json.mapper().readTree(reindex.body().string()).get("documents").asInt());
            assertEquals(7, Json.mapper().readTree(client.get("/health").body().string()).get("knowledgeDocuments").asInt());
          });
    }
  }
}
