-- What a parent is told on chat about an order, written for them by an operator. Operator notes
-- (reasons, resolutions, comments) stay internal: they may hold phone numbers, card tails and
-- 身份证号 (issue 15, H1). Append-only like the history; the latest row is shown.
CREATE TABLE ticket_parent_reply (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_no TEXT NOT NULL,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  text      TEXT NOT NULL
);
CREATE INDEX ticket_parent_reply_no ON ticket_parent_reply (ticket_no, id);
