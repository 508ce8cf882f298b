package aidline.channel.web;

import aidline.conversation.OutboundSender;
import aidline.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What one web-chat browser said and was told, kept server-side (the {@code web_chat_history}
 * table) so a reload shows it again — the replies, the order number and every notice about the
 * parent's orders, which reach the web chat here as the channel's {@link OutboundSender}.
 */
public final class WebChatHistory implements OutboundSender {
  /** The newest messages a reload shows. */
  static final int SHOWN = 200;

  /** One line of the history; {@code answer} is the bot reply's JSON, or null. */
  public record Entry(long id, String role, String text, String answer, long at) {}

  private final Database db;
  private final Clock clock;

  public WebChatHistory(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A notice about an order (from the outbox): shown on the page's next poll or reload. */
  @Override
  public void send(String userId, String text) {
    add(userId, "notice", text, null);
  }

  /**
   * One exchange: the parent's message and the bot's reply, in one write queued for the next group
   * commit; the future completes once it is durable (the chat route waits for it with the state's).
   */
  CompletableFuture<Integer> turn(String userId, String text, String reply, String answer) {
    long now = clock.millis();
    return db.writeLater(c -> {
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        bind(ps, userId, "user", text, null, now);
        ps.addBatch();
        bind(ps, userId, "bot", reply, answer, now);
        ps.addBatch();
        return ps.executeBatch().length;
      }
    });
  }

  void add(String userId, String role, String text, String answer) {
    long now = clock.millis();
    db.write(c -> {
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        bind(ps, userId, role, text, answer, now);
        return ps.executeUpdate();
      }
    });
  }

  private static final String INSERT = "INSERT INTO web_chat_history (user_id, role, text, answer, at) VALUES (?, ?, ?, ?, ?)";

  private static void bind(PreparedStatement ps, String userId, String role, String text, String answer, long at)
      throws SQLException {
    ps.setString(1, userId);
    ps.setString(2, role);
    ps.setString(3, text);
    ps.setString(4, answer);
    ps.setLong(5, at);
  }

  /** The user's newest messages after {@code afterId} (0: from the start), oldest first. */
  public List<Entry> since(String userId, long afterId) {
    return db.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, role, text, answer, at FROM web_chat_history WHERE user_id = ? AND id > ? ORDER BY id DESC LIMIT ?")) {
        ps.setString(1, userId);
        ps.setLong(2, afterId);
        ps.setInt(3, SHOWN);
        List<Entry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(0, new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
          }
        }
        return out;
      }
    });
  }
}
