-- Navigator: 手続き判定 definitions (life event → questions → checklist rules, versioned) and the
-- support-programme finder (programmes of 国・府・市 with eligibility criteria as data).

-- One row per version of a life event's definition. A draft is the next version being edited;
-- publishing turns it into the published version and retires the previous one. Published and
-- retired versions never change (trigger below), so a version number always means the same rules.
CREATE TABLE navigator_definitions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event text NOT NULL CHECK (event ~ '^[a-z][a-z0-9-]{0,40}$'),
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
  -- the department whose staff edit it (managers publish)
  department_code text NOT NULL REFERENCES departments (code),
  definition jsonb NOT NULL,
  -- optimistic concurrency of the draft editor
  revision integer NOT NULL DEFAULT 1,
  -- the published version a draft was copied from (null for the first)
  based_on integer,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  published_by uuid REFERENCES users (id),
  published_at timestamptz,
  UNIQUE (event, version)
);
CREATE UNIQUE INDEX navigator_definitions_one_published ON navigator_definitions (event) WHERE status = 'published';
CREATE UNIQUE INDEX navigator_definitions_one_draft ON navigator_definitions (event) WHERE status = 'draft';

CREATE FUNCTION navigator_definitions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN RAISE EXCEPTION 'published navigator definitions are kept'; END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (NEW.definition IS DISTINCT FROM OLD.definition OR NEW.version <> OLD.version OR NEW.event <> OLD.event) THEN
    RAISE EXCEPTION 'published navigator definitions are frozen';
  END IF;
  IF OLD.status = 'retired' AND NEW.status <> 'retired' THEN
    RAISE EXCEPTION 'a retired navigator definition stays retired';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER navigator_definitions_frozen BEFORE UPDATE OR DELETE ON navigator_definitions
  FOR EACH ROW EXECUTE FUNCTION navigator_definitions_frozen();

-- Support programmes (subsidies, loans, benefits, tax relief) of 国, the prefecture and the city.
CREATE TABLE support_programmes (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,80}$'),
  body text NOT NULL CHECK (body IN ('national', 'prefecture', 'city')),
  body_name jsonb NOT NULL,
  audiences text[] NOT NULL CHECK (cardinality(audiences) >= 1),
  kind text NOT NULL CHECK (kind IN ('subsidy', 'loan', 'benefit', 'tax_relief', 'other')),
  title jsonb NOT NULL,
  summary jsonb NOT NULL,
  amount jsonb,
  -- criteria as data: { industries, employees: {min,max}, salesDropPercent: {min}, householdSize, incomeBands, age, wards, notes }
  eligibility jsonb NOT NULL DEFAULT '{}',
  opens_on date,
  deadline date,
  -- 'ongoing' (随時), 'open' (until the deadline), 'closed' (ended; kept as history)
  status text NOT NULL CHECK (status IN ('ongoing', 'open', 'closed')),
  url text NOT NULL CHECK (url ~ '^https?://'),
  contact jsonb NOT NULL,
  -- invented or unverified details (demo data)
  demo boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX support_programmes_body_kind_idx ON support_programmes (body, kind);
