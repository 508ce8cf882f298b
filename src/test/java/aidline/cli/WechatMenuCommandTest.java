package aidline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.channel.wechat.FakeWechatApi;
import aidline.channel.wechat.WechatPayloads;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code aidline wechat menu publish} through WxJava against a fake WeChat API. */
class WechatMenuCommandTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  Run run(Map<String, String> env, String... args) {
    CommandLine cl = AidlineCommand.commandLine(env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  Map<String, String> env(FakeWechatApi api) {
    Map<String, String> env = new HashMap<>();
    env.put("AIDLINE_DB", dir.resolve("m.db").toString());
    env.put("AIDLINE_KB_DIR", Path.of("knowledge-base").toAbsolutePath().toString());
    env.put("AIDLINE_WECHAT_TOKEN", WechatPayloads.TOKEN);
    env.put("AIDLINE_WECHAT_APP_ID", WechatPayloads.APP_ID);
    env.put("AIDLINE_WECHAT_SECRET", "secret");
    env.put("AIDLINE_WECHAT_API_HOST", api.url());
    return env;
  }

  @Test
  void publishesTheShippedMenuFile() throws Exception {
    try (FakeWechatApi api = new FakeWechatApi()) {
      Run r = run(env(api), "wechat", "menu", "publish");
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("菜单已发布：2 个一级菜单"), r.out());
      var created = api.callsTo("/cgi-bin/menu/create");
      assertEquals(1, created.size());
      assertTrue(created.get(0).query().contains("access_token=FAKE_TOKEN"));
      assertEquals(Files.readString(Path.of("config/wechat-menu.json")).replaceAll("\\s", ""), created.get(0).body().replaceAll("\\s", ""));
    }
  }

  @Test
  void badFilesAndMissingCredentialsStopWithOneChineseLine() throws Exception {
    try (FakeWechatApi api = new FakeWechatApi()) {
      Path bad = Files.writeString(dir.resolve("bad.json"), "{\"button\": []}");
      Run r = run(env(api), "wechat", "menu", "publish", "--file", bad.toString());
      assertEquals(2, r.code());
      assertTrue(r.err().contains("1 到 3 个一级菜单"), r.err());
      Run missing = run(env(api), "wechat", "menu", "publish", "--file", dir.resolve("none.json").toString());
      assertTrue(missing.err().contains("无法读取菜单文件"), missing.err());
      Map<String, String> noSecret = env(api);
      noSecret.remove("AIDLINE_WECHAT_SECRET");
      Run creds = run(noSecret, "wechat", "menu", "publish");
      assertTrue(creds.err().contains("AIDLINE_WECHAT_SECRET"), creds.err());
      assertEquals(1, creds.err().trim().lines().count(), creds.err());
      assertTrue(api.callsTo("/cgi-bin/menu/create").isEmpty());
    }
  }
}
