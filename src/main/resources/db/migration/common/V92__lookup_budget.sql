-- Work-order lookups by number per chat asker and per client address within the hour (issue 15 H1),
-- shared by every node (issue 18). One row per bucket, locked while it is checked and updated;
-- uses holds the epoch millis of the lookups still inside the window, comma-separated (at most the
-- limit, a few dozen). Buckets idle longer than the window are pruned by last_used.
CREATE TABLE lookup_budget (
  bucket     TEXT PRIMARY KEY,
  uses       TEXT NOT NULL,
  last_used  ${epoch} NOT NULL
);
CREATE INDEX lookup_budget_idle ON lookup_budget (last_used);
