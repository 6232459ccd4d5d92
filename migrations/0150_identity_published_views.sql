-- What the identity module publishes for other modules to read (ADR 0020): people by id with the
-- name to show, and department names. Other modules join these views, never users or departments,
-- so identity can change its tables (and what they hold about a person) without breaking them.
CREATE VIEW identity_people AS
  SELECT id, kind, trim(family_name || ' ' || given_name) AS display_name,
         family_kana || family_name || given_name AS sort_key, email, disabled_at IS NULL AS active
  FROM users;

CREATE VIEW identity_departments AS
  SELECT code, name_ja, name_en, kind FROM departments;
