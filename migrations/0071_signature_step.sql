-- Signatures module, the signature step of an application: the CMS a resident uploaded on check
-- your answers, verified at upload, kept with the draft until submission (when it is verified
-- again and recorded in signature_verifications with the new application). One per draft; a new
-- upload replaces it.
CREATE TABLE draft_signatures (
  draft_id uuid PRIMARY KEY REFERENCES drafts (id),
  user_id uuid NOT NULL REFERENCES users (id),
  received_at timestamptz NOT NULL DEFAULT now(),
  -- hex SHA-256 of the canonical bytes that were signed
  content_sha256 text NOT NULL,
  signature bytea NOT NULL,
  -- SignerIdentity JSON of the verified signer certificate
  signer jsonb NOT NULL
);
