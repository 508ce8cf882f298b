package aidline.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What /health reports: enough for a load balancer and for an operator at a glance. A load balancer
 * polls often, so {@link #check} answers from the last full check for {@code maxAge} (about a
 * second); {@link #deep} (/health?deep=1) always queries the database.
 */
public final class Health {
  /** @param db the storage engine and its connection pool (null when not wired) */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Status(String status, String version, int knowledgeDocuments, boolean database, Db db) {}

  /** @param engine "sqlite" or "postgresql" */
  public record Db(String engine, Pool pool) {}

  /** Connections of the node's pool: in use, idle, open, and requests waiting for one. */
  public record Pool(int active, int idle, int total, int waiting) {}

  private record Checked(Status status, long atMillis) {}

  private final BooleanSupplier database;
  private final Supplier<Db> db;
  private final IntSupplier documents;
  private final String version;
  private final Clock clock;
  private final long maxAgeMillis;
  private volatile Checked last;

  /** @param database whether the database answers now (a cheap query) */
  public Health(BooleanSupplier database, IntSupplier documents, String version) {
    this(database, () -> null, documents, version, Clock.systemUTC(), Duration.ofSeconds(1));
  }

  /** @param db the engine and pool figures, read at each full check */
  public Health(BooleanSupplier database, Supplier<Db> db, IntSupplier documents, String version) {
    this(database, db, documents, version, Clock.systemUTC(), Duration.ofSeconds(1));
  }

  public Health(BooleanSupplier database, IntSupplier documents, String version, Clock clock, Duration maxAge) {
    this(database, () -> null, documents, version, clock, maxAge);
  }

  public Health(BooleanSupplier database, Supplier<Db> db, IntSupplier documents, String version, Clock clock, Duration maxAge) {
    this.database = database;
    this.db = db;
    this.documents = documents;
    this.version = version;
    this.clock = clock;
    this.maxAgeMillis = maxAge.toMillis();
  }

  /** The last full check if it is younger than the maximum age, else a new one. */
  public Status check() {
    Checked c = last;
    long now = clock.millis();
    if (c != null && now - c.atMillis() < maxAgeMillis && now >= c.atMillis()) {
      return c.status();
    }
    return deep();
  }

  /** A full check now: the database is queried. */
  public Status deep() {
    boolean dbOk = database.getAsBoolean();
    Status s = new Status(dbOk ? "ok" : "degraded", version, documents.getAsInt(), dbOk, db.get());
    last = new Checked(s, clock.millis());
    return s;
  }
}
