package aidline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The channel keys: defaults, environment overrides and the values refused at start-up. */
class ChannelConfigTest {
  @TempDir Path dir;

  Map<String, String> env() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("AIDLINE_KB_DIR", Files.createDirectories(dir.resolve("kb")).toString());
    env.put("AIDLINE_DB", dir.resolve("a.db").toString());
    return env;
  }

  AppConfig load(Map<String, String> env) throws Exception {
    return new ConfigLoader().load(Files.writeString(dir.resolve("c.yaml"), ""), env);
  }

  @Test
  void defaultsAndOverrides() throws Exception {
    AppConfig d = load(env());
    assertEquals(4000, d.wechat().replyBudgetMillis());
    assertEquals("", d.wechat().templateId());
    Map<String, String> env = env();
    env.put("AIDLINE_WECHAT_REPLY_BUDGET_MILLIS", "2500");
    env.put("AIDLINE_WECHAT_TEMPLATE_ID", "TPL");
    env.put("AIDLINE_WECHAT_AES_KEY", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    env.put("AIDLINE_TELEGRAM_API_URL", "http://127.0.0.1:8081");
    AppConfig c = load(env);
    assertEquals(2500, c.wechat().replyBudgetMillis());
    assertEquals("TPL", c.wechat().templateId());
  }

  @Test
  void badChannelValuesNameTheirKey() throws Exception {
    String[][] cases = {
      {"AIDLINE_WECHAT_REPLY_BUDGET_MILLIS", "6000", "wechat.replyBudgetMillis"},
      {"AIDLINE_WECHAT_API_HOST", "localhost:9000", "wechat.apiHost"},
      {"AIDLINE_TELEGRAM_API_URL", "ftp://x", "telegram.apiUrl"},
    };
    for (String[] c : cases) {
      Map<String, String> env = env();
      env.put(c[0], c[1]);
      ConfigException e = assertThrows(ConfigException.class, () -> load(env), c[0]);
      assertTrue(e.getMessage().contains(c[2]) && e.getMessage().contains(c[0]), e.getMessage());
    }
  }
}
