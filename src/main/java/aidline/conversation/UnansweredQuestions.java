package aidline.conversation;

import aidline.answer.Intent;
import aidline.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code unanswered_question} table: the bot's {@link UnansweredLog}, and the most asked of
 * them for the dashboard. Long digit runs are masked first: parents type ID and phone numbers into
 * chat, and this table is not the place for them.
 */
public final class UnansweredQuestions implements UnansweredLog {
  private static final Logger log = LoggerFactory.getLogger(UnansweredQuestions.class);
  private static final Pattern DIGITS = Pattern.compile("[0-9Xx]{6,}");
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private final Database db;
  private final Clock clock;
  /** The latest queued row: a write is committed in queue order, so waiting for it waits for all. */
  private volatile CompletableFuture<Integer> last = CompletableFuture.completedFuture(0);

  public UnansweredQuestions(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** One question as asked (masked), how often, when last (Beijing time, ISO), and why. */
  public record Question(String text, long count, String lastAt, String reason) {}

  /**
   * Queued for the next group commit, not waited for: a statistic is not worth an fsync wait in the
   * parent's reply, and a crash loses at most the rows of the last moments (DESIGN.md, durability).
   */
  @Override
  public void record(String text, Intent intent, String reason) {
    try {
      last = db.writeLater(c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO unanswered_question (at, text, intent, reason) VALUES (?,?,?,?)")) {
          ps.setLong(1, clock.millis());
          String t = mask(text == null ? "" : text.strip());
          ps.setString(2, t.length() > 500 ? t.substring(0, 500) : t);
          ps.setString(3, intent.wire());
          ps.setString(4, reason);
          return ps.executeUpdate();
        }
      }).whenComplete((n, e) -> {
        if (e != null) {
          log.warn("could not record an unanswered question: {}", e.getMessage());
        }
      });
    } catch (RuntimeException e) {
      // the parent's answer matters more than the statistic
      log.warn("could not record an unanswered question: {}", e.getMessage());
    }
  }

  /** The most asked unanswered questions, most often first. */
  public List<Question> top(int limit) {
    try {
      last.join(); // what was noted before this read is in it
    } catch (RuntimeException alreadyLogged) {
      // a failed row is already in the log; the others are still worth showing
    }
    return db.withConnection(c -> {
      List<Question> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT text, count(*), max(at), max(reason) FROM unanswered_question GROUP BY text ORDER BY 2 DESC, 3 DESC LIMIT ?")) {
        ps.setInt(1, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Question(rs.getString(1), rs.getLong(2),
                Instant.ofEpochMilli(rs.getLong(3)).atZone(BEIJING).toOffsetDateTime().toString(), rs.getString(4)));
          }
        }
      }
      return out;
    });
  }

  static String mask(String text) {
    return DIGITS.matcher(text).replaceAll("＊＊＊");
  }
}
