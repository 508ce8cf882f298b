-- Append-only record of who looked at which student and when (issue 7); the security issue may
-- widen it. Nothing updates or deletes rows here.
CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      TEXT NOT NULL,      -- ISO instant
  actor   TEXT NOT NULL,      -- username
  role    TEXT NOT NULL,
  action  TEXT NOT NULL,      -- e.g. student.lookup
  subject TEXT NOT NULL       -- e.g. the student's 身份证号
);
CREATE INDEX audit_log_subject ON audit_log (subject, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
