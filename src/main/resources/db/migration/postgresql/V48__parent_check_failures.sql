-- Failed parent identity checks on chat ("补助发了吗"), per key. Rows older than the window are deleted.
CREATE TABLE parent_check_failure (
  key TEXT NOT NULL,
  at  TEXT NOT NULL
);
CREATE INDEX parent_check_failure_key ON parent_check_failure (key, at);
