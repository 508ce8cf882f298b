package aidline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.app.Application;
import aidline.config.AppConfig;
import aidline.testing.ClassDatabases;
import aidline.testing.Engine;
import aidline.testing.InProcessConfig;
import aidline.values.Role;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Issue 15, H1/H4/M4/M6 against the whole running app over HTTP: who may read a work order on
 * chat, what operators see of personal numbers, what the access log holds, what is audited.
 */
@ParameterizedClass(name = "[{index}] {0}")
@MethodSource("aidline.testing.TestDatabases#engines")
class PersonalDataIT {
  /** The engine of this run (the class runs once per engine; the application is started per run). */
  @Parameter Engine engine;
  static ClassDatabases dbs;
  static final String ID = "110101199003074514";
  static final String OTHER_PHONE = "13900001111";
  static Application app;
  static String base;
  static HttpClient http;
  static String admin;
  static String staff;
  static String operator;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeParameterizedClassInvocation
  static void start(Engine engine) throws Exception {
    dbs = new ClassDatabases();
    Path dir = Files.createTempDirectory("aidline-pii");
    AppConfig config = InProcessConfig.load(dir, dbs.get().storage(engine), "security:\n  bcryptCost: 4\n  chatPerMinutePerUser: 1000\n  chatPerMinutePerIp: 1000\n");
    app = new Application(config, Clock.systemUTC());
    app.auth().addUser("a1", Role.ADMIN, null, "admin-password-1".toCharArray(), "test");
    app.auth().addUser("s1", Role.STAFF, null, "staff-password-1".toCharArray(), "test");
    app.auth().addUser("o1", Role.OPERATOR, null, "operator-password-1".toCharArray(), "test");
    admin = app.auth().login("a1", "admin-password-1".toCharArray(), "10.0.0.1").token();
    staff = app.auth().login("s1", "staff-password-1".toCharArray(), "10.0.0.2").token();
    operator = app.auth().login("o1", "operator-password-1".toCharArray(), "10.0.0.3").token();
    app.startHttp();
    base = "http://127.0.0.1:" + app.port();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterParameterizedClassInvocation
  static void stop() throws Exception {
    if (app != null) {
      app.close();
      app = null;
    }
    dbs.close();
  }

  static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String chat(String user, String text) throws Exception {
    HttpResponse<String> r = send("POST", "/api/chat", null, JSON.writeValueAsString(Map.of("user", user, "text", text)));
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body()).path("reply").asText();
  }

  /** An order filed from web chat by {@code user}, with a student ID, dispatched with an operator note holding numbers. */
  static String orderFiledBy(String user) throws Exception {
    String body = JSON.writeValueAsString(Map.of("channel", "web", "callerName", "家长", "callerPhone", phoneOf(user),
        "channelUserId", user, "region", "岳阳", "studentId", ID, "category", "aid_not_received",
        "description", "孩子身份证 " + ID + " 的补助没到账，另一个联系电话 " + OTHER_PHONE));
    HttpResponse<String> r = send("POST", "/api/tickets", operator, body);
    assertEquals(201, r.statusCode(), r.body());
    String no = JSON.readTree(r.body()).path("ticketNo").asText();
    HttpResponse<String> d = send("POST", "/api/tickets/" + no + "/actions", operator, JSON.writeValueAsString(Map.of(
        "action", "dispatch", "department", "县资助中心", "note", "王会计 " + OTHER_PHONE + " 核实，卡号 6217000012345678")));
    assertEquals(200, d.statusCode(), d.body());
    return no;
  }

  /** Each test's parent calls from another number, so its order is not a duplicate of another test's. */
  static String phoneOf(String user) {
    return "1381234" + String.format("%04d", Math.abs(user.hashCode()) % 10_000);
  }

  @Test
  void h1OnlyTheParentWhoFiledAnOrderReadsItAndNeverTheOperatorNote() throws Exception {
    String no = orderFiledBy("parent-h1");
    String stranger = chat("stranger-h1", "查询工单 " + no);
    assertFalse(stranger.contains(no) || stranger.contains("派单") || stranger.contains("受理"), stranger);
    String nobody = chat("stranger-h1", "查询工单 JY20990101-0001");
    assertEquals(nobody, stranger, "someone else's order reads exactly like a number that does not exist");
    String mine = chat("parent-h1", "查询工单 " + no);
    assertTrue(mine.contains(no) && mine.contains("派单"), mine);
    assertFalse(mine.contains(OTHER_PHONE) || mine.contains("王会计") || mine.contains("6217"), mine);
    // what the operator writes for the parent is shown
    send("POST", "/api/tickets/" + no + "/actions", operator, JSON.writeValueAsString(Map.of(
        "action", "accept", "parentReply", "已转县资助中心核实，3个工作日内电话联系您")));
    assertTrue(chat("parent-h1", "查询工单 " + no).contains("3个工作日内电话联系您"));
  }

