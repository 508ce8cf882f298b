package aidline.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.http.Health;
import aidline.http.HttpServer;
import aidline.http.Json;
import aidline.http.Metrics;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Engine.class)
class TicketRoutesTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  @TempDir Path dir;
  TestDesk desk;
  Javalin app;

  static final String CREATE = """
      {"channel":"hotline","callerName":"王芳","callerPhone":"13812345678","region":"湖南省岳阳市华容县",
       "studentId":"430623201203151238","category":"aid_not_received","description":"寄宿生补助一直没到账"}""";

  @BeforeEach
  void start() {
    desk = new TestDesk(dbs.open(engine));
    app = HttpServer.create(
        new AppConfig.Server("127.0.0.1", 0, 1 << 20, 0), Json.mapper(), new Metrics(),
        new Health(desk.db::reachable, () -> 0, "test"), List.of(new TicketRoutes(desk.service, Json.mapper())));
  }

  @AfterEach
  void stop() {
    desk.close();
  }

  static JsonNode json(Response r) throws Exception {
    return Json.mapper().readTree(r.body().string());
  }

  static JsonNode act(HttpClient client, String no, String body, int expected) throws Exception {
    Response r = client.post("/api/tickets/" + no + "/actions", body);
    JsonNode j = json(r);
    assertEquals(expected, r.code(), j.toString());
    return j;
  }

  @Test
  void patchCorrectsAnOrderAndRefusesStaleOrReasonlessEdits() {
    JavalinTest.test(app, (server, client) -> {
      assertEquals(201, client.post("/api/tickets", CREATE).code());
      String url = "/api/tickets/jy20261123-0001";
      Response ok = client.request(url, b -> b.patch(java.net.http.HttpRequest.BodyPublishers.ofString("{\"region\":\"岳阳县\",\"reason\":\"来电人更正\",\"version\":1}")));
      JsonNode edited = json(ok);
      assertEquals(200, ok.code(), edited.toString());
      assertEquals("湖南省岳阳市岳阳县", edited.get("region").asText());
      assertEquals(2, edited.get("version").asInt());
      assertEquals("edit", edited.get("events").get(1).get("action").asText());
      Response stale = client.request(url, b -> b.patch(java.net.http.HttpRequest.BodyPublishers.ofString("{\"region\":\"华容\",\"reason\":\"x\",\"version\":1}")));
      assertEquals(409, stale.code());
      assertEquals("stale_version", json(stale).get("code").asText());
      Response noReason = client.request(url, b -> b.patch(java.net.http.HttpRequest.BodyPublishers.ofString("{\"region\":\"华容\"}")));
      assertEquals(400, noReason.code());
      assertTrue(json(noReason).get("message").asText().contains("原因"));
      assertEquals("湖南省岳阳市岳阳县", json(client.get(url)).get("region").asText(), "refused edits changed nothing");
    });
  }

  @Test
  void createThenDuplicateThenGetWithEvents() {
    JavalinTest.test(app, (server, client) -> {
      Response r = client.post("/api/tickets", CREATE);
      JsonNode created = json(r);
      assertEquals(201, r.code(), created.toString());
      assertEquals("JY20261123-0001", created.get("ticketNo").asText());
      assertEquals("received", created.get("status").asText());
      assertEquals("已受理", created.get("statusLabel").asText());
      assertEquals(1, created.get("version").asInt());
      assertEquals("2026-11-30T10:00:00+08:00", created.get("dueAt").asText(), "资助未到账: 5 working days");
      assertFalse(created.get("overdue").asBoolean());
      assertFalse(created.get("duplicate").asBoolean());
      assertEquals("13812345678", created.get("callerPhone").asText(), "the creator sees the number whole");

      Response again = client.post("/api/tickets", CREATE.replace("一直没到账", "又打来了"));
      JsonNode dup = json(again);
      assertEquals(200, again.code(), dup.toString());
      assertTrue(dup.get("duplicate").asBoolean());
      assertEquals("JY20261123-0001", dup.get("ticketNo").asText());

      JsonNode one = json(client.get("/api/tickets/JY20261123-0001"));
      assertEquals(2, one.get("events").size());
      assertEquals("create", one.get("events").get(0).get("action").asText());
      assertEquals("system", one.get("events").get(0).get("actor").asText(), "no auth yet: recorded as system");
      assertEquals("寄宿生补助又打来了", one.get("events").get(1).get("note").asText());

      Response missing = client.get("/api/tickets/JY20990101-0001");
      assertEquals(404, missing.code());
      assertEquals("ticket_not_found", json(missing).get("code").asText());
    });
  }

  @Test
  void badInputIs400WithAChineseMessage() {
    JavalinTest.test(app, (server, client) -> {
      Response bad = client.post("/api/tickets", CREATE.replace("13812345678", "123"));
      JsonNode j = json(bad);
      assertEquals(400, bad.code());
      assertEquals("invalid_ticket", j.get("code").asText());
      assertTrue(j.get("message").asText().contains("联系电话"), j.toString());
      Response notJson = client.post("/api/tickets", "{oops");
      assertEquals(400, notJson.code());
      assertTrue(json(notJson).get("message").asText().contains("JSON"));
      assertEquals(0, json(client.get("/api/tickets")).get("total").asInt());
      Response badStatus = client.get("/api/tickets?status=done");
      assertEquals(400, badStatus.code());
      assertTrue(json(badStatus).get("message").asText().contains("未知的工单状态"));
      assertEquals(400, client.get("/api/tickets?size=1000").code());
    });
  }

  @Test
  void wholeLifecycleOverHttpWithIllegalAndStaleAttempts() {
    JavalinTest.test(app, (server, client) -> {
      String no = json(client.post("/api/tickets", CREATE)).get("ticketNo").asText();
      JsonNode illegal = act(client, no, "{\"action\":\"resolve\",\"note\":\"x\"}", 409);
      assertEquals("illegal_transition", illegal.get("code").asText());
      assertTrue(illegal.get("message").asText().contains("已受理"), illegal.toString());
      assertEquals(1, json(client.get("/api/tickets/" + no)).get("version").asInt(), "nothing changed");

      act(client, no, "{\"action\":\"dispatch\",\"version\":1,\"department\":\"华容县学生资助管理中心\"}", 200);
      JsonNode stale = act(client, no, "{\"action\":\"accept\",\"version\":1}", 409);
      assertEquals("stale_version", stale.get("code").asText());
      act(client, no, "{\"action\":\"return\",\"version\":2,\"reason\":\"应由市里办理\"}", 200);
      act(client, no, "{\"action\":\"dispatch\",\"department\":\"岳阳市学生资助管理中心\"}", 200);
      act(client, no, "{\"action\":\"accept\",\"assignee\":\"李四\"}", 200);
      act(client, no, "{\"action\":\"chase\",\"note\":\"家长又来电\"}", 200);
      act(client, no, "{\"action\":\"start\"}", 200);
      act(client, no, "{\"action\":\"resolve\",\"resolution\":\"已核实并补发\"}", 200);
      JsonNode reopened = act(client, no, "{\"action\":\"callback\",\"satisfied\":false,\"comment\":\"没收到\"}", 200);
      assertEquals("in_progress", reopened.get("status").asText());
      assertEquals(1, reopened.get("reopenCount").asInt());
      act(client, no, "{\"action\":\"resolve\",\"note\":\"银行卡号更正后已到账\"}", 200);
      JsonNode closed = act(client, no, "{\"action\":\"callback\",\"satisfied\":true}", 200);
      assertEquals("closed", closed.get("status").asText());
      assertEquals("satisfied", closed.get("satisfaction").asText());
      assertEquals(11, closed.get("events").size()); // create + 10 actions, the refused ones left no row
      assertEquals(400, client.post("/api/tickets/" + no + "/actions", "{\"action\":\"fly\"}").code());
      assertEquals(400, client.post("/api/tickets/" + no + "/actions", "{\"action\":\"callback\",\"satisfied\":\"yes\"}").code());
      assertEquals(409, client.post("/api/tickets/" + no + "/actions", "{\"action\":\"cancel\",\"reason\":\"x\"}").code());
    });
  }

  @Test
  void listMasksPhonesFiltersAndExportsCsv() {
    JavalinTest.test(app, (server, client) -> {
      client.post("/api/tickets", CREATE);
      client.post("/api/tickets", CREATE.replace("aid_not_received", "complaint").replace("13812345678", "0730-8221234"));
      JsonNode page = json(client.get("/api/tickets"));
      assertEquals(2, page.get("total").asInt());
      assertEquals("0730-***1234", page.get("items").get(0).get("callerPhone").asText());
      assertEquals("138****5678", page.get("items").get(1).get("callerPhone").asText());
      assertEquals(1, json(client.get("/api/tickets?category=投诉举报")).get("total").asInt());
      assertEquals(2, json(client.get("/api/tickets?region=岳阳&status=received")).get("total").asInt());
      assertEquals(2, json(client.get("/api/tickets?region=岳阳&status=received,in_progress")).get("total").asInt());
      assertEquals(0, json(client.get("/api/tickets?region=岳阳&status=closed,cancelled")).get("total").asInt());
      assertEquals(0, json(client.get("/api/tickets?overdue=true")).get("total").asInt());
      desk.clock.advance(Duration.ofDays(8));
      JsonNode late = json(client.get("/api/tickets?overdue=true"));
      assertEquals(1, late.get("total").asInt(), "资助未到账 (5 days) late, 投诉 (13) not");
      assertTrue(late.get("items").get(0).get("overdue").asBoolean());
      assertEquals(1, json(client.get("/api/tickets?q=JY20261123-0002")).get("total").asInt());

      Response csv = client.get("/api/tickets/export.csv");
      assertEquals(200, csv.code());
      assertTrue(csv.headers().get("Content-Type").get(0).startsWith("text/csv"));
      String body = csv.body().string();
      assertTrue(body.startsWith("\uFEFF工单号,渠道,来电人"), body);
      assertEquals(3, body.split("\r\n").length);
      assertTrue(body.contains("138****5678") && !body.contains("13812345678"), body);
      assertTrue(body.contains("资助未到账") && body.contains(",是,"), body);
    });
  }
}
