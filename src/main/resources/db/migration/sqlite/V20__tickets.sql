-- Work orders (工单). Times are epoch milliseconds (UTC) so they sort and compare as numbers.
CREATE TABLE ticket (
  id              INTEGER PRIMARY KEY,
  ticket_no       TEXT    NOT NULL UNIQUE,
  channel         TEXT    NOT NULL,
  caller_name     TEXT    NOT NULL,
  caller_phone    TEXT    NOT NULL,
  channel_user_id TEXT,
  region          TEXT    NOT NULL,
  student_id      TEXT,
  category        TEXT    NOT NULL,
  priority        TEXT    NOT NULL,
  description     TEXT    NOT NULL,
  department      TEXT,
  assignee        TEXT,
  status          TEXT    NOT NULL,
  resolution      TEXT,
  satisfaction    TEXT,
  reopen_count    INTEGER NOT NULL DEFAULT 0,
  chase_count     INTEGER NOT NULL DEFAULT 0,
  merged_into     TEXT,
  due_at          INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  version         INTEGER NOT NULL
);
CREATE INDEX ticket_status_due ON ticket (status, due_at);
CREATE INDEX ticket_caller_phone ON ticket (caller_phone);
CREATE INDEX ticket_channel_user ON ticket (channel, channel_user_id);
CREATE INDEX ticket_created ON ticket (created_at);

-- The immutable history: one row per change (who, when, what, note). Triggers refuse edits.
CREATE TABLE ticket_event (
  id          INTEGER PRIMARY KEY,
  ticket_no   TEXT    NOT NULL REFERENCES ticket (ticket_no),
  action      TEXT    NOT NULL,
  from_status TEXT,
  to_status   TEXT    NOT NULL,
  actor       TEXT    NOT NULL,
  at          INTEGER NOT NULL,
  note        TEXT
);
CREATE INDEX ticket_event_ticket ON ticket_event (ticket_no, id);
CREATE TRIGGER ticket_event_no_update BEFORE UPDATE ON ticket_event
BEGIN SELECT RAISE(ABORT, 'ticket events are immutable'); END;
CREATE TRIGGER ticket_event_no_delete BEFORE DELETE ON ticket_event
BEGIN SELECT RAISE(ABORT, 'ticket events are immutable'); END;

-- Per-day number sequence for JY20261123-0007, bumped inside the inserting transaction.
CREATE TABLE ticket_day_seq (
  day  TEXT    PRIMARY KEY,
  last INTEGER NOT NULL
);
