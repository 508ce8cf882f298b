package aidline.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.storage.PostgresDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** storage.db as a SQLite path or a PostgreSQL URL, the pool size, and a password never shown. */
class StorageConfigTest {
  @TempDir Path dir;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    env = new HashMap<>();
    env.put("AIDLINE_KB_DIR", Files.createDirectories(dir.resolve("kb")).toString());
  }

  @Test
  void aPostgresUrlWithUserPasswordAndPoolFromTheEnvironment() {
    env.put("AIDLINE_DB", "jdbc:postgresql://db.example:5432/aidline");
    env.put("AIDLINE_DB_USER", "aid");
    env.put("AIDLINE_DB_PASSWORD", "pw-hunter2-long");
    env.put("AIDLINE_DB_POOL", "24");
    AppConfig.Storage s = new ConfigLoader().load(null, env).storage();
    assertTrue(s.postgres());
    assertEquals("aid", s.user());
    assertEquals("pw-hunter2-long", s.password());
    assertEquals(24, s.poolSize());
    assertFalse(s.toString().contains("hunter2"), s.toString());
    ConfigException file = assertThrows(ConfigException.class, s::dbPath);
    assertTrue(file.getMessage().contains("pg_dump"), file.getMessage());
  }

  @Test
  void aSqlitePathStaysTheDefaultWithAPoolOfTen() {
    env.put("AIDLINE_DB", dir.resolve("a.db").toString());
    AppConfig.Storage s = new ConfigLoader().load(null, env).storage();
    assertFalse(s.postgres());
    assertEquals(10, s.poolSize());
    assertEquals(dir.resolve("a.db"), s.dbPath());
  }

  @Test
  void badUrlsAndPoolSizesNameTheKeyAndNeverEchoTheUrl() {
    env.put("AIDLINE_DB", "jdbc:postgresql://db.example:5432?password=leak-me");
    ConfigException noDb = assertThrows(ConfigException.class, () -> new ConfigLoader().load(null, env));
    assertTrue(noDb.getMessage().contains("storage.db (AIDLINE_DB)"), noDb.getMessage());
    assertFalse(noDb.getMessage().contains("leak-me"), noDb.getMessage());

    env.put("AIDLINE_DB", "jdbc:mysql://db.example/aidline");
    ConfigException other = assertThrows(ConfigException.class, () -> new ConfigLoader().load(null, env));
    assertTrue(other.getMessage().contains("jdbc:postgresql://"), other.getMessage());

    env.put("AIDLINE_DB", "jdbc:postgresql://db.example/aidline");
    env.put("AIDLINE_DB_POOL", "1");
    ConfigException pool = assertThrows(ConfigException.class, () -> new ConfigLoader().load(null, env));
    assertTrue(pool.getMessage().contains("storage.poolSize (AIDLINE_DB_POOL)"), pool.getMessage());
  }

  @Test
  void theUrlAsPrintedLosesItsParametersAndUserInfo() {
    assertEquals("jdbc:postgresql://h:5432/aid", PostgresDialect.safeUrl("jdbc:postgresql://h:5432/aid?user=u&password=p"));
    assertEquals("jdbc:postgresql://h/aid", PostgresDialect.safeUrl("jdbc:postgresql://u:p@h/aid"));
    assertEquals("jdbc:postgresql://h:1/aid", PostgresDialect.safeUrl(" jdbc:postgresql://h:1/aid "));
  }
}
