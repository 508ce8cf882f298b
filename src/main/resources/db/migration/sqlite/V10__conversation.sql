-- Conversation and channels (V10-V19).

-- One row per asker: dialog state, form in progress, last work order, as JSON so fields can grow.
CREATE TABLE conversation_state (
  channel     TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  state_json  TEXT NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (channel, user_id)
);

-- Inbound messages already seen (WeChat MsgId or FromUserName+CreateTime, Telegram update id), with
-- the reply produced, so a retry is answered from here and the bot runs once.
-- status: running (bot working), done (reply stored), async (replied "success", delivered by outbox)
CREATE TABLE inbound_message (
  dedupe_key  TEXT PRIMARY KEY,
  channel     TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  status      TEXT NOT NULL,
  reply       TEXT,
  created_at  INTEGER NOT NULL
);

-- Outbound messages (客服 / template / Telegram) waiting to be delivered, retried with backoff.
-- status: pending, sent, failed
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  channel          TEXT NOT NULL,
  user_id          TEXT NOT NULL,
  text             TEXT NOT NULL,
  status           TEXT NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT,
  created_at       INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
