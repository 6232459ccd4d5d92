-- Disaster information system (src/modules/disaster): intake of JMA 防災情報XML and CAP, alert rules,
-- alerts (drafts → issued once), incidents with 配備体制, chronology and tasks, designated shelters,
-- field reports, lifeline outages, hazard zones, API keys of lifeline operators and national systems.

-- Every JMA Atom entry seen, by its Atom id: the dedup key of the poller. Hostile or broken items are
-- kept as 'rejected' with the reason, so they are logged once and never fetched again.
CREATE TABLE disaster_jma_entries (
  entry_id text PRIMARY KEY,
  feed_url text NOT NULL,
  link text NOT NULL DEFAULT '',
  atom_title text NOT NULL DEFAULT '',
  atom_updated text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('recorded', 'rejected', 'failed')),
  -- transient failures (network, 5xx) are retried on later polls up to a limit
  attempts integer NOT NULL DEFAULT 1,
  reason text,
  kind text,
  head_title text,
  report_time text,
  info_type text,
  jma_status text,
  concerns_city boolean NOT NULL DEFAULT false,
  wards text[] NOT NULL DEFAULT '{}',
  level integer NOT NULL DEFAULT 0,
  summary jsonb,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX disaster_jma_entries_seen_idx ON disaster_jma_entries (first_seen_at DESC);

-- What the city decided to do with JMA items that concern it: kind + minimum level (+ wards) →
-- template + auto (send at once) or confirm (draft for the operator).
CREATE TABLE disaster_alert_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  jma_kind text NOT NULL,
  min_level integer NOT NULL CHECK (min_level >= 0),
  -- empty: anywhere in the city
  wards text[] NOT NULL DEFAULT '{}',
  template text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('auto', 'confirm')),
  enabled boolean NOT NULL DEFAULT true,
  note text NOT NULL DEFAULT '',
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Defaults the city can change: 震度5弱以上 (level 5) in the city is sent automatically; the rest is drafted.
INSERT INTO disaster_alert_rules (jma_kind, min_level, template, mode, note) VALUES
  ('seismic-intensity-flash', 5, 'jma.earthquake', 'auto', '震度5弱以上（市内）は自動配信'),
  ('earthquake-info', 5, 'jma.earthquake', 'auto', '震度5弱以上（市内）は自動配信'),
  ('tsunami-warning', 2, 'jma.tsunami', 'auto', '津波警報・大津波警報（大阪府）は自動配信');

CREATE TABLE disaster_incidents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL,
  hazard text NOT NULL,
  deployment_level text NOT NULL,
  wards text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  opened_by uuid REFERENCES users (id),
  opened_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  revision integer NOT NULL DEFAULT 1
);

-- Outward alerts: evacuation information (警戒レベル3–5, 解除) and alerts drafted from JMA items.
-- A draft is issued at most once: the status moves draft → issued in one UPDATE … WHERE status = 'draft'.
CREATE TABLE disaster_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  template text NOT NULL,
  level integer NOT NULL DEFAULT 0,
  wards text[] NOT NULL,
  params jsonb NOT NULL DEFAULT '{}',
  incident_id uuid REFERENCES disaster_incidents (id),
  jma_entry_id text REFERENCES disaster_jma_entries (entry_id),
  status text NOT NULL CHECK (status IN ('draft', 'issued', 'dismissed')),
  auto boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz
);
CREATE INDEX disaster_alerts_status_idx ON disaster_alerts (status, created_at DESC);
CREATE UNIQUE INDEX disaster_alerts_jma_entry_key ON disaster_alerts (jma_entry_id) WHERE jma_entry_id IS NOT NULL;

