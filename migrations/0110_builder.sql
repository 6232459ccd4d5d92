-- Builder (low-code): staff build procedures (form + metadata), case apps and information pages.
-- The published form versions stay in procedure_versions (procedures module); these tables hold
-- the builder's working copies, reviews, schedules and page content. See docs/decisions/0017-builder.md.

-- One working copy per procedure: the definition and metadata staff edit, and where it stands in
-- review. state: editing → in_review → (scheduled →) published; any edit goes back to editing.
CREATE TABLE builder_procedure_drafts (
  procedure_id uuid PRIMARY KEY REFERENCES procedures (id),
  department_code text NOT NULL REFERENCES departments (code),
  definition jsonb NOT NULL,
  metadata jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('editing', 'in_review', 'scheduled', 'published')),
  -- optimistic concurrency: every save increments it; a save from an older screen is refused
  revision integer NOT NULL DEFAULT 1,
  -- the published version this copy started from (null for a procedure never published)
  based_on_version_id uuid REFERENCES procedure_versions (id),
  submitted_by uuid REFERENCES users (id),
  submitted_at timestamptz,
  review_note text,
  approved_by uuid REFERENCES users (id),
  publish_at timestamptz,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (state <> 'scheduled' OR publish_at IS NOT NULL)
);
CREATE INDEX builder_procedure_drafts_department_idx ON builder_procedure_drafts (department_code, updated_at DESC);
CREATE INDEX builder_procedure_drafts_due_idx ON builder_procedure_drafts (publish_at) WHERE state = 'scheduled';

-- Who wrote and who approved each published version.
CREATE TABLE builder_version_log (
  version_id uuid PRIMARY KEY REFERENCES procedure_versions (id),
  procedure_id uuid NOT NULL REFERENCES procedures (id),
  authored_by uuid REFERENCES users (id),
  approved_by uuid REFERENCES users (id),
  -- 'now' or 'scheduled' (published by the scheduler at publish_at)
  mode text NOT NULL CHECK (mode IN ('now', 'scheduled', 'system')),
  published_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX builder_version_log_procedure_idx ON builder_version_log (procedure_id, published_at DESC);

-- Case app of a procedure: the back office's columns, filters, stages and transitions, SLA and
-- assignment rules (validated as a whole before it is saved).
CREATE TABLE builder_case_apps (
  procedure_id uuid PRIMARY KEY REFERENCES procedures (id),
  department_code text NOT NULL REFERENCES departments (code),
  config jsonb NOT NULL,
  revision integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Information pages and notices on the resident site, built from blocks.
CREATE TABLE builder_pages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  kind text NOT NULL CHECK (kind IN ('notice', 'info')),
  department_code text NOT NULL REFERENCES departments (code),
  -- { title: {ja, en?}, summary?: {ja, en?}, blocks: [...] }
  draft jsonb NOT NULL,
  published jsonb,
  published_at timestamptz,
  published_by uuid REFERENCES users (id),
  revision integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id),
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX builder_pages_published_idx ON builder_pages (kind, published_at DESC) WHERE published IS NOT NULL;

-- Every saved and published state of a page (its history), append-only.
CREATE TABLE builder_page_history (
  id bigserial PRIMARY KEY,
  page_id uuid NOT NULL REFERENCES builder_pages (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid REFERENCES users (id),
  action text NOT NULL CHECK (action IN ('created', 'saved', 'published', 'unpublished')),
  revision integer NOT NULL,
  content jsonb NOT NULL
);
CREATE INDEX builder_page_history_page_idx ON builder_page_history (page_id, id DESC);

-- Images of pages (PNG/JPEG, checked by magic bytes), served at /pages/images/:id.
CREATE TABLE builder_assets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  page_id uuid NOT NULL REFERENCES builder_pages (id),
  kind text NOT NULL CHECK (kind IN ('png', 'jpeg')),
  name text NOT NULL,
  size integer NOT NULL,
  sha256 text NOT NULL,
  bytes bytea NOT NULL,
  uploaded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX builder_assets_page_idx ON builder_assets (page_id);
