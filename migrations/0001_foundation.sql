-- Foundation: organisation, identity, procedures catalogue, drafts, applications, files,
-- audit log and outbox. Forward-only: later changes go in new files.

CREATE TABLE departments (
  code text PRIMARY KEY,
  name_ja text NOT NULL,
  name_en text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('ward', 'bureau'))
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('resident', 'staff')),
  email text NOT NULL,
  password_hash text,
  family_name text NOT NULL DEFAULT '',
  given_name text NOT NULL DEFAULT '',
  family_kana text NOT NULL DEFAULT '',
  given_kana text NOT NULL DEFAULT '',
  birth_date date,
  phone text,
  postal_code text,
  address text,
  locale text NOT NULL DEFAULT 'ja',
  email_verified_at timestamptz,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (kind, lower(email));

CREATE TABLE staff_roles (
  user_id uuid NOT NULL REFERENCES users (id),
  department_code text NOT NULL REFERENCES departments (code),
  role text NOT NULL CHECK (role IN ('clerk', 'manager')),
  PRIMARY KEY (user_id, department_code)
);

-- The cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- One-time links (sign-in, password reset, e-mail verification); only hashes are stored.
CREATE TABLE one_time_tokens (
  token_hash text PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('login', 'reset', 'verify')),
  user_id uuid NOT NULL REFERENCES users (id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX one_time_tokens_user_idx ON one_time_tokens (user_id, purpose);

CREATE TABLE categories (code text PRIMARY KEY, name jsonb NOT NULL, position int NOT NULL DEFAULT 0);
CREATE TABLE life_events (code text PRIMARY KEY, name jsonb NOT NULL, position int NOT NULL DEFAULT 0);

CREATE TABLE procedures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE,
  department_code text NOT NULL REFERENCES departments (code),
  category_code text NOT NULL REFERENCES categories (code),
  life_events text[] NOT NULL DEFAULT '{}',
  title jsonb NOT NULL,
  reading text NOT NULL DEFAULT '',
  summary jsonb NOT NULL,
  details jsonb NOT NULL,
  keywords text[] NOT NULL DEFAULT '{}',
  -- title, reading and keywords normalised for search (width, kana, case)
  search_text text NOT NULL DEFAULT '',
  channel text NOT NULL CHECK (channel IN ('online', 'counter', 'both')),
  fee_yen integer,
  published boolean NOT NULL DEFAULT true,
  current_version_id uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX procedures_department_idx ON procedures (department_code);

CREATE TABLE procedure_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  procedure_id uuid NOT NULL REFERENCES procedures (id),
  version integer NOT NULL,
  definition jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (procedure_id, version)
);
ALTER TABLE procedures ADD CONSTRAINT procedures_current_version_fk FOREIGN KEY (current_version_id) REFERENCES procedure_versions (id);

-- A draft is pinned to the version it was started on.
CREATE TABLE drafts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  procedure_version_id uuid NOT NULL REFERENCES procedure_versions (id),
  answers jsonb NOT NULL DEFAULT '{}',
  -- what the person typed on pages that did not validate yet, so nothing is lost
  pending jsonb NOT NULL DEFAULT '{}',
  current_page text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz
);
CREATE INDEX drafts_user_idx ON drafts (user_id, updated_at DESC);

CREATE SEQUENCE application_reference_seq;

CREATE TABLE applications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  -- one application per draft: a double-clicked or retried submit finds the first one
  draft_id uuid NOT NULL UNIQUE REFERENCES drafts (id),
  user_id uuid NOT NULL REFERENCES users (id),
  procedure_id uuid NOT NULL REFERENCES procedures (id),
  procedure_version_id uuid NOT NULL REFERENCES procedure_versions (id),
  department_code text NOT NULL REFERENCES departments (code),
  applicant_name text NOT NULL DEFAULT '',
  answers jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('received', 'reviewing', 'correction_requested', 'approved', 'rejected', 'withdrawn')),
  assignee_id uuid REFERENCES users (id),
  -- questions staff flagged for correction (補正), and the message to the resident
  correction_questions text[] NOT NULL DEFAULT '{}',
  correction_message text,
  -- optimistic concurrency: every change increments it; a stale write is refused
  revision integer NOT NULL DEFAULT 1,
  submitted_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz
);
CREATE INDEX applications_department_idx ON applications (department_code, status, submitted_at DESC);
CREATE INDEX applications_user_idx ON applications (user_id, submitted_at DESC);

-- Append-only history of each case: the resident's timeline and the staff's full history.
CREATE TABLE application_events (
  id bigserial PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES applications (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid REFERENCES users (id),
  type text NOT NULL,
  from_status text,
  to_status text,
  message text,
  -- internal notes and assignments are never shown to the resident
  internal boolean NOT NULL DEFAULT false,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX application_events_application_idx ON application_events (application_id, id);

CREATE TABLE files (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL REFERENCES users (id),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('pdf', 'jpeg', 'png')),
  size integer NOT NULL,
  sha256 text NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX files_owner_idx ON files (owner_id);

-- Hash-chained audit log of every staff action: hash = sha256(prev_hash || canonical record).
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_label text NOT NULL,
  action text NOT NULL,
  object_type text NOT NULL,
  object_id text,
  department_code text,
  data jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL
);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- Transactional outbox: side effects (mail, webhooks) written with the change, delivered by workers.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  payload jsonb NOT NULL,
  idempotency_key text UNIQUE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  run_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz
);
CREATE INDEX outbox_pending_idx ON outbox (run_at) WHERE status = 'pending';
