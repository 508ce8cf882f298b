package aidline.storage.copy;

import aidline.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Before anything is written: every row already in the target must be the source's row of the same
 * key, value for value. That holds for an empty target and for one an interrupted copy left behind;
 * anything else (a province database already in use, another county's copy, a source changed
 * between two runs) is refused with the first row that differs.
 */
final class TargetCheck {
  private TargetCheck() {}

  static void requireSubsetOfSource(Connection src, Connection dst, CopyTable t) throws SQLException {
    if (t.keyed()) {
      keyed(src, dst, t);
    } else {
      whole(src, dst, t);
    }
    dst.commit();
  }

  private static void keyed(Connection src, Connection dst, CopyTable t) throws SQLException {
    List<Column> keyCols = t.keyColumns();
    List<Integer> keyIndexes = t.key().stream().map(k -> DatabaseCopy.indexOf(t, k)).toList();
    String lookup = "SELECT " + t.columnList() + " FROM " + CopyTable.quote(t.name()) + " WHERE "
        + t.key().stream().map(k -> CopyTable.quote(k) + " = ?").collect(Collectors.joining(" AND "));
    try (Statement st = dst.createStatement(); PreparedStatement ps = src.prepareStatement(lookup)) {
      st.setFetchSize(2000);
      try (ResultSet rs = st.executeQuery("SELECT " + t.columnList() + " FROM " + CopyTable.quote(t.name()))) {
        while (rs.next()) {
          List<Object> have = DatabaseCopy.row(rs, t);
          for (int i = 0; i < keyCols.size(); i++) {
            keyCols.get(i).bind(ps, i + 1, have.get(keyIndexes.get(i)));
          }
          List<List<Object>> match = DatabaseCopy.rows(ps, t);
          if (match.isEmpty() || !RowDigest.canonical(match.get(0)).equals(RowDigest.canonical(have))) {
            String key = keyIndexes.stream().map(i -> t.columns().get(i).name() + "=" + have.get(i)).collect(Collectors.joining(", "));
            throw new StorageException("目标库的表 " + t.name() + " 已有与源数据库" + (match.isEmpty() ? "不符" : "不同") + "的数据（" + key
                + (match.isEmpty() ? "，源库没有这一行" : "，内容不同") + "）：目标库须是空库或上次未完成的同一复制，未写入任何数据", null);
          }
        }
      }
    }
  }

  /** Without a key only all-or-nothing is possible: the target's rows are none, or exactly the source's. */
  private static void whole(Connection src, Connection dst, CopyTable t) throws SQLException {
    if (DatabaseCopy.count(dst, t.name()) == 0) {
      return;
    }
    if (!multiset(src, t).equals(multiset(dst, t))) {
      throw new StorageException("目标库的表 " + t.name() + " 已有与源数据库不同的数据：目标库须是空库或上次未完成的同一复制，未写入任何数据", null);
    }
  }

  private static Map<String, Integer> multiset(Connection c, CopyTable t) throws SQLException {
    Map<String, Integer> out = new HashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + t.columnList() + " FROM " + CopyTable.quote(t.name()))) {
      while (rs.next()) {
        out.merge(RowDigest.canonical(DatabaseCopy.row(rs, t)), 1, Integer::sum);
      }
    }
    return out;
  }
}
