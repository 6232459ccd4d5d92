-- Rate-limit counters shared by every server process (cluster workers, several machines), so a
-- limit means the same however many processes serve. Keys are hashes (never an IP or an address).
CREATE TABLE rate_limit_counters (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  reset_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_counters_reset_idx ON rate_limit_counters (reset_at);
