-- Links to back-office systems (業務システムとのシステム間連携): application events for integrations,
-- outbound webhook subscriptions and their deliveries, OAuth 2.0 clients (client credentials)
-- and their access tokens. See docs/decisions/0016-back-office-integration.md.

-- One row per change of an application that back-office systems hear about, written in the same
-- transaction as the change (procedures' history). The data is frozen when the event happens, so
-- a retried or replayed delivery sends the same body.
CREATE TABLE integration_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type text NOT NULL CHECK (type IN (
    'application.submitted', 'application.status_changed', 'application.correction_requested',
    'application.corrected', 'application.withdrawn')),
  department_code text NOT NULL REFERENCES departments (code),
  application_id uuid NOT NULL REFERENCES applications (id),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  data jsonb NOT NULL
);
CREATE INDEX integration_events_application_idx ON integration_events (application_id, occurred_at);
CREATE INDEX integration_events_department_idx ON integration_events (department_code, occurred_at);

-- Where a department's events are sent. The signing secret (Standard Webhooks `whsec_…`) is
-- needed in the clear to compute HMACs, so it is stored encrypted with AES-256-GCM under
-- WEBHOOK_SECRET_KEY ("v1.<key id>.<iv>.<tag>.<ciphertext>", base64url parts).
CREATE TABLE webhook_subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES departments (code),
  url text NOT NULL,
  description text NOT NULL DEFAULT '',
  event_types text[] NOT NULL,
  secret_ciphertext text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscriptions_department_idx ON webhook_subscriptions (department_code) WHERE enabled;

-- One event to one subscription. Workers claim due rows with FOR UPDATE SKIP LOCKED and lease them
-- by moving next_attempt_at forward; after the last attempt a delivery is dead until replayed.
CREATE TABLE webhook_deliveries (
  id bigserial PRIMARY KEY,
  event_id uuid NOT NULL REFERENCES integration_events (id),
  subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_attempt_at timestamptz,
  last_status_code integer,
  last_error text,
  last_duration_ms integer,
  delivered_at timestamptz,
  replays integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, subscription_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, id DESC);
CREATE INDEX webhook_deliveries_dead_idx ON webhook_deliveries (subscription_id) WHERE status = 'dead';

-- Back-office systems that call the API (OAuth 2.0 client credentials, RFC 6749 §4.4). The secret
-- is 256 random bits shown once; only its SHA-256 is stored. Scopes name departments
-- (applications:read:<code>, applications:write:<code>); department_codes is derived from them.
CREATE TABLE oauth_clients (
  client_id text PRIMARY KEY,
  name text NOT NULL,
  secret_hash text NOT NULL,
  scopes text[] NOT NULL,
  department_codes text[] NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  secret_rotated_at timestamptz,
  last_token_at timestamptz,
  revoked_at timestamptz
);

-- Opaque bearer tokens; only their SHA-256 is stored.
CREATE TABLE oauth_tokens (
  token_hash text PRIMARY KEY,
  client_id text NOT NULL REFERENCES oauth_clients (client_id),
  scopes text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX oauth_tokens_client_idx ON oauth_tokens (client_id, expires_at);
