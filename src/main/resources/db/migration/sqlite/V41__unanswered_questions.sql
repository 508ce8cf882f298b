-- Questions the bot could not answer (low confidence or handed off): what the knowledge base lacks.
CREATE TABLE unanswered_question (
  id     INTEGER PRIMARY KEY AUTOINCREMENT,
  at     INTEGER NOT NULL,
  text   TEXT    NOT NULL,
  intent TEXT    NOT NULL,
  reason TEXT    NOT NULL
);
CREATE INDEX unanswered_question_at ON unanswered_question (at);
