package aidline.bench;

import aidline.config.AppConfig;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The HTTP rows as ratios to the machine's limit, side by side in one run: the bare Javalin
 * baseline ({@link BareJavalin}) and aidline, measured by the same client at 32 connections.
 * /health against "hello"; /api/chat (a repeated mix of 200 distinct questions with Zipf-like
 * frequencies from 5,000 users, and all-new questions) and /wechat (signed text, new MsgIds)
 * against an echo of the same bodies.
 */
public final class HttpRatioScenario implements Scenario {
  static final int CONNECTIONS = 32;
  static final int USERS = 5000;
  private static final List<String> OPENINGS = List.of("", "请问", "你好，", "想问一下，", "麻烦问下，", "老师您好，", "您好，请问");

  @Override
  public String name() {
    return "http";
  }

  @Override
  public List<Result> run(BenchContext ctx) throws Exception {
    List<String> mix = mix(DevQuestions.load(DevQuestions.DEFAULT).texts(), 200);
    AppConfig cfg = BenchServers.config(ctx, "http");
    AppConfig.Wechat w = cfg.wechat();
    // the per-follower limit lifted: 5,000 followers at thousands of messages a second would hit it
    cfg = cfg.withWechat(new AppConfig.Wechat(WechatScenario.TOKEN, "", "wxbench", "", "http://127.0.0.1:9", w.replyBudgetMillis(),
        w.templateId(), w.maxClockSkewSeconds(), 1_000_000_000, false));
    LoadClient client = new LoadClient(ctx.workDir());
    Duration warm = Duration.ofSeconds(ctx.pick(5, 2));
    // the repeated mix is measured in its steady state: the JIT has compiled the chat path and the
    // popular questions have been asked once (a cold start is the start-up row's business)
    Duration chatWarm = Duration.ofSeconds(ctx.pick(15, 8));
    Duration run = Duration.ofSeconds(ctx.pick(15, 5));
    List<Result> out = new ArrayList<>();
    try (BareJavalin bare = BareJavalin.start(cfg.server().maxBodyBytes()); BenchApp app = BenchServers.start(ctx, cfg)) {
      String aid = "http://127.0.0.1:" + app.port();
      LoadClient.Load health = new LoadClient.Load("wrk.method = \"GET\"\nwrk.path = \"/health\"\n",
          (base, n) -> HttpLoad.request(base, "/health").GET().build());
      LoadClient.Load chat = chat(mix, false);
      LoadClient.Load fresh = chat(mix, true);

      LoadClient.Outcome hello = client.run(bare.base(), health, CONNECTIONS, warm, run);
      LoadClient.Outcome h = client.run(aid, health, CONNECTIONS, warm, run);
      out.add(ratio("GET /health vs bare hello", h, hello, 0.6));

      LoadClient.Outcome echo = client.run(bare.base(), chat, CONNECTIONS, warm, run);
      LoadClient.Outcome c = client.run(aid, chat, CONNECTIONS, chatWarm, run);
      out.add(ratio("POST /api/chat, 200 questions Zipf, 5,000 users, vs echo", c, echo, 0.2));
      out.add(Result.of(name(), "/api/chat p99 at " + CONNECTIONS + " connections", c.p99(), "ms", "≤ 30 ms", c.p99() <= 30)
          .withNote("p50 " + Result.format(c.p50()) + " ms"));
      LoadClient.Outcome n = client.run(aid, fresh, CONNECTIONS, warm, run);
      out.add(ratio("POST /api/chat, every question new, vs echo", n, echo, 0));

      // signed now, with a nonce per message: the replay guard refuses old timestamps and reused nonces
      int signatures = ctx.pick(200_000, 80_000);
      LoadClient.Outcome wEcho = client.run(bare.base(), wechat(mix, signatures), CONNECTIONS, warm, run);
      LoadClient.Outcome wx = client.run(aid, wechat(mix, signatures), CONNECTIONS, chatWarm, run);
      out.add(ratio("POST /wechat, signed text, new MsgIds, vs echo", wx, wEcho, 0.13));
    }
    return out;
  }

  private Result ratio(String what, LoadClient.Outcome aid, LoadClient.Outcome limit, double target) {
    double r = limit.perSecond() == 0 ? 0 : aid.perSecond() / limit.perSecond();
    return Result.of(name(), what, r, "×", target > 0 ? "≥ " + target + "×" : null, target > 0 ? r >= target : null)
        .withNote(String.format("%,.0f/s vs %,.0f/s (%s, %d conn.); p50 %.1f ms, p99 %.1f ms; %d errors; CPU %.3f vs %.3f ms/request (%.3f×)",
            aid.perSecond(), limit.perSecond(), aid.client(), CONNECTIONS, aid.p50(), aid.p99(), aid.errors() + limit.errors(),
            aid.cpuPerRequest(), limit.cpuPerRequest(), limit.cpuPerRequest() / aid.cpuPerRequest()));
  }

