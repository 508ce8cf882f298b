package aidline.student;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.config.AppConfig;
import aidline.http.Health;
import aidline.http.HttpServer;
import aidline.http.Json;
import aidline.http.Metrics;
import aidline.security.AuditLog;
import aidline.storage.Database;
import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The staff routes over real HTTP: upload a GBK roll, look students up, export gaps, open work orders. */
@ParameterizedClass
@EnumSource(Engine.class)
class StudentRoutesTest {
  @Parameter Engine engine;
  @RegisterExtension final TestDatabases dbs = new TestDatabases();
  static final Charset GBK = Charset.forName("GBK");
  static final String STUCK = StudentServiceTest.STUCK;
  static final String ROLL = "姓名,身份证号,学校,学段,年级,是否寄宿,家庭类别,户籍地,监护人,监护人电话\r\n"
      + "演示甲," + STUCK + ",华容县第一小学,小学,五年级,是,建档立卡,华容县,演示家长甲,13800000001\r\n"
      + "演示乙," + TestStudents.withBadCheckDigit(StudentServiceTest.MISSING) + ",华容县第二中学,初中,初二,是,建档立卡,华容县,,\r\n";
  static final String AID = "身份证号,学年,学期,资助项目,金额,状态,日期\r\n"
      + STUCK + ",2026-2027,秋季,寄宿生生活补助,500,已发放,2026-10-15\r\n"
      + STUCK + ",2026-2027,春季,寄宿生生活补助,500,公示,2026-11-02\r\n";

  @TempDir Path dir;
  Database db;
  RecordingTickets tickets = new RecordingTickets();

  @BeforeEach
  void open() {
    db = dbs.open(engine);
  }

  @AfterEach
  void close() {
    db.close();
  }

  Javalin app(StudentTickets t) {
    StudentRepository repo = new StudentRepository(db, TestStudents.CLOCK);
    StudentService service = new StudentService(repo, new FixtureEntitlementRules(TestStudents.regions()), t,
        LookupAudit.of(new AuditLog(db, TestStudents.CLOCK)), TestStudents.regions(), TestStudents.CLOCK);
    StudentImporter importer = new StudentImporter(repo, TestStudents.regions(), TestStudents.CLOCK);
    return HttpServer.create(new AppConfig.Server("127.0.0.1", 0, 1 << 20, 0), Json.mapper(), new Metrics(),
        new Health(db::reachable, () -> 0, "test"), List.of(new StudentRoutes(service, importer, 1 << 20)));
  }

  /** A response read whole: status, Content-Type and body text. */
  record Response(int code, String type, String text) {}

  static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

  static JsonNode json(Response r) throws Exception {
    return Json.mapper().readTree(r.text());
  }

