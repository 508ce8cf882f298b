package aidline.app;

import aidline.storage.Database;
import java.util.function.IntSupplier;

/** What /health reports: enough for a load balancer and for an operator at a glance. */
public final class Health {
  public record Status(String status, String version, int knowledgeDocuments, boolean database) {}

  private final Database db;
  private final IntSupplier documents;
  private final String version;

  public Health(Database db, IntSupplier documents, String version) {
    this.db = db;
    this.documents = documents;
    this.version = version;
  }

  public Status check() {
    boolean dbOk = db.reachable();
    return new Status(dbOk ? "ok" : "degraded", version, documents.getAsInt(), dbOk);
  }
}
