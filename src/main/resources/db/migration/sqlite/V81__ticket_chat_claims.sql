-- Failed attempts to prove, on chat, that a hotline work order is one's own (the order number with
-- the phone number on it; issue 15 H1, issue 16). Counted per chat identity and per client address
-- to lock out guessing; successes and failures are also in the audit log.
CREATE TABLE ticket_claim_failures (
  id  INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL,
  at  INTEGER NOT NULL
);
CREATE INDEX ticket_claim_failures_key ON ticket_claim_failures (key, at);
