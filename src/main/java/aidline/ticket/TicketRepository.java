package aidline.ticket;

import aidline.storage.Database;
import aidline.storage.Dialect;
import aidline.storage.GroupCommitter;
import aidline.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Orders and their events in SQLite. The repository owns its transactions: reads run on a pooled
 * connection, and {@link #write} runs a unit of work as one group-committed write (its own savepoint
 * inside a shared transaction, answered only after the commit), so no {@link Connection} leaves it.
 */
public final class TicketRepository {
  private static final String COLUMNS =
      "ticket_no, channel, caller_name, caller_phone, channel_user_id, region, student_id, category, priority,"
          + " description, department, assignee, status, resolution, satisfaction, reopen_count, chase_count,"
          + " merged_into, due_at, created_at, updated_at, version";
  private static final String OPEN = "status IN " + statuses(TicketStatus::isOpen);
  /** Orders whose deadline clock runs: what counts as overdue, and as open on the dashboard. */
  private static final String RUNNING = "status IN " + statuses(TicketStatus::clockRunning);
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private final Database db;

  public TicketRepository(Database db) {
    this.db = db;
  }

  /** What a unit of work may do, all in the one transaction of {@link #write}. */
  public interface Tx {
    Optional<Ticket> find(String ticketNo);

    /**
     * The open order this new call repeats: same category and student (or both without one), and the
     * same caller by phone or by chat account.
     */
    Optional<Ticket> findOpenDuplicate(String phone, String channel, String channelUserId, String studentId, String category);

    /**
     * Takes the next number of the day from the per-day counter row, in this transaction: SQLite's
     * single writer makes numbers unique, and a rolled-back insert gives its number back.
     */
    String nextNumber(LocalDate day);

    void insert(Ticket t);

    /** Writes the changed order if nobody changed it since {@code expectedVersion}, else StaleVersionException. */
    void update(Ticket t, long expectedVersion);

    /** Gives an order without a chat identity this one (a hotline order proved on chat). */
    void linkChat(String ticketNo, String channel, String channelUserId);

    void addEvent(TicketEvent e);

    /** Another feature's row written in this transaction (the audit row of a create), committed with it. */
    void also(Database.SqlWork<?> work);
  }

  /**
   * Runs {@code work} as one durable write, group-committed with other requests' writes; returns
   * after the commit. A failure rolls back this work only.
   */
  public <T> T write(Function<Tx, T> work) {
    return db.write(c -> work.apply(new ConnectionTx(c)));
  }

  public Optional<Ticket> find(String ticketNo) {
    return db.withConnection(c -> find(c, ticketNo));
  }

  /** The order and its events, read together. */
  public Optional<TicketDetail> detail(String ticketNo) {
    return db.withConnection(c -> {
      Optional<Ticket> t = find(c, ticketNo);
      return t.isEmpty() ? Optional.<TicketDetail>empty() : Optional.of(new TicketDetail(t.get(), events(c, ticketNo)));
    });
  }

  /** The chat user's orders on a channel, newest first. */
  public List<Ticket> forUser(String channel, String userId, int limit) {
    return db.withConnection(c -> forUser(c, channel, userId, limit));
  }

  public TicketPage list(TicketQuery q, Instant now) {
    return db.withConnection(c -> list(c, q, now));
  }

  /** The orders recording one of {@code studentIds} exactly, newest first, through the student index. */
  public List<Ticket> forStudent(List<String> studentIds, int limit) {
    // every student lookup runs this: kept prepared per connection (one SQL text per number of ids)
    String sql = "SELECT " + COLUMNS + " FROM ticket WHERE student_id IN ("
        + String.join(",", Collections.nCopies(studentIds.size(), "?")) + ") ORDER BY created_at DESC, id DESC LIMIT ?";
    return db.query(sql, ps -> {
      for (int i = 0; i < studentIds.size(); i++) {
        ps.setString(i + 1, studentIds.get(i));
      }
      ps.setInt(studentIds.size() + 1, limit);
    }, TicketRepository::readRows);
  }

  /** The dashboard's figures; the trend covers the {@code days} Beijing days up to today. */
  public TicketFigures figures(int days, Instant now) {
    return db.withConnection(c -> figures(c, days, now));
  }

  /** One insert in a transaction of its own, outside the group committer: the bench's baseline. */
  public void insertAlone(Ticket t) {
    db.withConnection(c -> {
      insert(c, t);
      return null;
    });
  }

  /** Writes and commits so far, to show group commit at work. */
  /** Appends a reply to the parent (issue 15, H1); false when the order does not exist. */
  public boolean addParentReply(String ticketNo, Instant at, String actor, String text) {
    return db.write(c -> {
      if (find(c, ticketNo).isEmpty()) {
        return false;
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_parent_reply (ticket_no, at, actor, text) VALUES (?,?,?,?)")) {
        ps.setString(1, ticketNo);
        ps.setString(2, at.toString());
        ps.setString(3, actor);
        ps.setString(4, text);
        ps.executeUpdate();
        return true;
      }
    });
  }

