package aidline.storage.copy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One column as the target declares it. Values are read and bound by the target's type, so a
 * SQLite cell (dynamically typed) lands in PostgreSQL as the type the schema expects, and both
 * sides print the same canonical text for the checksum.
 */
record Column(String name, Kind kind) {
  enum Kind {
    INTEGER, TEXT, BYTES, REAL, BOOLEAN;

    static Kind ofPostgres(String dataType) {
      return switch (dataType.toLowerCase(Locale.ROOT)) {
        case "bigint", "integer", "smallint" -> INTEGER;
        case "bytea" -> BYTES;
        case "double precision", "real", "numeric" -> REAL;
        case "boolean" -> BOOLEAN;
        default -> TEXT;
      };
    }
  }

  /** The cell at {@code index}, as the Java value this kind binds: Long, String, byte[], Double, Boolean or null. */
  Object read(ResultSet rs, int index) throws SQLException {
    Object v = switch (kind) {
      case INTEGER -> rs.getLong(index);
      case TEXT -> rs.getString(index);
      case BYTES -> rs.getBytes(index);
      case REAL -> rs.getDouble(index);
      case BOOLEAN -> rs.getBoolean(index);
    };
    return rs.wasNull() ? null : v;
  }

  void bind(PreparedStatement ps, int index, Object value) throws SQLException {
    if (value == null) {
      ps.setNull(index, switch (kind) {
        case INTEGER -> Types.BIGINT;
        case TEXT -> Types.VARCHAR;
        case BYTES -> Types.BINARY;
        case REAL -> Types.DOUBLE;
        case BOOLEAN -> Types.BOOLEAN;
      });
      return;
    }
    switch (kind) {
      case INTEGER -> ps.setLong(index, (Long) value);
      case TEXT -> ps.setString(index, (String) value);
      case BYTES -> ps.setBytes(index, (byte[]) value);
      case REAL -> ps.setDouble(index, (Double) value);
      case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
    }
  }

  /** Text that is equal on both engines exactly when the values are. */
  static String canonical(Object value) {
    if (value == null) {
      return "\u2400";
    }
    if (value instanceof byte[] b) {
      return "x" + HexFormat.of().formatHex(b);
    }
    return value.getClass().getSimpleName().charAt(0) + value.toString();
  }
}
