-- Signatures module: every CMS signature received for an application, verified or refused, with the
-- signer as read from the certificate (JPKI 基本4情報: name, address, birth date, gender) for staff.
-- Append-only: a re-verification is a new row. The CMS itself is kept as evidence.
CREATE TABLE signature_verifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL REFERENCES applications (id),
  received_at timestamptz NOT NULL DEFAULT now(),
  valid boolean NOT NULL,
  -- failure code (verify-cms.ts SignatureFailureReason) and its explanation; NULL when valid
  reason text,
  detail text,
  -- SignerIdentity JSON; for a refused signature it is what the certificate claims, unverified
  signer jsonb,
  signing_time timestamptz,
  validated_at timestamptz,
  digest_algorithm text,
  signature_algorithm text CHECK (signature_algorithm IN ('rsassa-pkcs1-v1_5', 'rsassa-pss')),
  revocation text CHECK (revocation IN ('crl', 'ocsp', 'not_checked')),
  -- hex SHA-256 of the signed bytes (canonical application JSON) and the CMS as received
  content_sha256 text NOT NULL,
  signature bytea NOT NULL,
  CHECK (valid = (reason IS NULL))
);
CREATE INDEX signature_verifications_application_idx ON signature_verifications (application_id, received_at DESC);
