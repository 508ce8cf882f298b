package aidline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;
  Path kb;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    kb = Files.createDirectories(dir.resolve("kb"));
    env = new HashMap<>();
    env.put("AIDLINE_KB_DIR", kb.toString());
    env.put("AIDLINE_DB", dir.resolve("data/a.db").toString());
  }

  private Path write(String yaml) throws Exception {
    Path f = dir.resolve("app.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void defaultsApplyWhenFileOmitsKeys() throws Exception {
    AppConfig c = new ConfigLoader().load(write("server:\n  port: 9001\n"), env);
    assertEquals(9001, c.server().port());
    assertEquals("0.0.0.0", c.server().host());
    assertEquals("FULL", c.storage().synchronous());
    assertFalse(c.wechat().enabled());
    assertFalse(c.telegram().enabled());
  }

  @Test
  void nodesDivideThePerNodeRateLimitsAndMustBePositive() throws Exception {
    assertEquals(1, new ConfigLoader().load(write("server:\n  port: 9001\n"), env).cluster().nodes());
    env.put("AIDLINE_NODES", "3");
    AppConfig c = new ConfigLoader().load(write("server:\n  port: 9001\n"), env);
    assertEquals(3, c.cluster().nodes());
    assertEquals(6, c.cluster().perNode(20));
    assertEquals(1, c.cluster().perNode(2), "never below one a minute");
    env.put("AIDLINE_NODES", "0");
    ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(write("server:\n  port: 9001\n"), env));
    assertTrue(e.getMessage().contains("cluster.nodes (AIDLINE_NODES)"), e.getMessage());
  }

  @Test
  void environmentOverridesFile() throws Exception {
    env.put("AIDLINE_PORT", "9100");
    env.put("AIDLINE_WECHAT_TOKEN", "tok");
    env.put("AIDLINE_WECHAT_AES_KEY", "k");
    env.put("AIDLINE_WECHAT_APP_ID", "wxid");
    env.put("AIDLINE_WECHAT_SECRET", "s");
    env.put("AIDLINE_TELEGRAM_TOKEN", "123:abc");
    AppConfig c = new ConfigLoader().load(write("server:\n  port: 9001\n"), env);
    assertEquals(9100, c.server().port());
    assertEquals(kb.toString(), c.knowledge().dir());
    assertTrue(c.wechat().enabled());
    assertEquals("wxid", c.wechat().appId());
    assertEquals("123:abc", c.telegram().token());
  }

  @Test
  void everyDocumentedEnvironmentNameIsMapped() {
    for (String name :
        new String[] {
          "AIDLINE_PORT", "AIDLINE_DB", "AIDLINE_KB_DIR", "AIDLINE_WECHAT_TOKEN", "AIDLINE_WECHAT_AES_KEY",
          "AIDLINE_WECHAT_APP_ID", "AIDLINE_WECHAT_SECRET", "AIDLINE_TELEGRAM_TOKEN"
        }) {
      assertTrue(ConfigLoader.ENV_KEYS.containsKey(name), name);
    }
  }

  @Test
  void portOutOfRangeNamesTheKey() throws Exception {
    env.put("AIDLINE_PORT", "70000");
    ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(write(""), env));
    assertTrue(e.getMessage().contains("server.port"), e.getMessage());
    assertTrue(e.getMessage().contains("70000"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void nonNumericPortNamesTheKey() throws Exception {
    env.put("AIDLINE_PORT", "eighty");
    ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(write(""), env));
    assertTrue(e.getMessage().contains("server.port"), e.getMessage());
  }

  @Test
  void missingKnowledgeFolderIsRefused() throws Exception {
    env.put("AIDLINE_KB_DIR", dir.resolve("nope").toString());
    ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(write(""), env));
    assertTrue(e.getMessage().contains("knowledge.dir"), e.getMessage());
  }

  @Test
  void databaseThatIsADirectoryIsRefused() throws Exception {
    env.put("AIDLINE_DB", kb.toString());
    ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(write(""), env));
    assertTrue(e.getMessage().contains("storage.db"), e.getMessage());
  }

  @Test
  void databaseUnderAFileIsRefused() throws Exception {
    Path f = Files.writeString(dir.resolve("plain"), "x");
    env.put("AIDLINE_DB", f.resolve("a.db").toString());
    ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(write(""), env));
    assertTrue(e.getMessage().contains("storage.db"), e.getMessage());
  }

  @Test
  void explicitConfigFileMustExist() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> new ConfigLoader().load(dir.resolve("missing.yaml"), env));
    assertTrue(e.getMessage().contains("--config"));
  }

  @Test
  void brokenYamlIsReportedWithTheFile() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().load(write("server: [\n"), env));
    assertTrue(e.getMessage().contains("app.yaml"), e.getMessage());
  }

  @Test
  void unknownSynchronousModeIsRefused() throws Exception {
    ConfigException e =
        assertThrows(ConfigException.class, () -> new ConfigLoader().load(write("storage:\n  synchronous: FAST\n"), env));
    assertTrue(e.getMessage().contains("storage.synchronous"), e.getMessage());
  }
}
