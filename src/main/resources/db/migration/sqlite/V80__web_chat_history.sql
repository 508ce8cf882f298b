-- The web chat's history per browser id (the page's random user id), so a reload shows the
-- conversation and the notices about the parent's orders (issue 16). role: user | bot | notice.
-- answer holds the bot reply's JSON (amounts, citations) for the page to render again; null otherwise.
CREATE TABLE web_chat_history (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL,
  role    TEXT NOT NULL,
  text    TEXT NOT NULL,
  answer  TEXT,
  at      INTEGER NOT NULL
);
CREATE INDEX web_chat_history_user ON web_chat_history (user_id, id);
