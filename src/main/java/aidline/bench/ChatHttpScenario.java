package aidline.bench;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** /api/chat answers per second with concurrent keep-alive clients on loopback, and latency. */
public final class ChatHttpScenario implements Scenario {
  @Override
  public String name() {
    return "chat-http";
  }

  @Override
  public List<Result> run(BenchContext ctx) throws Exception {
    DevQuestions q = DevQuestions.load(DevQuestions.DEFAULT);
    try (BenchApp app = BenchServers.start(ctx, BenchServers.config(ctx, "chat"))) {
      String base = "http://127.0.0.1:" + app.port();
      int clients = 16;
      HttpLoad.Outcome o = HttpLoad.run(clients, Duration.ofSeconds(ctx.pick(5, 2)), Duration.ofSeconds(ctx.pick(20, 5)), 2_000_000,
          n -> HttpLoad.request(base, "/api/chat").header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body("bench-u" + (n % 500), q.texts().get(n % q.texts().size()))))
              .build(), 200);
      List<Result> out = new ArrayList<>();
      out.add(Result.of(name(), "answers/s (" + clients + " keep-alive clients)", o.perSecond(), "/s", "≥ 3,000/s", o.perSecond() >= 3000)
          .withNote(o.requests() + " requests, " + o.errors() + " not 200"));
      out.add(Result.of(name(), "latency median", o.latency().median(), "ms", null, null));
      out.add(Result.of(name(), "latency p99", o.latency().p99(), "ms", null, null));
      return out;
    }
  }

  static String body(String user, String text) {
    return "{\"user\":\"" + user + "\",\"text\":\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
  }
}