  /** Distinct questions: the dev set's texts, then the same with a different opening, up to n. */
  static List<String> mix(List<String> texts, int n) {
    List<String> out = new ArrayList<>();
    for (String opening : OPENINGS) {
      for (String t : texts) {
        if (out.size() < n) {
          out.add(opening + t);
        }
      }
    }
    return out;
  }

  /** Picks an index with Zipf(1) weights: the first question is asked most, the 200th least. */
  static int zipf(int n, double u) {
    double total = 0;
    for (int i = 1; i <= n; i++) {
      total += 1.0 / i;
    }
    double r = u * total;
    double cum = 0;
    for (int i = 1; i <= n; i++) {
      cum += 1.0 / i;
      if (cum >= r) {
        return i - 1;
      }
    }
    return n - 1;
  }

  private static LoadClient.Load chat(List<String> mix, boolean allNew) {
    List<String> escaped = mix.stream().map(HttpRatioScenario::jsonText).toList();
    return new LoadClient.Load(chatLua(escaped, allNew, 2), chatLua(escaped, allNew, 1), (base, n) -> {
      ThreadLocalRandom rnd = ThreadLocalRandom.current();
      String q = escaped.get(zipf(escaped.size(), rnd.nextDouble())) + (allNew ? " 第" + n + "问" : "");
      return HttpLoad.request(base, "/api/chat").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"u" + rnd.nextInt(1, USERS + 1) + "\",\"text\":\"" + q + "\"}")).build();
    });
  }

  /** The chat script of one phase (1 warm-up, 2 measured): a never-seen question names its phase. */
  private static String chatLua(List<String> escaped, boolean allNew, int phase) {
    String text = allNew ? "pick() .. \" 第" + phase + "-\" .. seed .. \"-\" .. seq .. \"问\"" : "pick()";
    return LoadClient.zipfLua(escaped)
        + "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n"
        + "function request()\n  seq = seq + 1\n"
        + "  return wrk.format(nil, \"/api/chat\", nil, '{\"user\":\"u' .. math.random(1, " + USERS + ") .. '\",\"text\":\"' .. "
        + text + " .. '\"}')\nend\n";
  }

  /**
   * Signed text messages, each with its own nonce and MsgId. wrk's Lua has no SHA-1, so the
   * signatures (timestamp now, nonce = index) are computed here; each wrk thread takes every other one.
   */
  private static LoadClient.Load wechat(List<String> mix, int signatures) {
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    long run = System.currentTimeMillis();
    StringBuilder sig = new StringBuilder("S = {\n");
    for (int i = 0; i < signatures; i++) {
      sig.append('"').append(WechatScenario.sign(ts, Integer.toString(i))).append("\",\n");
    }
    sig.append("}\nlocal threads = 0\n");
    String table = LoadClient.zipfLua(mix) + sig;
    return new LoadClient.Load(wechatLua(table, ts, run, 2), wechatLua(table, ts, run, 1), (base, n) -> {
      ThreadLocalRandom rnd = ThreadLocalRandom.current();
      String now = Long.toString(System.currentTimeMillis() / 1000);
      String xml = "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[o-" + rnd.nextInt(1, USERS + 1)
          + "]]></FromUserName><CreateTime>" + now + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
          + mix.get(zipf(mix.size(), rnd.nextDouble())) + "]]></Content><MsgId>" + (run * 10_000 + n) + "</MsgId></xml>";
      String nonce = run + "-" + n;
      return HttpLoad.request(base, "/wechat?signature=" + WechatScenario.sign(now, nonce) + "&timestamp=" + now + "&nonce=" + nonce)
          .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(xml)).build();
    });
  }

  /**
   * The WeChat script of one phase (1 warm-up, 2 measured): each phase signs with its own half of
   * the nonces and puts its number in the MsgId, so no measured message repeats a warm-up one (a
   * repeat is a retry, answered from the ledger for almost nothing).
   */
  private static String wechatLua(String table, String ts, long run, int phase) {
    return table
        + "local base_setup = setup\n"
        + "function setup(thread) base_setup(thread); thread:set(\"tid\", threads); threads = threads + 1 end\n"
        + "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"text/xml\"\n"
        + "local half = math.floor(#S / 2)\n"
        + "function request()\n"
        + "  local i = " + (phase - 1) + " * half + (seq * 2 + tid) % half\n  seq = seq + 1\n"
        + "  local body = \"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[o-\" .. math.random(1, " + USERS
        + ") .. \"]]></FromUserName><CreateTime>" + ts + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[\" .. pick()"
        + " .. \"]]></Content><MsgId>" + (run % 100_000) + phase + "\" .. tid .. string.format(\"%09d\", seq) .. \"</MsgId></xml>\"\n"
        + "  return wrk.format(nil, \"/wechat?signature=\" .. S[i + 1] .. \"&timestamp=" + ts + "&nonce=\" .. i, nil, body)\nend\n";
  }

  private static String jsonText(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