  static Response send(io.javalin.testtools.HttpClient client, String method, String path, byte[] body, String type)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(client.getOrigin() + path));
    if (body == null) {
      b.GET();
    } else {
      b.method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", type);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  /**
   * Sends only the head of an upload that announces {@code length} bytes, and reads the answer: the
   * server refuses an oversized upload before reading its body. A client still writing that body
   * may meet the closed connection before it reads the 413 (a broken pipe under load), so the test
   * does not send it.
   */
  static Response announceOnly(io.javalin.testtools.HttpClient client, String path, long length) throws Exception {
    URI origin = URI.create(client.getOrigin());
    try (java.net.Socket socket = new java.net.Socket(origin.getHost(), origin.getPort())) {
      socket.setSoTimeout(30_000);
      String head = "POST " + path + " HTTP/1.1\r\nHost: " + origin.getAuthority() + "\r\nContent-Type: text/csv\r\n"
          + "Content-Length: " + length + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = Integer.parseInt(raw.substring(9, 12));
      String type = raw.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
          .map(l -> l.substring(13).trim()).findFirst().orElse("");
      String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
      return new Response(code, type, body);
    }
  }

  static Response get(io.javalin.testtools.HttpClient client, String path) throws Exception {
    return send(client, "GET", path, null, null);
  }

  static Response post(io.javalin.testtools.HttpClient client, String path, byte[] body, String type) throws Exception {
    return send(client, "POST", path, body, type);
  }

  @Test
  void uploadRollAndAidThenLookUpShowsEntitlementGapAndMaskedNumbers() {
    JavalinTest.test(app(tickets), (server, client) -> {
      Response up = post(client, "/api/students/import?encoding=GBK", ROLL.getBytes(GBK), "text/csv");
      assertEquals(200, up.code());
      JsonNode report = json(up);
      assertEquals(1, report.get("imported").asInt());
      assertEquals(3, report.get("rejected").get(0).get("line").asInt());
      assertTrue(report.get("rejected").get(0).get("reason").asText().contains("校验位"));
      Response aid = post(client, "/api/students/import?kind=aid", AID.getBytes(StandardCharsets.UTF_8), "text/csv");
      assertEquals(2, json(aid).get("imported").asInt());

      Response res = get(client, "/api/students/" + STUCK);
      assertEquals(200, res.code());
      JsonNode body = json(res);
      for (String key : List.of("student", "aid", "entitlements", "gaps", "tickets")) {
        assertTrue(body.has(key), key + " missing in " + body);
      }
      assertEquals(STUCK.substring(0, 6) + "********" + STUCK.substring(14), body.get("student").get("nationalId").asText());
      assertEquals("138****0001", body.get("student").get("guardianPhone").asText());
      JsonNode ent = body.get("entitlements").get(0);
      assertEquals("寄宿生生活补助", ent.get("item").asText());
      assertEquals(1000, ent.get("amount").asInt());
      assertEquals("元/生·年", ent.get("unit").asText());
      assertEquals("岳教体办通〔2016〕17号", ent.get("citation").get("docNumber").asText());
      assertEquals("公示", body.get("gaps").get(0).get("step").asText());
      assertFalse(body.toString().contains(STUCK), "full 身份证号 leaked to a staff role");
      // by 学籍号 too
      assertEquals(200, get(client, "/api/students/g" + STUCK).code());
    });
  }

  @Test
  void invalidIdIs400AndUnknownIs404InChinese() {
    JavalinTest.test(app(tickets), (server, client) -> {
      Response bad = get(client, "/api/students/" + TestStudents.withBadCheckDigit(STUCK));
      assertEquals(400, bad.code());
      JsonNode b = json(bad);
      assertEquals("invalid_student_id", b.get("code").asText());
      assertTrue(b.get("message").asText().contains("校验位错误"), b.toString());
      Response unknown = get(client, "/api/students/" + STUCK);
      assertEquals(404, unknown.code());
      JsonNode u = json(unknown);
      assertEquals("student_not_found", u.get("code").asText());
      assertTrue(u.get("message").asText().startsWith("未找到该学生"), u.toString());
    });
  }

  @Test
  void gapReportAsJsonAndCsvAndOneClickWorkOrders() {
    JavalinTest.test(app(tickets), (server, client) -> {
      post(client, "/api/students/import", ROLL.getBytes(StandardCharsets.UTF_8), "text/csv");
      post(client, "/api/students/import?kind=aid", AID.getBytes(StandardCharsets.UTF_8), "text/csv");
      JsonNode report = json(get(client, "/api/students/gaps?region=" + enc("岳阳") + "&stage=" + enc("小学")));
      assertEquals(1, report.get("count").asInt(), report.toString());
      assertEquals("湖南省岳阳市", report.get("region").asText());
      assertEquals("寄宿生生活补助", report.get("students").get(0).get("gaps").get(0).get("item").asText());
      assertEquals(0, json(get(client, "/api/students/gaps?stage=" + enc("初中"))).get("count").asInt());

      Response csv = get(client, "/api/students/gaps?format=csv");
      assertEquals(200, csv.code());
      assertTrue(csv.type().startsWith("text/csv"), csv.type());
      String text = csv.text();
      assertTrue(text.startsWith("\uFEFF身份证号,姓名,学校"), text);
      assertTrue(text.contains(STUCK.substring(0, 6) + "********" + STUCK.substring(14) + ",演示甲,华容县第一小学,小学"), text);
      assertTrue(text.contains("岳阳市教育精准扶贫工作实施方案（岳教体办通〔2016〕17号） 五（二）2"), text);

      Response bulk = post(client, "/api/students/gaps/tickets?region=" + enc("华容"), new byte[0], "application/json");
      assertEquals(201, bulk.code());
      assertEquals("GD1", json(bulk).get("opened").get(0).get("ticketNo").asText());
      assertEquals(StudentTickets.CATEGORY, "资助未到账");
      Response one = post(client, "/api/students/" + STUCK + "/tickets", new byte[0], "application/json");
      assertEquals(201, one.code());
      assertEquals("GD2", json(one).get("ticketNo").asText());
      assertEquals(2, json(get(client, "/api/students/" + STUCK)).get("tickets").size());
      assertEquals(400, get(client, "/api/students/gaps?region=" + enc("火星")).code());
    });
  }

  @Test
  void withoutTheTicketSystemOpeningAWorkOrderIs503InChinese() {
    JavalinTest.test(app(StudentTickets.none()), (server, client) -> {
      post(client, "/api/students/import", ROLL.getBytes(StandardCharsets.UTF_8), "text/csv");
      post(client, "/api/students/import?kind=aid", AID.getBytes(StandardCharsets.UTF_8), "text/csv");
      Response r = post(client, "/api/students/" + STUCK + "/tickets", new byte[0], "application/json");
      assertEquals(503, r.code());
      assertTrue(json(r).get("message").asText().contains("工单系统尚未接入"));
      assertEquals(0, json(get(client, "/api/students/" + STUCK)).get("tickets").size());
    });
  }

  @Test
  void multipartUploadAndBadFilesLeaveNothingChanged() {
    JavalinTest.test(app(tickets), (server, client) -> {
      java.io.ByteArrayOutputStream form = new java.io.ByteArrayOutputStream();
      form.write(("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roll.csv\"\r\n"
          + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      form.write(ROLL.getBytes(GBK));
      form.write("\r\n--XyZ--\r\n".getBytes(StandardCharsets.UTF_8));
      Response up = post(client, "/api/students/import?encoding=GBK", form.toByteArray(), "multipart/form-data; boundary=XyZ");
      assertEquals(200, up.code());
      assertEquals(1, json(up).get("imported").asInt());

      Response gbkAsUtf8 = post(client, "/api/students/import", ROLL.getBytes(GBK), "text/csv");
      assertEquals(400, gbkAsUtf8.code());
      JsonNode e = json(gbkAsUtf8);
      assertEquals("bad_import_file", e.get("code").asText());
      assertTrue(e.get("message").asText().contains("GBK"), e.toString());
      Response badEncoding = post(client, "/api/students/import?encoding=EBCDIC-XYZ", ROLL.getBytes(GBK), "text/csv");
      assertEquals(400, badEncoding.code());
      Response tooBig = announceOnly(client, "/api/students/import", (1 << 20) + 1);
      assertEquals(413, tooBig.code());
      assertEquals("upload_too_large", json(tooBig).get("code").asText());
      Response binary = post(client, "/api/students/import", new byte[] {0x50, 0x4b, 3, 4, 0, 0, (byte) 0xff}, "application/octet-stream");
      assertEquals(400, binary.code());
      assertEquals(1, new StudentRepository(db, TestStudents.CLOCK).countStudents());
    });
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
