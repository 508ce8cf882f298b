package aidline.console;

import aidline.conversation.UnansweredQuestions;
import aidline.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures behind the console's dashboard, read straight from the work-order tables. */
public final class Dashboard {
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final String OPEN = "('received', 'dispatched', 'accepted', 'in_progress')";

  private final Database db;
  private final UnansweredQuestions unanswered;
  private final Clock clock;

  public Dashboard(Database db, UnansweredQuestions unanswered, Clock clock) {
    this.db = db;
    this.unanswered = unanswered;
    this.clock = clock;
  }

  public record Count(String key, long count) {}

  public record Day(String day, long due, long overdue) {}

  public record Figures(
      long total, long open, long overdueNow, List<Count> byStatus, List<Count> byCategory, List<Count> byRegion,
      List<Day> overdueTrend, Double satisfactionRate, long satisfied, long dissatisfied, List<UnansweredQuestions.Question> unanswered) {}

  public Figures figures(int days) {
    long now = clock.millis();
    return db.withConnection(c -> {
      long total = single(c, "SELECT count(*) FROM ticket");
      long open = single(c, "SELECT count(*) FROM ticket WHERE status IN " + OPEN);
      long overdue = single(c, "SELECT count(*) FROM ticket WHERE status IN " + OPEN + " AND due_at < " + now);
      long sat = single(c, "SELECT count(*) FROM ticket_event WHERE action = 'callback' AND to_status = 'closed'");
      long dis = single(c, "SELECT count(*) FROM ticket_event WHERE action = 'callback' AND to_status = 'in_progress'");
      return new Figures(total, open, overdue,
          counts(c, "SELECT status, count(*) FROM ticket GROUP BY status ORDER BY 2 DESC"),
          counts(c, "SELECT category, count(*) FROM ticket GROUP BY category ORDER BY 2 DESC"),
          counts(c, "SELECT region, count(*) FROM ticket GROUP BY region ORDER BY 2 DESC LIMIT 12"),
          trend(c, days, now), sat + dis == 0 ? null : (double) sat / (sat + dis), sat, dis, unanswered.top(20));
    });
  }

  /**
   * For each of the last {@code days} days: orders whose deadline fell that day, and how many of
   * them were not resolved by it (still open, or resolved after the deadline).
   */
  private List<Day> trend(Connection c, int days, long now) throws SQLException {
    List<Day> out = new ArrayList<>();
    LocalDate today = LocalDate.ofInstant(clock.instant(), BEIJING);
    String sql = "SELECT count(*), sum(CASE WHEN coalesce((SELECT min(e.at) FROM ticket_event e WHERE e.ticket_no = t.ticket_no"
        + " AND e.action = 'resolve'), ?) > t.due_at THEN 1 ELSE 0 END) FROM ticket t WHERE t.due_at >= ? AND t.due_at < ?"
        + " AND t.status <> 'cancelled'";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = days - 1; i >= 0; i--) {
        LocalDate d = today.minusDays(i);
        long from = d.atStartOfDay(BEIJING).toInstant().toEpochMilli();
        long to = d.plusDays(1).atStartOfDay(BEIJING).toInstant().toEpochMilli();
        ps.setLong(1, now);
        ps.setLong(2, from);
        ps.setLong(3, Math.min(to, now));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          out.add(new Day(d.toString(), rs.getLong(1), rs.getLong(2)));
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

  private static List<Count> counts(Connection c, String sql) throws SQLException {
    Map<String, Long> m = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        m.put(rs.getString(1), rs.getLong(2));
      }
    }
    return m.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue())).toList();
  }
}
