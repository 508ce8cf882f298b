package aidline.http;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/** What /health reports: enough for a load balancer and for an operator at a glance. */
public final class Health {
  public record Status(String status, String version, int knowledgeDocuments, boolean database) {}

  private final BooleanSupplier database;
  private final IntSupplier documents;
  private final String version;

  /** @param database whether the database answers now (a cheap query) */
  public Health(BooleanSupplier database, IntSupplier documents, String version) {
    this.database = database;
    this.documents = documents;
    this.version = version;
  }

  public Status check() {
    boolean dbOk = database.getAsBoolean();
    return new Status(dbOk ? "ok" : "degraded", version, documents.getAsInt(), dbOk);
  }
}
