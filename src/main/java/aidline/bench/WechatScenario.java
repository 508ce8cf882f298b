package aidline.bench;

import aidline.config.AppConfig;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Signed plaintext WeChat text messages per second through /wechat, each with a new MsgId. */
public final class WechatScenario implements Scenario {
  static final String TOKEN = "benchtoken";

  @Override
  public String name() {
    return "wechat";
  }

  @Override
  public List<Result> run(BenchContext ctx) throws Exception {
    DevQuestions q = DevQuestions.load(DevQuestions.DEFAULT);
    AppConfig cfg = BenchServers.config(ctx, "wechat");
    AppConfig.Wechat w = cfg.wechat();
    // a local API host that answers nothing: the scenario never needs 客服 delivery within budget
    cfg = cfg.withWechat(new AppConfig.Wechat(TOKEN, "", "wxbench", "", "http://127.0.0.1:9", w.replyBudgetMillis(), w.templateId()));
    try (BenchApp app = BenchServers.start(ctx, cfg)) {
      String base = "http://127.0.0.1:" + app.port();
      long run = System.currentTimeMillis();
      int clients = 16;
      HttpLoad.Outcome o = HttpLoad.run(clients, Duration.ofSeconds(ctx.pick(5, 2)), Duration.ofSeconds(ctx.pick(20, 5)), 2_000_000,
          n -> {
            String ts = Long.toString(System.currentTimeMillis() / 1000);
            String nonce = Integer.toString(n);
            String xml = "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[o-bench-" + (n % 500)
                + "]]></FromUserName><CreateTime>" + ts + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
                + q.texts().get(n % q.texts().size()) + "]]></Content><MsgId>" + (run * 1000 + n) + "</MsgId></xml>";
            return HttpLoad.request(base, "/wechat?signature=" + sign(ts, nonce) + "&timestamp=" + ts + "&nonce=" + nonce)
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(xml)).build();
          }, 200);
      List<Result> out = new ArrayList<>();
      out.add(Result.of(name(), "messages/s (" + clients + " clients, signed XML)", o.perSecond(), "/s", "≥ 2,000/s", o.perSecond() >= 2000)
          .withNote(o.requests() + " requests, " + o.errors() + " not 200"));
      out.add(Result.of(name(), "latency p99", o.latency().p99(), "ms", "< 5,000 ms (WeChat's budget)", o.latency().p99() < 5000));
      return out;
    }
  }

  static String sign(String timestamp, String nonce) {
    try {
      String[] parts = {TOKEN, timestamp, nonce};
      Arrays.sort(parts);
      byte[] d = MessageDigest.getInstance("SHA-1").digest(String.join("", parts).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
