package aidline.conversation;

import aidline.storage.Database;
import aidline.storage.StorageException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-asker state in SQLite, written after every message through the group commit. The bot queues
 * the write under the asker's lock and waits for the commit after releasing it (DESIGN.md, durability);
 * until it is committed the state is read from {@link #unsaved}, so the asker's next message sees it.
 */
public final class ConversationStore {
  private static final Logger log = LoggerFactory.getLogger(ConversationStore.class);

  private record Key(String channel, String userId) {}

  private final Database db;
  private final ObjectMapper json;
  private final Clock clock;
  /** States queued but not yet committed; bounded by the writes in flight. */
  private final ConcurrentHashMap<Key, ConversationState> unsaved = new ConcurrentHashMap<>();

  public ConversationStore(Database db, ObjectMapper json, Clock clock) {
    this.db = db;
    this.json = json;
    this.clock = clock;
  }

  public ConversationState load(String channel, String userId) {
    ConversationState pending = unsaved.get(new Key(channel, userId));
    if (pending != null) {
      return pending;
    }
    String stored =
        db.withConnection(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("SELECT state_json FROM conversation_state WHERE channel = ? AND user_id = ?")) {
                ps.setString(1, channel);
                ps.setString(2, userId);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next() ? rs.getString(1) : null;
                }
              }
            });
    if (stored == null) {
      return ConversationState.empty();
    }
    try {
      return json.readValue(stored, ConversationState.class);
    } catch (JsonProcessingException e) {
      // a state we cannot read must not lock the parent out: start afresh
      return ConversationState.empty();
    }
  }

  /**
   * Queues the state for the next group commit and returns at once; the future completes when it is
   * committed. Until then {@link #load} returns it from memory, so the asker's next message sees it.
   */
  public CompletableFuture<Integer> save(String channel, String userId, ConversationState state) {
    String text;
    try {
      text = json.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new StorageException("无法保存对话状态: " + e.getMessage(), e);
    }
    Key key = new Key(channel, userId);
    unsaved.put(key, state);
    return db.writeLater(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO conversation_state (channel, user_id, state_json, updated_at) VALUES (?, ?, ?, ?) "
                      + "ON CONFLICT (channel, user_id) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at")) {
            ps.setString(1, channel);
            ps.setString(2, userId);
            ps.setString(3, text);
            ps.setLong(4, clock.millis());
            return ps.executeUpdate();
          }
        })
        .whenComplete((n, e) -> {
          // a later save of the same asker replaced the entry: that one is still pending
          unsaved.remove(key, state);
          if (e != null) {
            log.warn("could not save the conversation state of {}/{}: {}", channel, userId, e.getMessage());
          }
        });
  }

  /** When the asker last wrote (epoch millis), or -1; WeChat 客服 messages need a recent one. */
  public long lastSeen(String channel, String userId) {
    return db.withConnection(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT updated_at FROM conversation_state WHERE channel = ? AND user_id = ?")) {
            ps.setString(1, channel);
            ps.setString(2, userId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getLong(1) : -1L;
            }
          }
        });
  }
}
