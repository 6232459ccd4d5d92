-- Identity assurance (docs/decisions/0013-identity-assurance.md): a level on each account, the
-- strength of each sign-in, passkeys (WebAuthn) with server-side challenges, sign-in through outside
-- OpenID Connect providers, and the level each procedure requires.

-- 1 self-asserted / e-mail, 2 passkey, IdP acr 2 or checked in person, 3 JPKI / My Number Card level.
ALTER TABLE users ADD COLUMN assurance_level smallint NOT NULL DEFAULT 1 CHECK (assurance_level BETWEEN 1 AND 3);

-- How this session was signed in, and the level that sign-in proves (password and e-mail link 1,
-- passkey 2, an outside provider what it asserted). A request counts at min(account, session).
ALTER TABLE sessions ADD COLUMN auth_method text NOT NULL DEFAULT 'password' CHECK (auth_method IN ('password', 'link', 'passkey', 'oidc'));
ALTER TABLE sessions ADD COLUMN auth_level smallint NOT NULL DEFAULT 1 CHECK (auth_level BETWEEN 1 AND 3);

-- Every change of an account's level, with how it was reached (append-only).
CREATE TABLE assurance_events (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  at timestamptz NOT NULL DEFAULT now(),
  from_level smallint NOT NULL,
  to_level smallint NOT NULL CHECK (to_level BETWEEN 1 AND 3),
  method text NOT NULL CHECK (method IN ('passkey', 'oidc', 'jpki_signature', 'in_person')),
  -- e.g. {"provider": "national", "acr": "…"} or {"credentialId": "…"}; never personal data
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX assurance_events_user_idx ON assurance_events (user_id, at);

-- Passkeys (WebAuthn credentials). id is the base64url credential id.
CREATE TABLE passkey_credentials (
  id text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  public_key bytea NOT NULL,
  counter bigint NOT NULL DEFAULT 0,
  transports text[] NOT NULL DEFAULT '{}',
  device_type text NOT NULL DEFAULT 'singleDevice' CHECK (device_type IN ('singleDevice', 'multiDevice')),
  backed_up boolean NOT NULL DEFAULT false,
  label text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz
);
CREATE INDEX passkey_credentials_user_idx ON passkey_credentials (user_id);

-- WebAuthn challenges, single use, short-lived; the browser holds the id in a signed cookie.
CREATE TABLE webauthn_challenges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  challenge text NOT NULL UNIQUE,
  purpose text NOT NULL CHECK (purpose IN ('register', 'authenticate')),
  -- the account registering a passkey; NULL for sign-in (discoverable credentials)
  user_id uuid REFERENCES users (id),
  area text NOT NULL CHECK (area IN ('resident', 'staff')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webauthn_challenges_expiry_idx ON webauthn_challenges (expires_at);

-- OpenID Connect: one row per started sign-in (state, nonce, PKCE verifier), single use.
CREATE TABLE oidc_login_states (
  state_hash text PRIMARY KEY,
  provider text NOT NULL,
  code_verifier text NOT NULL,
  nonce text NOT NULL,
  next_path text,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Accounts at outside providers linked to ours (provider + its subject identifier).
CREATE TABLE external_identities (
  provider text NOT NULL,
  subject text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz,
  PRIMARY KEY (provider, subject)
);
CREATE INDEX external_identities_user_idx ON external_identities (user_id);

-- The level a procedure requires, keyed by the catalogue's stable procedure id (its slug), and
-- whether an electronic signature (JPKI-style CMS) is asked for on check your answers:
-- 'none'; 'accepted' (a valid signature counts as level 3 for that application); 'required'.
-- A procedure without a row requires level 1 and no signature.
CREATE TABLE procedure_assurance_requirements (
  procedure_slug text PRIMARY KEY,
  required_level smallint NOT NULL CHECK (required_level BETWEEN 1 AND 3),
  signature text NOT NULL DEFAULT 'none' CHECK (signature IN ('none', 'accepted', 'required')),
  updated_at timestamptz NOT NULL DEFAULT now()
);
