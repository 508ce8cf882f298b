-- Login failures per key (account, account+IP, IP). Keyed by name whether or not the account
-- exists, so a refusal never tells which usernames are real.
CREATE TABLE login_throttle (
  key         TEXT PRIMARY KEY,
  failures    INTEGER NOT NULL DEFAULT 0,
  lock_count  INTEGER NOT NULL DEFAULT 0,
  not_before  TEXT,
  updated_at  TEXT NOT NULL
);
CREATE INDEX login_throttle_updated ON login_throttle (updated_at);
