-- Documents: issued (sealed) documents with their verification codes, and PDF forms for
-- 申請書印刷 (staff place the fields; residents download them prefilled).

-- An issued document is kept byte for byte: the PDF is the record, its hash is what /verify checks.
CREATE TABLE issued_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- 16 characters of Crockford base32 (80 random bits), printed on the document
  verification_code text NOT NULL UNIQUE CHECK (verification_code ~ '^[0-9A-HJKMNP-TV-Z]{16}$'),
  kind text NOT NULL CHECK (kind IN ('residence_certificate')),
  application_id uuid REFERENCES applications (id),
  -- the resident it was issued to (may download it)
  user_id uuid REFERENCES users (id),
  department_code text NOT NULL REFERENCES departments (code),
  issued_by uuid REFERENCES users (id),
  issued_at timestamptz NOT NULL DEFAULT now(),
  sha256 text NOT NULL,
  size integer NOT NULL,
  bytes bytea NOT NULL,
  -- the seal: SHA-256 of its certificate, and whether it was the demo seal
  seal_fingerprint text NOT NULL,
  demo boolean NOT NULL,
  revoked_at timestamptz
);
-- One document of a kind per application: issuing twice returns the first.
CREATE UNIQUE INDEX issued_documents_application_kind_key ON issued_documents (application_id, kind) WHERE application_id IS NOT NULL;
CREATE INDEX issued_documents_user_idx ON issued_documents (user_id, issued_at DESC);
CREATE INDEX issued_documents_sha256_idx ON issued_documents (sha256);

-- A PDF form registered by staff (e.g. a ward office's paper form).
CREATE TABLE pdf_forms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES departments (code),
  title text NOT NULL,
  file_name text NOT NULL,
  bytes bytea NOT NULL,
  sha256 text NOT NULL,
  -- [{ "width": 595.28, "height": 841.89 }] in PDF points, one per page
  pages jsonb NOT NULL,
  published boolean NOT NULL DEFAULT false,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pdf_forms_department_idx ON pdf_forms (department_code, created_at DESC);

-- PNG previews of the pages, made with pdftoppm at upload (absent when it is not installed).
CREATE TABLE pdf_form_previews (
  form_id uuid NOT NULL REFERENCES pdf_forms (id) ON DELETE CASCADE,
  page integer NOT NULL,
  png bytea NOT NULL,
  width_px integer NOT NULL,
  height_px integer NOT NULL,
  PRIMARY KEY (form_id, page)
);

-- Where a value is printed: page (1-based), baseline start (x, y) in points from the page's
-- lower-left corner, font size, and an optional width to shrink long text into.
CREATE TABLE pdf_form_fields (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  form_id uuid NOT NULL REFERENCES pdf_forms (id) ON DELETE CASCADE,
  page integer NOT NULL CHECK (page >= 1),
  x real NOT NULL,
  y real NOT NULL,
  font_size real NOT NULL CHECK (font_size BETWEEN 6 AND 36),
  max_width real NOT NULL DEFAULT 0,
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pdf_form_fields_form_idx ON pdf_form_fields (form_id, created_at);
