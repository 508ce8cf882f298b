package aidline.storage.copy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A table to copy: its columns in the target's order, the key a rerun skips on (the primary key, or
 * else a unique key; empty for a table with neither), and its identity column (null if none), whose
 * sequence is moved past the copied ids afterwards.
 */
record CopyTable(String name, List<Column> columns, List<String> key, String identity) {
  boolean keyed() {
    return !key.isEmpty();
  }

  String columnList() {
    return columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
  }

  String placeholders() {
    return columns.stream().map(c -> "?").collect(Collectors.joining(", "));
  }

  String keyList() {
    return key.stream().map(CopyTable::quote).collect(Collectors.joining(", "));
  }

  List<Column> keyColumns() {
    return key.stream().map(k -> columns.stream().filter(c -> c.name().equals(k)).findFirst().orElseThrow()).toList();
  }

  /** Names come from the databases' own catalogues; quoting keeps words such as "key" and "at" plain names. */
  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
