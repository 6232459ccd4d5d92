-- identity_people gains the person's language (others write to them in it) and sorts by the reading
-- of the name (五十音順: family, then given name in kana); identity also publishes who holds which
-- role in which department (ADR 0020). Columns are only ever added at the end.
CREATE OR REPLACE VIEW identity_people AS
  SELECT id, kind, trim(family_name || ' ' || given_name) AS display_name,
         family_kana || ' ' || given_kana AS sort_key, email, disabled_at IS NULL AS active, locale
  FROM users;

CREATE VIEW identity_staff_roles AS
  SELECT user_id, department_code, role FROM staff_roles;
