package aidline.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aidline.testing.Engine;
import aidline.testing.TestDatabases;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The two engines' migration histories describe one schema: the same versions with the same
 * descriptions, and after migrating, the same tables with the same columns of the same kind.
 */
class MigrationParityTest {
  @RegisterExtension final TestDatabases dbs = new TestDatabases();

  @Test
  void bothEngineFoldersHoldTheSameVersionsAndDescriptions() throws Exception {
    TreeSet<String> sqlite = scripts("sqlite");
    TreeSet<String> postgres = scripts("postgresql");
    assertFalse(sqlite.isEmpty());
    assertEquals(sqlite, postgres);
  }

  @Test
  void commonMigrationsUseNoVersionOfAnEngineFolder() throws Exception {
    TreeSet<String> common = versions(scripts("common"));
    common.retainAll(versions(scripts("sqlite")));
    assertTrue(common.isEmpty(), "versions in common/ and sqlite/: " + common);
  }

  @Test
  void bothEnginesMigrateToTheSameTablesAndColumns() throws Exception {
    Database sqlite = dbs.open(Engine.SQLITE);
    Map<String, Map<String, String>> lite = sqlite.withConnection(MigrationParityTest::sqliteColumns);
    assertTrue(lite.containsKey("ticket") && lite.get("ticket").containsKey("version"), lite.keySet().toString());

    Database pg = dbs.open(dbs.empty(Engine.POSTGRESQL));
    Map<String, Map<String, String>> postgres = pg.withConnection(MigrationParityTest::postgresColumns);
    assertEquals(lite, postgres);
    assertEquals(
        sqlite.flyway().info().current().getVersion(), pg.flyway().info().current().getVersion());
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void commonMigrationsGetTheEnginesTypesFromPlaceholders(Engine engine) {
    Database db = dbs.open(engine);
    Flyway.configure()
        .dataSource(db.dataSource())
        .locations("classpath:db/placeholder-probe")
        .placeholders(db.dialect().migrationPlaceholders())
        .table("probe_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
    long at = 1_780_000_000_000L;
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO probe (at) VALUES (?)")) {
        ps.setLong(1, at);
        ps.executeUpdate();
        ps.setLong(1, at + 1);
        return ps.executeUpdate();
      }
    });
    String rows = db.withConnection(c -> {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, at, engine FROM probe ORDER BY id")) {
        StringBuilder sb = new StringBuilder();
        while (rs.next()) {
          sb.append(rs.getLong(1)).append(':').append(rs.getLong(2)).append(':').append(rs.getString(3)).append(' ');
        }
        return sb.toString().trim();
      }
    });
    String e = db.dialect().engine();
    assertEquals("1:" + at + ":" + e + " 2:" + (at + 1) + ":" + e, rows);
  }

  private static TreeSet<String> scripts(String folder) throws IOException, URISyntaxException {
    var url = MigrationParityTest.class.getResource("/db/migration/" + folder);
    if (url == null) {
      return new TreeSet<>();
    }
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static TreeSet<String> versions(TreeSet<String> scripts) {
    return scripts.stream().map(n -> n.substring(0, n.indexOf("__"))).collect(Collectors.toCollection(TreeSet::new));
  }

  /** table → column → kind (integer, text, blob, real). */
  private static Map<String, Map<String, String>> sqliteColumns(Connection c) throws SQLException {
    Map<String, Map<String, String>> out = new TreeMap<>();
    try (Statement st = c.createStatement();
        ResultSet tables = st.executeQuery(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'flyway_schema_history'")) {
      while (tables.next()) {
        out.put(tables.getString(1), new TreeMap<>());
      }
    }
    for (var e : out.entrySet()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT name, type FROM pragma_table_info(?)")) {
        ps.setString(1, e.getKey());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            e.getValue().put(rs.getString(1), kind(rs.getString(2)));
          }
        }
      }
    }
    return out;
  }

  private static Map<String, Map<String, String>> postgresColumns(Connection c) throws SQLException {
    Map<String, Map<String, String>> out = new TreeMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT table_name, column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name <> 'flyway_schema_history'")) {
      while (rs.next()) {
        out.computeIfAbsent(rs.getString(1), t -> new TreeMap<>()).put(rs.getString(2), kind(rs.getString(3)));
      }
    }
    return out;
  }

  private static String kind(String declared) {
    String t = declared.toLowerCase(Locale.ROOT);
    if (t.contains("int")) {
      return "integer";
    }
    if (t.contains("text") || t.contains("char")) {
      return "text";
    }
    if (t.contains("blob") || t.contains("bytea")) {
      return "blob";
    }
    return t;
  }
}