-- クロノロジー: everything that happened, with time and actor. incident_id NULL = city-wide (intake,
-- shelters, lifelines), shown on every incident open at that time.
CREATE TABLE disaster_chronology (
  id bigserial PRIMARY KEY,
  incident_id uuid REFERENCES disaster_incidents (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid REFERENCES users (id),
  actor_label text NOT NULL,
  type text NOT NULL,
  summary text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX disaster_chronology_incident_idx ON disaster_chronology (incident_id, at);
CREATE INDEX disaster_chronology_at_idx ON disaster_chronology (at);

CREATE TABLE disaster_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL REFERENCES disaster_incidents (id),
  title text NOT NULL,
  assignee_id uuid REFERENCES users (id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz
);
CREATE INDEX disaster_tasks_incident_idx ON disaster_tasks (incident_id, created_at);

-- 指定避難所 (evacuation) and 指定緊急避難場所 (emergency), from 国土地理院 data; live state kept by staff.
CREATE TABLE disaster_shelters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('evacuation', 'emergency')),
  source_id text NOT NULL,
  name text NOT NULL,
  address text NOT NULL,
  ward_code text,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  hazards text[] NOT NULL DEFAULT '{}',
  accepts text,
  capacity integer CHECK (capacity IS NULL OR capacity >= 0),
  status text NOT NULL DEFAULT 'closed' CHECK (status IN ('closed', 'open', 'full')),
  occupancy integer NOT NULL DEFAULT 0 CHECK (occupancy >= 0),
  supplies jsonb NOT NULL DEFAULT '{}',
  accessibility jsonb NOT NULL DEFAULT '{}',
  -- true when capacity / supplies / accessibility are demo values, not the city's data
  demo boolean NOT NULL DEFAULT false,
  revision integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, source_id)
);
CREATE INDEX disaster_shelters_ward_idx ON disaster_shelters (ward_code, kind, name);

-- 自主防災組織 members who may send field reports (registered by staff).
CREATE TABLE disaster_community_members (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  organisation text NOT NULL,
  ward_code text NOT NULL,
  added_by uuid REFERENCES users (id),
  added_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE disaster_field_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- one report per key: a queued report replayed after reconnecting finds the first one
  idempotency_key text NOT NULL UNIQUE,
  reporter_id uuid NOT NULL REFERENCES users (id),
  category text NOT NULL,
  severity text NOT NULL,
  description text NOT NULL DEFAULT '',
  lat double precision,
  lon double precision,
  location_source text NOT NULL CHECK (location_source IN ('form', 'photo', 'none')),
  ward_code text,
  photo bytea,
  photo_type text CHECK (photo_type IS NULL OR photo_type IN ('jpeg', 'png')),
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'verified', 'resolved', 'rejected')),
  assignee_id uuid REFERENCES users (id),
  revision integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX disaster_field_reports_status_idx ON disaster_field_reports (status, created_at DESC);

-- Keys of lifeline operators and national systems: only the SHA-256 of the key is stored.
CREATE TABLE disaster_api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  label text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('electricity', 'gas', 'water', 'rail', 'national')),
  key_prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE disaster_lifeline_outages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  api_key_id uuid NOT NULL REFERENCES disaster_api_keys (id),
  lifeline text NOT NULL,
  external_id text NOT NULL,
  wards text[] NOT NULL,
  description text NOT NULL DEFAULT '',
  households integer,
  geometry jsonb,
  started_at timestamptz NOT NULL,
  recovered_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (api_key_id, external_id)
);

-- CAP 1.2 alerts received from national systems (valid ones only; refused ones are logged).
CREATE TABLE disaster_cap_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  api_key_id uuid NOT NULL REFERENCES disaster_api_keys (id),
  sender text NOT NULL,
  identifier text NOT NULL,
  sent text NOT NULL,
  msg_type text NOT NULL,
  headline text NOT NULL DEFAULT '',
  xml text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (sender, identifier, sent)
);

CREATE TABLE disaster_hazard_zones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  hazard text NOT NULL,
  geojson jsonb NOT NULL,
  feature_count integer NOT NULL,
  uploaded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
