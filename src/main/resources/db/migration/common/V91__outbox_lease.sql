-- Outbox rows are claimed by one node for a lease before it sends them (issue 18): claimed_by names
-- the node, lease_until (epoch millis) is when another node may take the row over if the first died
-- mid-send. A row stays 'pending' while claimed; the sender marks it only while its lease holds.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN lease_until ${epoch};
