package aidline.storage;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The SQL that differs between the two storage engines; everything else is written once. Obtain it
 * from {@link Database#dialect()}; {@link Database#open} picks it from {@code storage.db}.
 */
public sealed interface Dialect permits SqliteDialect, PostgresDialect {

  /** "sqlite" or "postgresql", as /health and {@code db status} report it. */
  String engine();

  /**
   * Insert-or-ignore for idempotent writes keyed by a unique column: both engines accept {@code ON
   * CONFLICT DO NOTHING}.
   */
  default String insertOrIgnore(String table, String columns, String placeholders) {
    return "INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders + ") ON CONFLICT DO NOTHING";
  }

  /** A {@code RETURNING} clause (SQLite since 3.35, PostgreSQL always), with a leading space. */
  default String returning(String columns) {
    return " RETURNING " + columns;
  }

  /**
   * Row locks for a read that the same transaction then updates: empty on SQLite, whose IMMEDIATE
   * transactions already hold the one write lock from their start.
   */
  String forUpdate();

  /** Like {@link #forUpdate()}, skipping rows another node has locked (claims of outbox rows). */
  String forUpdateSkipLocked();

  /** A condition true when {@code column} contains the bound string (case-sensitive), one parameter. */
  String containsSql(String column);

  /** Statements run at the start of a bulk-import transaction, on its connection. */
  List<String> bulkWriteSql();

  /** A query whose single row's first column is "ok" when the database is sound. */
  String integrityCheckSql();

  /**
   * True when writers may run side by side, each in its own transaction (PostgreSQL); false when the
   * engine has one writer (SQLite), so plain writes take turns on the write lock as batches do.
   */
  boolean concurrentWriters();

  /**
   * True when the driver keeps prepared statements per connection itself (pgjdbc); false when every
   * prepare compiles the SQL again (sqlite-jdbc), so {@link Database} keeps the hot ones.
   */
  boolean driverCachesStatements();

  /** True when the statement failed on a unique or primary-key constraint. */
  boolean isUniqueViolation(SQLException e);

  /** True when the statement failed on a foreign key. */
  boolean isForeignKeyViolation(SQLException e);

  /** Flyway placeholders for the migrations in {@code db/migration/common} (see DESIGN "Storage"). */
  Map<String, String> migrationPlaceholders();

  /** Flyway locations: the migrations written once, then this engine's own history. */
  default List<String> migrationLocations() {
    return List.of("classpath:db/migration/common", "classpath:db/migration/" + engine());
  }
}