  /** The latest reply to the parent, if an operator wrote one. */
  public Optional<String> parentReply(String ticketNo) {
    return db.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT text FROM ticket_parent_reply WHERE ticket_no = ? ORDER BY id DESC LIMIT 1")) {
        ps.setString(1, ticketNo);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }

  public GroupCommitter.Stats writeStats() {
    return db.writeStats();
  }

  private final class ConnectionTx implements Tx {
    private final Connection c;

    ConnectionTx(Connection c) {
      this.c = c;
    }

    @Override
    public Optional<Ticket> find(String ticketNo) {
      return run(() -> TicketRepository.this.find(c, ticketNo));
    }

    @Override
    public Optional<Ticket> findOpenDuplicate(String phone, String channel, String channelUserId, String studentId, String category) {
      return run(() -> TicketRepository.this.findOpenDuplicate(c, phone, channel, channelUserId, studentId, category));
    }

    @Override
    public String nextNumber(LocalDate day) {
      return run(() -> TicketRepository.this.nextNumber(c, day));
    }

    @Override
    public void insert(Ticket t) {
      run(() -> {
        TicketRepository.this.insert(c, t);
        return null;
      });
    }

    @Override
    public void update(Ticket t, long expectedVersion) {
      run(() -> {
        TicketRepository.this.update(c, t, expectedVersion);
        return null;
      });
    }

    @Override
    public void linkChat(String ticketNo, String channel, String channelUserId) {
      run(() -> {
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE ticket SET channel = ?, channel_user_id = ? WHERE ticket_no = ? AND channel_user_id IS NULL")) {
          ps.setString(1, channel);
          ps.setString(2, channelUserId);
          ps.setString(3, ticketNo);
          if (ps.executeUpdate() != 1) {
            throw new StaleVersionException("工单 " + ticketNo + " 已关联其他聊天账号");
          }
        }
        return null;
      });
    }

    @Override
    public void addEvent(TicketEvent e) {
      run(() -> {
        TicketRepository.this.addEvent(c, e);
        return null;
      });
    }

