package aidline.student;

import aidline.storage.Database;
import aidline.storage.Dialect;
import aidline.values.Stage;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Plain JDBC over the students and aid_records tables. */
public final class StudentRepository {
  private static final String STUDENT_COLUMNS =
      "national_id, student_no, name, gender, ethnicity, birth_date, school, stage, grade, boarder, categories,"
          + " region, guardian_name, guardian_phone";
  private static final String UPSERT_STUDENT =
      "INSERT INTO students (" + STUDENT_COLUMNS + ", updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
          + " ON CONFLICT (national_id) DO UPDATE SET student_no = excluded.student_no, name = excluded.name,"
          + " gender = excluded.gender, ethnicity = excluded.ethnicity, birth_date = excluded.birth_date,"
          + " school = excluded.school, stage = excluded.stage, grade = excluded.grade, boarder = excluded.boarder,"
          + " categories = excluded.categories, region = excluded.region, guardian_name = excluded.guardian_name,"
          + " guardian_phone = excluded.guardian_phone, updated_at = excluded.updated_at";
  private static final String UPSERT_AID =
      "INSERT INTO aid_records (national_id, school_year, term, item, amount, status, status_date, note, updated_at)"
          + " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (national_id, school_year, term, item) DO UPDATE SET"
          + " amount = excluded.amount, status = excluded.status, status_date = excluded.status_date,"
          + " note = excluded.note, updated_at = excluded.updated_at";
  private static final String AID_COLUMNS =
      "national_id, school_year, term, item, amount, status, status_date, note";

  private static final String AID_BY_STUDENT =
      "SELECT " + AID_COLUMNS + " FROM aid_records WHERE national_id = ? ORDER BY school_year DESC,"
          + " CASE term WHEN '全年' THEN 0 WHEN '秋季' THEN 1 ELSE 2 END, item";

  private final Database db;
  private final Clock clock;

