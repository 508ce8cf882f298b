-- A WeChat callback's one-time signature (signature|timestamp|nonce) bound to the first message it
-- carried (issue 15 H3, issue 18): in the database, so a captured signature cannot carry a forged
-- body to another node either. Written in the same transaction as the inbound_message claim (no
-- second commit per callback); a row is needed only while the time window could still accept its
-- timestamp, and is pruned after expires_at (epoch millis).
CREATE TABLE inbound_binding (
  binding     TEXT PRIMARY KEY,
  dedupe_key  TEXT NOT NULL,
  expires_at  ${epoch} NOT NULL
);
CREATE INDEX inbound_binding_expiry ON inbound_binding (expires_at);
