package aidline.conversation;

import aidline.storage.Database;
import aidline.storage.StorageException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-asker state in SQLite, written after every message through the group commit. The bot queues
 * the write under the asker's lock and waits for the commit after releasing it (DESIGN.md, durability);
 * until it is committed the state is read from {@link #unsaved}, so the asker's next message sees it.
 *
 * <p>A store that is its database's sole writer (a {@code serve} holding the SQLite file's instance
 * lock: no other process may serve that file, and nothing else writes this table) also keeps the
 * committed states it wrote or read ({@link #known}, bounded), so a message costs no read, and does
 * not rewrite a state that is unchanged and was written less than {@link #REFRESH_MILLIS} ago. On
 * PostgreSQL, where other nodes write the same rows, every load reads the row (issue 18).
 */
public final class ConversationStore {
  private static final Logger log = LoggerFactory.getLogger(ConversationStore.class);
  /** How stale {@code updated_at} (when the asker last wrote, {@link #lastSeen}) may get when nothing else changes. */
  static final long REFRESH_MILLIS = 60_000;
  /** How many committed states a sole writer keeps; an evicted one is read again from the table. */
  static final int KNOWN = 10_000;

  private record Key(String channel, String userId) {}

  /** A committed state, when it was written (-1: no row yet) and the save that wrote it (0: read). */
  private record Known(ConversationState state, long writtenAt, long seq) {}

  private final Database db;
  private final ObjectMapper json;
  private final Clock clock;
  private final boolean soleWriter;
  private final int knownCapacity;
  /** States queued but not yet committed; bounded by the writes in flight. */
  private final ConcurrentHashMap<Key, ConversationState> unsaved = new ConcurrentHashMap<>();
  /** A sole writer's committed states (empty otherwise). */
  private final ConcurrentHashMap<Key, Known> known = new ConcurrentHashMap<>();
  private final AtomicLong saves = new AtomicLong();

  /** A store that reads every state from the table: right for any number of nodes. */
  public ConversationStore(Database db, ObjectMapper json, Clock clock) {
    this(db, json, clock, false);
  }

  /**
   * @param soleWriter true only when no other process can write this database's conversation state
   *     while this store lives: a SQLite file whose instance lock this process holds for serving
   */
  public ConversationStore(Database db, ObjectMapper json, Clock clock, boolean soleWriter) {
    this(db, json, clock, soleWriter, KNOWN);
  }

  ConversationStore(Database db, ObjectMapper json, Clock clock, boolean soleWriter, int knownCapacity) {
    this.db = db;
    this.json = json;
    this.clock = clock;
    this.soleWriter = soleWriter;
    this.knownCapacity = Math.max(8, knownCapacity);
  }

  public ConversationState load(String channel, String userId) {
    Key key = new Key(channel, userId);
    ConversationState pending = unsaved.get(key);
    if (pending != null) {
      return pending;
    }
    Known k = soleWriter ? known.get(key) : null;
    if (k != null) {
      return k.state();
    }
    Known stored =
        db.withConnection(
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("SELECT state_json, updated_at FROM conversation_state WHERE channel = ? AND user_id = ?")) {
                ps.setString(1, channel);
                ps.setString(2, userId);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next() ? new Known(parse(rs.getString(1)), rs.getLong(2), 0) : new Known(ConversationState.empty(), -1, 0);
                }
              }
            });
    if (soleWriter) {
      remember(key, stored);
    }
    return stored.state();
  }

  private ConversationState parse(String stored) {
    try {
      return stored == null ? ConversationState.empty() : json.readValue(stored, ConversationState.class);
    } catch (JsonProcessingException e) {
      // a state we cannot read must not lock the parent out: start afresh
      return ConversationState.empty();
    }
  }

  /**
   * Queues the state for the next group commit and returns at once; the future completes when it is
   * committed. Until then {@link #load} returns it from memory, so the asker's next message sees it.
   * A sole writer skips the write (an already completed future) when the state is the committed one,
   * written less than {@link #REFRESH_MILLIS} ago.
   */
  public CompletableFuture<Integer> save(String channel, String userId, ConversationState state) {
    Key key = new Key(channel, userId);
    long now = clock.millis();
    if (soleWriter && !unsaved.containsKey(key)) {
      Known k = known.get(key);
      if (k != null && k.writtenAt() >= 0 && now - k.writtenAt() < REFRESH_MILLIS && k.state().equals(state)) {
        return CompletableFuture.completedFuture(0);
      }
    }
    String text;
    try {
      text = json.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new StorageException("无法保存对话状态: " + e.getMessage(), e);
    }
    long seq = saves.incrementAndGet();
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
            ps.setLong(4, now);
            return ps.executeUpdate();
          }
        })
        .whenComplete((n, e) -> {
          if (e == null && soleWriter) {
            remember(key, new Known(state, now, seq)); // before it leaves unsaved: a load sees one or the other
          }
          // a later save of the same asker replaced the entry: that one is still pending
          unsaved.remove(key, state);
          if (e != null) {
            log.warn("could not save the conversation state of {}/{}: {}", channel, userId, e.getMessage());
          }
        });
  }

  /** Keeps the newer of two committed states (a read counts as older than any save). */
  private void remember(Key key, Known k) {
    if (known.size() >= knownCapacity) {
      Iterator<Key> it = known.keySet().iterator();
      for (int drop = knownCapacity / 8; drop > 0 && it.hasNext(); drop--) {
        it.next();
        it.remove();
      }
    }
    known.merge(key, k, (old, neu) -> neu.seq() >= old.seq() ? neu : old);
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