  public StudentRepository(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public Database database() {
    return db;
  }

  // ---- writes -------------------------------------------------------------------------------

  /**
   * Writes a batch in one transaction. If any row breaks a constraint, the batch is rolled back and
   * written again row by row under savepoints, so the good rows land and each bad one gets a reason.
   *
   * @return index in {@code batch} → reason, for the rows that were refused
   */
  public Map<Integer, String> upsertStudents(List<StudentProfile> batch) {
    return writeBatch(batch, UPSERT_STUDENT, this::bindStudent);
  }

  public Map<Integer, String> upsertAid(List<AidRecord> batch) {
    return writeBatch(batch, UPSERT_AID, this::bindAid);
  }

  /**
   * After an import: the pooled connections that took the import's 256 MB page cache are replaced
   * by fresh ones once idle, so a server that imported does not keep filling that cache from lookups
   * (RSS).
   */
  public void bulkDone() {
    if (db.dataSource() instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
      pool.getHikariPoolMXBean().softEvictConnections();
    }
  }

  private interface Binder<T> {
    void bind(PreparedStatement ps, T value, String now) throws SQLException;
  }

  private <T> Map<Integer, String> writeBatch(List<T> batch, String sql, Binder<T> binder) {
    if (batch.isEmpty()) {
      return Map.of();
    }
    String now = Instant.now(clock).toString();
    try {
      db.inTransaction(
          c -> {
            try (Statement st = c.createStatement()) {
              for (String tuning : db.dialect().bulkWriteSql()) {
                st.execute(tuning);
              }
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              for (T v : batch) {
                binder.bind(ps, v, now);
                ps.addBatch();
              }
              ps.executeBatch();
            }
            return null;
          });
      return Map.of();
    } catch (RuntimeException whole) {
      if (!(whole.getCause() instanceof SQLException)) {
        throw whole;
      }
    }
    return db.inTransaction(
        c -> {
          Map<Integer, String> refused = new LinkedHashMap<>();
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < batch.size(); i++) {
              Savepoint sp = c.setSavepoint();
              try {
                binder.bind(ps, batch.get(i), now);
                ps.executeUpdate();
                c.releaseSavepoint(sp);
              } catch (SQLException e) {
                c.rollback(sp);
                refused.put(i, constraintReason(db.dialect(), e));
              }
            }
          }
          return refused;
        });
  }

  static String constraintReason(Dialect dialect, SQLException e) {
    String m = String.valueOf(e.getMessage());
    if (dialect.isUniqueViolation(e) && m.contains("student_no")) {
      return "学籍号已被另一名学生使用";
    }
    if (dialect.isForeignKeyViolation(e)) {
      return "名单中没有这个身份证号的学生，请先导入学生名单";
    }
    return "无法保存：" + m.lines().findFirst().orElse(m);
  }

  private void bindStudent(PreparedStatement ps, StudentProfile s, String now) throws SQLException {
    ps.setString(1, s.nationalId());
    // the usual G + 身份证号 is not stored: one unique index fewer to fill on every imported row
    ps.setString(2, derivedStudentNo(s.nationalId()).equals(s.studentNo()) ? null : s.studentNo());
    ps.setString(3, s.name());
    ps.setString(4, s.gender());
    ps.setString(5, nz(s.ethnicity()));
    ps.setString(6, s.birthDate().toString());
    ps.setString(7, s.school());
    ps.setString(8, s.stage().name());
    ps.setString(9, nz(s.grade()));
    ps.setInt(10, s.boarder() ? 1 : 0);
    ps.setString(11, s.categories().stream().sorted().map(HouseholdCategory::code).collect(Collectors.joining(",")));
    ps.setString(12, s.region());
    ps.setString(13, nz(s.guardianName()));
    ps.setString(14, nz(s.guardianPhone()));
    ps.setString(15, now);
  }

  private void bindAid(PreparedStatement ps, AidRecord r, String now) throws SQLException {
    ps.setString(1, r.nationalId());
    ps.setString(2, r.schoolYear());
    ps.setString(3, r.term());
    ps.setString(4, r.item());
    ps.setString(5, r.amount().toPlainString());
    ps.setString(6, r.status().name());
    ps.setString(7, r.date() == null ? null : r.date().toString());
    ps.setString(8, nz(r.note()));
    ps.setString(9, now);
  }

  static String derivedStudentNo(String nationalId) {
    return "G" + nationalId;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  // ---- reads --------------------------------------------------------------------------------

  public Optional<StudentProfile> findByNationalId(String nationalId) {
    return findOne("SELECT " + STUDENT_COLUMNS + " FROM students WHERE national_id = ?", nationalId);
  }

  public Optional<StudentProfile> findByStudentNo(String studentNo) {
    Optional<StudentProfile> given = findOne("SELECT " + STUDENT_COLUMNS + " FROM students WHERE student_no = ?", studentNo);
    if (given.isPresent() || studentNo.length() != 19 || studentNo.charAt(0) != 'G') {
      return given;
    }
    return findOne("SELECT " + STUDENT_COLUMNS + " FROM students WHERE national_id = ? AND student_no IS NULL",
        studentNo.substring(1));
  }

  private Optional<StudentProfile> findOne(String sql, String key) {
    return db.query(sql, ps -> ps.setString(1, key), rs -> rs.next() ? Optional.of(student(rs)) : Optional.empty());
  }

  public List<AidRecord> aidRecords(String nationalId) {
    return db.query(AID_BY_STUDENT, ps -> ps.setString(1, nationalId), rs -> {
      List<AidRecord> out = new ArrayList<>();
      while (rs.next()) {
        out.add(aid(rs));
      }
      return out;
    });
  }

  /** Filter of the gap report; null or blank parts match everything. {@code regionPath} matches descendants too. */
  public record Filter(String regionPath, String school, Stage stage) {}

  /** A page of students and where the next one starts. */
  public record Page(List<StudentProfile> students, long lastId) {}

  /**
   * One page of students matching the filter, in import order, after row {@code afterId} (keyset
   * paging, so a report over a million students never uses OFFSET).
   */
  public Page page(Filter f, long afterId, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + STUDENT_COLUMNS + ", id FROM students WHERE id > ?");
    List<String> args = new ArrayList<>();
    if (f.regionPath() != null && !f.regionPath().isBlank()) {
      sql.append(" AND region >= ? AND region < ?");
      args.add(f.regionPath());
      args.add(f.regionPath() + '\uFFFF');
    }
    if (f.school() != null && !f.school().isBlank()) {
      sql.append(" AND school = ?");
      args.add(f.school());
    }
    if (f.stage() != null) {
      sql.append(" AND stage = ?");
      args.add(f.stage().name());
    }
    sql.append(" ORDER BY id LIMIT ").append(limit);
    return db.withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setLong(1, afterId);
            for (int i = 0; i < args.size(); i++) {
              ps.setString(i + 2, args.get(i));
            }
            List<StudentProfile> out = new ArrayList<>();
            long last = afterId;
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(student(rs));
                last = rs.getLong(15);
              }
            }
            return new Page(out, last);
          }
        });
  }

  public long countStudents() {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM students");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  private static StudentProfile student(ResultSet rs) throws SQLException {
    return new StudentProfile(
        rs.getString(1),
        rs.getString(2) == null ? derivedStudentNo(rs.getString(1)) : rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        LocalDate.parse(rs.getString(6)),
        rs.getString(7),
        Stage.valueOf(rs.getString(8)),
        rs.getString(9),
        rs.getInt(10) == 1,
        categories(rs.getString(11)),
        rs.getString(12),
        rs.getString(13),
        rs.getString(14));
  }

  private static Set<HouseholdCategory> categories(String codes) {
    Set<HouseholdCategory> set = EnumSet.noneOf(HouseholdCategory.class);
    if (codes != null && !codes.isEmpty()) {
      Arrays.stream(codes.split(",")).map(HouseholdCategory::byCode).flatMap(Optional::stream).forEach(set::add);
    }
    return set;
  }

  private static AidRecord aid(ResultSet rs) throws SQLException {
    String date = rs.getString(7);
    return new AidRecord(
        rs.getString(1),
        rs.getString(2) == null ? derivedStudentNo(rs.getString(1)) : rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        new BigDecimal(rs.getString(5)),
        AidStatus.valueOf(rs.getString(6)),
        date == null ? null : LocalDate.parse(date),
        rs.getString(8));
  }

  // ---- failed parent checks (issue 15, M1) ------------------------------------------------------

  /** Records one failed check under each key, and forgets failures older than {@code since}. */
  public void recordParentFailure(Collection<String> keys, Instant at, Instant since) {
    db.write(c -> {
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO parent_check_failure (key, at) VALUES (?,?)");
          PreparedStatement old = c.prepareStatement("DELETE FROM parent_check_failure WHERE at < ?")) {
        for (String k : keys) {
          ins.setString(1, k);
          ins.setString(2, at.toString());
          ins.addBatch();
        }
        ins.executeBatch();
        old.setString(1, since.toString());
        return old.executeUpdate();
      }
    });
  }

  /** The most failures any of the keys has had since {@code since}. */
  public int parentFailures(Collection<String> keys, Instant since) {
    return db.withConnection(c -> {
      int most = 0;
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM parent_check_failure WHERE key = ? AND at >= ?")) {
        for (String k : keys) {
          ps.setString(1, k);
          ps.setString(2, since.toString());
          try (ResultSet rs = ps.executeQuery()) {
            most = Math.max(most, rs.next() ? rs.getInt(1) : 0);
          }
        }
      }
      return most;
    });
  }
}
