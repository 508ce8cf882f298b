-- Foundation schema (PostgreSQL twin of sqlite/V1). Feature migrations use their own version ranges:
-- V10-19 conversation/channels, V20-29 tickets, V30-39 students, V40-49 security.
CREATE TABLE app_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO app_meta (key, value) VALUES ('created_by', 'aidline');
