-- Procedure exchange and the catalogue at scale (docs/decisions/0018-procedure-exchange.md).

-- Made-up demonstration procedures (the generated part of the demo catalogue) are marked, so that
-- exports say so ("demo": true) and an operator can tell them from real ones.
ALTER TABLE procedures ADD COLUMN demo boolean NOT NULL DEFAULT false;

-- The staff inbox lists a department's cases newest first (submitted_at DESC, id DESC) and counts
-- them; with a million cases both must come from an index, for every department and with or
-- without a status filter.
CREATE INDEX applications_department_submitted_idx ON applications (department_code, submitted_at DESC, id DESC);
