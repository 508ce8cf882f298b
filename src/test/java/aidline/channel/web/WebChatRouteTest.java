package aidline.channel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.conversation.Bot;
import aidline.conversation.ConversationStore;
import aidline.conversation.FakeEngine;
import aidline.conversation.FakeTicketDesk;
import aidline.conversation.TicketFormFlow;
import aidline.http.Health;
import aidline.http.HttpServer;
import aidline.http.Json;
import aidline.http.Metrics;
import aidline.knowledge.Regions;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class WebChatRouteTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;

  @Test
  void pageAndChatApi() {
    try (Database db = dbs.open(engine)) {
      FakeEngine engine = new FakeEngine();
      Bot bot = new Bot(engine, new FakeTicketDesk(), new ConversationStore(db, Json.mapper(), Clock.systemUTC()),
          new TicketFormFlow(Regions.load(Path.of("knowledge-base/regions.yaml"))));
      Javalin app = HttpServer.create(new AppConfig.Server("127.0.0.1", 0, 1 << 20, 0), Json.mapper(), new Metrics(),
          new Health(db::reachable, () -> 0, "t"), List.of(new WebChatModule(bot, Json.mapper())));
      JavalinTest.test(app, (server, client) -> {
        var page = client.get("/");
        assertEquals(200, page.code());
        String html = page.body().string();
        assertTrue(html.contains("学生资助政策助手") && html.contains("/api/chat") && html.contains("viewport"), "page");
        assertFalse(html.contains("http://") || html.contains("https://"), "the page must not fetch anything from elsewhere");

        JsonNode clarify = Json.mapper().readTree(client.post("/api/chat", "{\"user\":\"w1\",\"text\":\"初中寄宿生生活补助多少\"}").body().string());
        assertEquals("amount", clarify.get("intent").asText());
        assertTrue(clarify.get("clarify").asText().contains("市县"));
        JsonNode answer = Json.mapper().readTree(client.post("/api/chat", "{\"user\":\"w1\",\"text\":\"岳阳\"}").body().string());
        assertEquals(1250, answer.get("amounts").get(0).get("value").asInt());
        assertEquals("岳教体办通〔2016〕17号", answer.get("citations").get(0).get("docNumber").asText());
        assertEquals("w1", answer.get("user").asText());
        assertFalse(answer.get("handoff").asBoolean());

        JsonNode withRegion = Json.mapper().readTree(
            client.post("/api/chat", "{\"user\":\"w2\",\"text\":\"初中寄宿生生活补助多少\",\"region\":\"湖南省岳阳市\"}").body().string());
        assertEquals(1250, withRegion.get("amounts").get(0).get("value").asInt());

        JsonNode anon = Json.mapper().readTree(client.post("/api/chat", "{\"text\":\"你好\"}").body().string());
        assertTrue(anon.get("user").asText().startsWith("anon-"));

        var empty = client.post("/api/chat", "{\"user\":\"w1\",\"text\":\"  \"}");
        assertEquals(400, empty.code());
        String body = empty.body().string();
        assertTrue(body.contains("text 不能为空") && body.contains("bad_chat_request"), body);
        assertEquals(400, client.post("/api/chat", "not json").code());
        assertEquals(400, client.post("/api/chat", "{\"user\":\"w1\",\"text\":\"" + "问".repeat(2001) + "\"}").code());
        assertEquals(4, engine.calls.get());
      });
    }
  }

  @Test
  void historyKeepsEachBrowsersConversationAndNoticesForAReload() {
    try (Database db = dbs.open(engine)) {
      Bot bot = new Bot(new FakeEngine(), new FakeTicketDesk(), new ConversationStore(db, Json.mapper(), Clock.systemUTC()),
          new TicketFormFlow(Regions.load(Path.of("knowledge-base/regions.yaml"))));
      WebChatHistory history = new WebChatHistory(db, Clock.systemUTC());
      Javalin app = HttpServer.create(new AppConfig.Server("127.0.0.1", 0, 1 << 20, 0), Json.mapper(), new Metrics(),
          new Health(db::reachable, () -> 0, "t"), List.of(new WebChatModule(bot, Json.mapper(), c -> c.ip(), history)));
      JavalinTest.test(app, (server, client) -> {
        JsonNode filed = Json.mapper().readTree(client.post("/api/chat", "{\"user\":\"b1\",\"text\":\"补助一直没到账\"}").body().string());
        assertEquals(List.of("跳过", "取消"), Json.mapper().convertValue(filed.get("choices"), List.class));
        client.post("/api/chat", "{\"user\":\"b2\",\"text\":\"你好\"}");
        history.send("b1", "您的工单 GD1 办理中：工作人员已开始办理。");

        JsonNode all = Json.mapper().readTree(client.get("/api/chat/history?user=b1").body().string()).get("messages");
        assertEquals(3, all.size(), all.toString());
        assertEquals("user", all.get(0).get("role").asText());
        assertEquals("补助一直没到账", all.get(0).get("text").asText());
        assertEquals("bot", all.get(1).get("role").asText());
        assertEquals("ticket_new", all.get(1).get("answer").get("intent").asText());
        assertEquals("notice", all.get(2).get("role").asText());
        long last = all.get(1).get("id").asLong();
        JsonNode newer = Json.mapper().readTree(client.get("/api/chat/history?user=b1&after=" + last).body().string()).get("messages");
        assertEquals(1, newer.size(), "after= returns only what is newer");
        assertEquals(0, Json.mapper().readTree(client.get("/api/chat/history?user=nobody").body().string()).get("messages").size());
        assertEquals(400, client.get("/api/chat/history").code());
        assertEquals(400, client.get("/api/chat/history?user=b1&after=x").code());
      });
    }
  }
}
