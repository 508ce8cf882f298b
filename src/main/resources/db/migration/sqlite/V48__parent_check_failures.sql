-- Failed parent identity checks on chat ("补助发了吗"), per key: the student ID tried, the chat
-- identity, the client address. Kept in the database so a restart does not reset the limit and
-- a new chat user id does not either (issue 15, M1). Rows older than the window are deleted.
CREATE TABLE parent_check_failure (
  key TEXT NOT NULL,
  at  TEXT NOT NULL
);
CREATE INDEX parent_check_failure_key ON parent_check_failure (key, at);
