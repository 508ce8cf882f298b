package aidline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.demo.StudentDemo;
import aidline.demo.SyntheticStudents;
import aidline.http.Json;
import aidline.knowledge.Regions;
import aidline.student.StudentProfile;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real commands in a child JVM: `students import` of a GBK file, and `serve --demo` answering lookups. */
class StudentsCommandIT {
  @TempDir Path dir;

  ProcessBuilder child(String... args) {
    ProcessBuilder pb = new ProcessBuilder(ServeCommandIT.childCommand(args));
    pb.environment().put("AIDLINE_DB", dir.resolve("db/aidline.db").toString());
    pb.environment().put("AIDLINE_KB_DIR", Path.of("knowledge-base").toAbsolutePath().toString());
    pb.environment().put("AIDLINE_LOG_LEVEL", "WARN");
    return pb;
  }

  @Test
  void importGbkFileReportsBadRowsOnStdoutAndExitsThree() throws Exception {
    StudentProfile good = new SyntheticStudents(Regions.load(Path.of("knowledge-base/regions.yaml")), LocalDate.now())
        .student(1, 0);
    Path file = dir.resolve("roll.csv");
    Files.write(file, ("姓名,身份证号,学校,学段,户籍地\r\n"
        + "演示甲," + good.nationalId() + ",某演示小学,小学,华容县\r\n"
        + "演示乙,110105194912310021,某演示小学,小学,华容县\r\n").getBytes(Charset.forName("GBK")));
    ProcessBuilder pb = child("students", "import", file.toString(), "--encoding", "GBK");
    pb.redirectError(dir.resolve("err.log").toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), "UTF-8");
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(3, p.exitValue(), out + Files.readString(dir.resolve("err.log")));
    assertTrue(out.contains("共 2 行，导入 1 行，拒绝 1 行"), out);
    assertTrue(out.contains("第3行：身份证号校验位错误"), out);
    assertTrue(Files.readString(dir.resolve("err.log")).contains("100%"), "no progress bar on stderr");

    Process missing = child("students", "import", dir.resolve("nope.csv").toString()).redirectErrorStream(true).start();
    String m = new String(missing.getInputStream().readAllBytes(), "UTF-8").trim();
    assertTrue(missing.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, missing.exitValue());
    assertEquals(List.of("文件不存在: " + dir.resolve("nope.csv")), m.lines().toList());
  }

  @Test
  void serveDemoAnswersLookupsAndGapReportOverHttp() throws Exception {
    Process add = child("users", "add", "--username", "staff1", "--role", "staff", "--password-stdin").redirectErrorStream(true).start();
    add.getOutputStream().write("demo-password-1\n".getBytes("UTF-8"));
    add.getOutputStream().close();
    String added = new String(add.getInputStream().readAllBytes(), "UTF-8");
    assertTrue(add.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, add.exitValue(), added);
    int port = ServeCommandIT.freePort();
    ProcessBuilder pb = child("serve", "--demo");
    pb.environment().put("AIDLINE_PORT", Integer.toString(port));
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
    Process p = pb.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      HttpResponse<String> login = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < deadline) {
        try {
          login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login")).timeout(Duration.ofSeconds(5))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"staff1\",\"password\":\"demo-password-1\"}")).build(),
              HttpResponse.BodyHandlers.ofString());
          break;
        } catch (IOException notYet) {
          Thread.sleep(200);
        }
      }
      assertTrue(login != null, "server never answered: " + Files.readString(dir.resolve("out.log")));
      assertEquals(200, login.statusCode(), login.body());
      String bearer = "Bearer " + Json.mapper().readTree(login.body()).get("token").asText();
      assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(base + "/api/students/gaps")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode(), "student routes must need a login");
      HttpResponse<String> gaps = http.send(HttpRequest.newBuilder(URI.create(base + "/api/students/gaps?limit=5"))
          .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, gaps.statusCode(), gaps.body());
      JsonNode report = Json.mapper().readTree(gaps.body());
      assertEquals(5, report.get("count").asInt(), "the demo should plant gaps: " + gaps.body());
      JsonNode gap = report.get("students").get(0).get("gaps").get(0);
      assertTrue(gap.get("citation").get("quote").asText().length() > 10, gap.toString());

      // the gap orders come from the web desk; the demo's month of hotline orders is on top (demo.TicketDemo)
      HttpResponse<String> orders = http.send(HttpRequest.newBuilder(URI.create(base + "/api/tickets?category=aid_not_received&size=200"))
          .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, orders.statusCode(), orders.body());
      JsonNode items = Json.mapper().readTree(orders.body()).get("items");
      long web = java.util.stream.StreamSupport.stream(items.spliterator(), false).filter(t -> "web".equals(t.get("channel").asText())).count();
      assertEquals(3, web, "the demo opens a few work orders for gaps: " + orders.body());
      HttpResponse<String> all = http.send(HttpRequest.newBuilder(URI.create(base + "/api/tickets?size=1"))
          .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(Json.mapper().readTree(all.body()).get("total").asInt() >= 60, "and a month of hotline orders: " + all.body());

      StudentProfile first = new SyntheticStudents(Regions.load(Path.of("knowledge-base/regions.yaml")), LocalDate.now())
          .student(StudentDemo.SEED, 0);
      HttpResponse<String> one = http.send(HttpRequest.newBuilder(URI.create(base + "/api/students/" + first.nationalId()))
              .header("Authorization", bearer).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, one.statusCode(), one.body());
      JsonNode card = Json.mapper().readTree(one.body()).get("student");
      assertEquals(first.name(), card.get("name").asText());
      assertTrue(card.get("nationalId").asText().contains("********"), "staff see the number masked: " + card);
      HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "/api/students/123456789012345678"))
              .header("Authorization", bearer).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(400, bad.statusCode());
      assertTrue(bad.body().contains("身份证号"), bad.body());
    } finally {
      p.destroy();
      p.waitFor(20, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
  }
}