  @Test
  void h4OperatorsSeeStudentIdsAndOtherNumbersMaskedEverywhereAdminsWhole() throws Exception {
    String no = orderFiledBy("parent-h4");
    String detail = send("GET", "/api/tickets/" + no, operator, null).body();
    String list = send("GET", "/api/tickets?q=" + no, operator, null).body();
    String csv = send("GET", "/api/tickets/export.csv", staff, null).body();
    for (String view : List.of(detail, list, csv)) {
      assertFalse(view.contains(ID), view);
      assertFalse(view.contains(OTHER_PHONE), view);
      assertFalse(view.contains("6217000012345678"), view);
      assertTrue(view.contains("110101********4514"), view);
    }
    // the caller's own phone: whole in the single order (the call-back), masked in lists
    assertTrue(detail.contains(phoneOf("parent-h4")), detail);
    assertFalse(list.contains(phoneOf("parent-h4")), list);
    String full = send("GET", "/api/tickets/" + no, admin, null).body();
    assertTrue(full.contains(ID) && full.contains(OTHER_PHONE), full);
  }

  @Test
  void m4TheAccessLogNeverHoldsAWholeIdNumber() throws Exception {
    Logger access = (Logger) LoggerFactory.getLogger("aidline.access");
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    ch.qos.logback.classic.Level was = access.getLevel();
    access.setLevel(ch.qos.logback.classic.Level.INFO); // tests log warnings only
    access.addAppender(seen);
    try {
      send("GET", "/api/students/" + ID, staff, null);
      send("GET", "/api/students/G" + ID, staff, null);
      for (int i = 0; i < 100 && seen.list.size() < 2; i++) {
        Thread.sleep(20); // the request log is written after the response
      }
    } finally {
      access.detachAppender(seen);
      access.setLevel(was);
    }
    assertEquals(2, seen.list.size());
    for (ILoggingEvent e : seen.list) {
      assertFalse(e.getFormattedMessage().contains(ID), e.getFormattedMessage());
      assertTrue(e.getFormattedMessage().contains("110101********4514"), e.getFormattedMessage());
    }
  }

  @Test
  void m6ExportsChangesAndFullViewsAreAuditedWithWhoWhatAndWhichFilter() throws Exception {
    String no = orderFiledBy("parent-m6");
    send("GET", "/api/tickets/export.csv?status=dispatched&region=" + java.net.URLEncoder.encode("岳阳", "UTF-8"), staff, null);
    send("GET", "/api/students/gaps?format=csv&region=" + java.net.URLEncoder.encode("岳阳", "UTF-8"), staff, null);
    send("GET", "/api/tickets/" + no, operator, null);
    JsonNode entries = JSON.readTree(send("GET", "/api/admin/audit?limit=200", admin, null).body()).path("entries");
    boolean export = false;
    boolean gaps = false;
    boolean dispatch = false;
    boolean create = false;
    boolean view = false;
    for (JsonNode e : entries) {
      String action = e.path("action").asText();
      String detail = e.path("target").asText() + " " + e.path("detail").asText();
      export |= action.equals("ticket.export") && e.path("actor").asText().equals("s1") && detail.contains("status=dispatched")
          && detail.contains("岳阳");
      gaps |= action.equals("student.gaps.export") && e.path("actor").asText().equals("s1") && detail.contains("岳阳")
          && detail.contains("csv");
      dispatch |= action.equals("ticket.dispatch") && e.path("target").asText().equals(no) && e.path("actor").asText().equals("o1");
      create |= action.equals("ticket.create") && e.path("target").asText().equals(no);
      view |= action.equals("ticket.view") && e.path("target").asText().equals(no) && e.path("actor").asText().equals("o1");
    }
    assertTrue(export, "ticket CSV export audited with its filter");
    assertTrue(gaps, "gap report export audited with its filter");
    assertTrue(dispatch && create, "work-order changes audited");
    assertTrue(view, "a view with the whole phone number audited");
  }

  /** Issue 15, M1: a new chat user id per try does not reset the parent check; it is audited. */
  @Test
  void m1FreshChatIdsFromOneAddressMeetTheLockAndEveryFailureIsAudited() throws Exception {
    String reply = "";
    for (int i = 0; i < 25 && !reply.contains("次数过多"); i++) {
      String user = "guesser-" + i;
      chat(user, "我家孩子的补助发了吗");
      String first17 = "43062320150305" + String.format("%03d", i);
      chat(user, first17 + aidline.values.NationalId.checkChar(first17));
      reply = chat(user, "13800000009");
      if (!reply.contains("次数过多")) {
        reply = chat("guesser-next-" + i, "我家孩子的补助发了吗");
      }
    }
    assertTrue(reply.contains("次数过多"), "twenty-five fresh chat ids from one address were never locked: " + reply);
    JsonNode entries = JSON.readTree(send("GET", "/api/admin/audit?action=student.parent_status&limit=100", admin, null).body())
        .path("entries");
    assertTrue(entries.size() >= 20, entries.toString());
  }
}