    @Override
    public void also(Database.SqlWork<?> work) {
      run(() -> work.run(c));
    }
  }

  private interface SqlCall<T> {
    T call() throws SQLException;
  }

  /** As the group committer reports a failed write: the work's savepoint is rolled back either way. */
  private static <T> T run(SqlCall<T> call) {
    try {
      return call.call();
    } catch (SQLException e) {
      throw new StorageException("数据库操作失败: " + e.getMessage(), e);
    }
  }

  /**
   * Takes the next number of the day. Runs inside the inserting transaction, so SQLite's single
   * writer makes numbers unique and a rolled-back insert gives its number back.
   */
  private String nextNumber(Connection c, LocalDate day) throws SQLException {
    String key = day.format(DAY);
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO ticket_day_seq (day, last) VALUES (?, 1)"
            + " ON CONFLICT (day) DO UPDATE SET last = ticket_day_seq.last + 1 RETURNING last")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return String.format("JY%s-%04d", key, rs.getInt(1));
      }
    }
  }

  private void insert(Connection c, Ticket t) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO ticket (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      bind(ps, t);
      ps.executeUpdate();
    }
  }

  /** Writes the changed order if nobody changed it since {@code expectedVersion}. */
  private void update(Connection c, Ticket t, long expectedVersion) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE ticket SET department = ?, assignee = ?, status = ?, resolution = ?, satisfaction = ?,"
            + " reopen_count = ?, chase_count = ?, merged_into = ?, due_at = ?, updated_at = ?, version = ?,"
            + " caller_phone = ?, region = ?, student_id = ?, category = ?, priority = ?"
            + " WHERE ticket_no = ? AND version = ?")) {
      ps.setString(1, t.department());
      ps.setString(2, t.assignee());
      ps.setString(3, t.status().wire());
      ps.setString(4, t.resolution());
      ps.setString(5, t.satisfaction());
      ps.setInt(6, t.reopenCount());
      ps.setInt(7, t.chaseCount());
      ps.setString(8, t.mergedInto());
      ps.setLong(9, t.dueAt().toEpochMilli());
      ps.setLong(10, t.updatedAt().toEpochMilli());
      ps.setLong(11, t.version());
      // the fields an operator may correct (PATCH); a lifecycle step carries them over unchanged
      ps.setString(12, t.callerPhone());
      ps.setString(13, t.region());
      ps.setString(14, t.studentId());
      ps.setString(15, t.category());
      ps.setString(16, t.priority());
      ps.setString(17, t.ticketNo());
      ps.setLong(18, expectedVersion);
      if (ps.executeUpdate() != 1) {
        throw new StaleVersionException("工单 " + t.ticketNo() + " 已被他人修改，请刷新后重试");
      }
    }
  }

  private void addEvent(Connection c, TicketEvent e) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO ticket_event (ticket_no, action, from_status, to_status, actor, at, note) VALUES (?,?,?,?,?,?,?)")) {
      ps.setString(1, e.ticketNo());
      ps.setString(2, e.action());
      ps.setString(3, e.fromStatus() == null ? null : e.fromStatus().wire());
      ps.setString(4, e.toStatus().wire());
      ps.setString(5, e.actor());
      ps.setLong(6, e.at().toEpochMilli());
      ps.setString(7, e.note());
      ps.executeUpdate();
    }
  }

  private Optional<Ticket> find(Connection c, String ticketNo) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ticket WHERE ticket_no = ?")) {
      ps.setString(1, ticketNo);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private List<TicketEvent> events(Connection c, String ticketNo) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT ticket_no, action, from_status, to_status, actor, at, note FROM ticket_event WHERE ticket_no = ? ORDER BY id")) {
      ps.setString(1, ticketNo);
      List<TicketEvent> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String from = rs.getString(3);
          out.add(new TicketEvent(
              rs.getString(1), rs.getString(2), from == null ? null : TicketStatus.fromWire(from),
              TicketStatus.fromWire(rs.getString(4)), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7)));
        }
      }
      return out;
    }
  }

  /**
   * The open order this new call repeats: same category and student (or both without one), and the
   * same caller by phone or by chat account.
   */
  private Optional<Ticket> findOpenDuplicate(
      Connection c, String phone, String channel, String channelUserId, String studentId, String category) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM ticket WHERE " + OPEN + " AND category = ? AND coalesce(student_id, '') = ?"
            + " AND (caller_phone = ? OR (channel_user_id IS NOT NULL AND channel = ? AND channel_user_id = ?))"
            + " ORDER BY created_at DESC, id DESC LIMIT 1")) {
      ps.setString(1, category);
      ps.setString(2, studentId == null ? "" : studentId);
      ps.setString(3, phone);
      ps.setString(4, channel);
      ps.setString(5, channelUserId == null ? "" : channelUserId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private List<Ticket> forUser(Connection c, String channel, String userId, int limit) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM ticket WHERE channel = ? AND channel_user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")) {
      ps.setString(1, channel);
      ps.setString(2, userId);
      ps.setInt(3, limit);
      return readAll(ps);
    }
  }

  private TicketPage list(Connection c, TicketQuery q, Instant now) throws SQLException {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.statuses() != null && !q.statuses().isEmpty()) {
      where.append(" AND status IN (").append(String.join(",", Collections.nCopies(q.statuses().size(), "?"))).append(")");
      q.statuses().forEach(s -> args.add(s.wire()));
    }
    if (q.overdueOnly()) {
      where.append(" AND ").append(RUNNING).append(" AND due_at < ?");
      args.add(now.toEpochMilli());
    }
    eq(where, args, "category", q.category());
    eq(where, args, "department", q.department());
    eq(where, args, "assignee", q.assignee());
    if (q.region() != null) {
      where.append(" AND substr(region, 1, length(?)) = ?");
      args.add(q.region());
      args.add(q.region());
    }
    if (q.q() != null) {
      Dialect d = db.dialect();
      where.append(" AND (" + d.containsSql("ticket_no") + " OR " + d.containsSql("caller_name") + " OR " + d.containsSql("caller_phone")
          + " OR " + d.containsSql("coalesce(student_id, '')") + " OR " + d.containsSql("description") + ")");
      for (int i = 0; i < 5; i++) {
        args.add(q.q());
      }
    }
    long total;
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM ticket" + where)) {
      bindAll(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        total = rs.getLong(1);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM ticket" + where
            + (q.byDeadline() ? " ORDER BY due_at IS NULL, due_at ASC, id ASC" : " ORDER BY created_at DESC, id DESC")
            + " LIMIT ? OFFSET ?")) {
      List<Object> all = new ArrayList<>(args);
      all.add(q.size());
      all.add(q.offset());
      bindAll(ps, all);
      return new TicketPage(readAll(ps), total, q.page(), q.size());
    }
  }

  private static void eq(StringBuilder where, List<Object> args, String column, String value) {
    if (value != null) {
      where.append(" AND ").append(column).append(" = ?");
      args.add(value);
    }
  }

  private static void bindAll(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      ps.setObject(i + 1, args.get(i));
    }
  }

  private static List<Ticket> readAll(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return readRows(rs);
    }
  }

  private static List<Ticket> readRows(ResultSet rs) throws SQLException {
    List<Ticket> out = new ArrayList<>();
    while (rs.next()) {
      out.add(read(rs));
    }
    return out;
  }

  private static void bind(PreparedStatement ps, Ticket t) throws SQLException {
    ps.setString(1, t.ticketNo());
    ps.setString(2, t.channel());
    ps.setString(3, t.callerName());
    ps.setString(4, t.callerPhone());
    setNullable(ps, 5, t.channelUserId());
    ps.setString(6, t.region());
    setNullable(ps, 7, t.studentId());
    ps.setString(8, t.category());
    ps.setString(9, t.priority());
    ps.setString(10, t.description());
    setNullable(ps, 11, t.department());
    setNullable(ps, 12, t.assignee());
    ps.setString(13, t.status().wire());
    setNullable(ps, 14, t.resolution());
    setNullable(ps, 15, t.satisfaction());
    ps.setInt(16, t.reopenCount());
    ps.setInt(17, t.chaseCount());
    setNullable(ps, 18, t.mergedInto());
    ps.setLong(19, t.dueAt().toEpochMilli());
    ps.setLong(20, t.createdAt().toEpochMilli());
    ps.setLong(21, t.updatedAt().toEpochMilli());
    ps.setLong(22, t.version());
  }

  private static void setNullable(PreparedStatement ps, int i, String v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }

  private static Ticket read(ResultSet rs) throws SQLException {
    return new Ticket(
        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
        TicketStatus.fromWire(rs.getString(13)), rs.getString(14), rs.getString(15), rs.getInt(16), rs.getInt(17),
        rs.getString(18), Instant.ofEpochMilli(rs.getLong(19)), Instant.ofEpochMilli(rs.getLong(20)),
        Instant.ofEpochMilli(rs.getLong(21)), rs.getLong(22));
  }

  private TicketFigures figures(Connection c, int days, Instant now) throws SQLException {
    long at = now.toEpochMilli();
    long sat = single(c, "SELECT count(*) FROM ticket_event WHERE action = 'callback' AND to_status = 'closed'");
    long dis = single(c, "SELECT count(*) FROM ticket_event WHERE action = 'callback' AND to_status = 'in_progress'");
    return new TicketFigures(
        single(c, "SELECT count(*) FROM ticket"),
        single(c, "SELECT count(*) FROM ticket WHERE " + RUNNING),
        single(c, "SELECT count(*) FROM ticket WHERE " + RUNNING + " AND due_at < " + at),
        counts(c, "SELECT status, count(*) FROM ticket GROUP BY status ORDER BY 2 DESC"),
        counts(c, "SELECT category, count(*) FROM ticket GROUP BY category ORDER BY 2 DESC"),
        counts(c, "SELECT region, count(*) FROM ticket GROUP BY region ORDER BY 2 DESC LIMIT 12"),
        trend(c, days, now), sat, dis);
  }

  /**
   * For each of the last {@code days} days: orders whose deadline fell that day, and how many of
   * them were not resolved by it (still open, or resolved after the deadline).
   */
  private static List<TicketFigures.Day> trend(Connection c, int days, Instant now) throws SQLException {
    List<TicketFigures.Day> out = new ArrayList<>();
    long at = now.toEpochMilli();
    LocalDate today = LocalDate.ofInstant(now, BEIJING);
    String sql = "SELECT count(*), sum(CASE WHEN coalesce((SELECT min(e.at) FROM ticket_event e WHERE e.ticket_no = t.ticket_no"
        + " AND e.action = 'resolve'), ?) > t.due_at THEN 1 ELSE 0 END) FROM ticket t WHERE t.due_at >= ? AND t.due_at < ?"
        + " AND t.status <> 'cancelled'";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = days - 1; i >= 0; i--) {
        LocalDate d = today.minusDays(i);
        long from = d.atStartOfDay(BEIJING).toInstant().toEpochMilli();
        long to = d.plusDays(1).atStartOfDay(BEIJING).toInstant().toEpochMilli();
        ps.setLong(1, at);
        ps.setLong(2, from);
        ps.setLong(3, Math.min(to, at));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          out.add(new TicketFigures.Day(d.toString(), rs.getLong(1), rs.getLong(2)));
        }
      }
    }
    return out;
  }

  private static long single(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static List<TicketFigures.Count> counts(Connection c, String sql) throws SQLException {
    Map<String, Long> m = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        m.put(rs.getString(1), rs.getLong(2));
      }
    }
    return m.entrySet().stream().map(e -> new TicketFigures.Count(e.getKey(), e.getValue())).toList();
  }

  /** An SQL list of the wire names of the statuses that pass: one source, {@link TicketStatus}. */
  private static String statuses(Predicate<TicketStatus> which) {
    return Arrays.stream(TicketStatus.values()).filter(which).map(s -> "'" + s.wire() + "'")
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
