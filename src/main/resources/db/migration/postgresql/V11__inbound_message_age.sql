-- The ledger only needs recent keys: old rows are pruned by age on every claim, so index the age.
CREATE INDEX inbound_message_age ON inbound_message (created_at);
