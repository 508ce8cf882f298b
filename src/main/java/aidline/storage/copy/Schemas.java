package aidline.storage.copy;

import aidline.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables to copy, read from both catalogues rather than listed by hand, so tables that later
 * migrations add are copied too. Parents come before the tables whose foreign keys point at them.
 */
final class Schemas {
  static final String HISTORY = "flyway_schema_history";

  private Schemas() {}

  static List<CopyTable> plan(Connection source, Connection target) throws SQLException {
    Map<String, List<Column>> targetTables = targetColumns(target);
    Set<String> sourceTables = sourceTables(source);
    if (!sourceTables.equals(targetTables.keySet())) {
      Set<String> onlySource = new TreeSet<>(sourceTables);
      onlySource.removeAll(targetTables.keySet());
      Set<String> onlyTarget = new TreeSet<>(targetTables.keySet());
      onlyTarget.removeAll(sourceTables);
      throw new StorageException("源库与目标库的表不一致（只在源库: " + onlySource + "，只在目标库: " + onlyTarget + "），未写入任何数据", null);
    }
    Map<String, CopyTable> byName = new TreeMap<>();
    for (var e : targetTables.entrySet()) {
      String table = e.getKey();
      Set<String> sourceCols = sourceColumns(source, table);
      Set<String> targetCols = new TreeSet<>();
      e.getValue().forEach(c -> targetCols.add(c.name()));
      if (!sourceCols.equals(targetCols)) {
        throw new StorageException("表 " + table + " 的列在源库 " + sourceCols + " 与目标库 " + targetCols + " 中不一致，未写入任何数据", null);
      }
      byName.put(table, new CopyTable(table, e.getValue(), sourceKey(source, table), identity(target, table)));
    }
    return ordered(byName, foreignKeys(target));
  }

  private static Set<String> sourceTables(Connection c) throws SQLException {
    Set<String> out = new TreeSet<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")) {
      while (rs.next()) {
        if (!rs.getString(1).equals(HISTORY)) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private static Set<String> sourceColumns(Connection c, String table) throws SQLException {
    Set<String> out = new TreeSet<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(" + CopyTable.quote(table) + ")")) {
      while (rs.next()) {
        out.add(rs.getString("name"));
      }
    }
    return out;
  }

  /** The primary key's columns in key order; else a full (not partial) unique index's; else none. */
  private static List<String> sourceKey(Connection c, String table) throws SQLException {
    Map<Integer, String> pk = new TreeMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(" + CopyTable.quote(table) + ")")) {
      while (rs.next()) {
        if (rs.getInt("pk") > 0) {
          pk.put(rs.getInt("pk"), rs.getString("name"));
        }
      }
    }
    if (!pk.isEmpty()) {
      return List.copyOf(pk.values());
    }
    List<String> unique = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA index_list(" + CopyTable.quote(table) + ")")) {
      while (rs.next()) {
        if (rs.getInt("unique") == 1 && rs.getInt("partial") == 0) {
          unique.add(rs.getString("name"));
        }
      }
    }
    for (String index : unique) {
      List<String> cols = new ArrayList<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA index_info(" + CopyTable.quote(index) + ")")) {
        while (rs.next()) {
          cols.add(rs.getString("name"));
        }
      }
      if (!cols.isEmpty() && !cols.contains(null)) {
        return cols;
      }
    }
    return List.of();
  }

  private static Map<String, List<Column>> targetColumns(Connection c) throws SQLException {
    Map<String, List<Column>> out = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c"
            + " JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
            + " WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name <> ?"
            + " ORDER BY c.table_name, c.ordinal_position")) {
      ps.setString(1, HISTORY);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
              .add(new Column(rs.getString(2), Column.Kind.ofPostgres(rs.getString(3))));
        }
      }
    }
    return out;
  }

  private static String identity(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"
            + " AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** child table → the tables its foreign keys reference. */
  private static Map<String, Set<String>> foreignKeys(Connection c) throws SQLException {
    Map<String, Set<String>> out = new TreeMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT child.relname, parent.relname FROM pg_constraint k"
                + " JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid"
                + " WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace")) {
      while (rs.next()) {
        if (!rs.getString(1).equals(rs.getString(2))) {
          out.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
        }
      }
    }
    return out;
  }

  /** Depth-first: each table after everything it references; otherwise by name, so runs repeat. */
  static List<CopyTable> ordered(Map<String, CopyTable> tables, Map<String, Set<String>> references) {
    Set<String> done = new LinkedHashSet<>();
    for (String t : tables.keySet()) {
      visit(t, tables, references, done, new LinkedHashSet<>());
    }
    return done.stream().map(tables::get).toList();
  }

  private static void visit(String t, Map<String, CopyTable> tables, Map<String, Set<String>> refs, Set<String> done, Set<String> path) {
    if (done.contains(t) || !tables.containsKey(t)) {
      return;
    }
    if (!path.add(t)) {
      throw new StorageException("表之间的外键成环（" + path + "），无法确定复制顺序", null);
    }
    for (String parent : refs.getOrDefault(t, Set.of())) {
      visit(parent, tables, refs, done, path);
    }
    path.remove(t);
    done.add(t);
  }
}
