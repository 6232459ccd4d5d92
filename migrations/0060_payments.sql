-- Payments: fees of procedures paid online (キャッシュレス), their attempts at a provider, refunds,
-- received webhooks, and the built-in sandbox provider's own books. See docs/decisions/0012-payments.md.

-- Which procedures take their fee online, and when. No row: the fee (if any) is not collected online.
CREATE TABLE payment_settings (
  procedure_id uuid PRIMARY KEY REFERENCES procedures (id),
  timing text NOT NULL CHECK (timing IN ('at_submission', 'after_approval')),
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- 領収番号 R-YYYYMMDD-NNNNNN
CREATE SEQUENCE payment_receipt_seq;

-- What a resident owes for an application (one fee per application), and where it stands.
CREATE TABLE payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL REFERENCES applications (id),
  purpose text NOT NULL DEFAULT 'fee' CHECK (purpose IN ('fee')),
  user_id uuid NOT NULL REFERENCES users (id),
  department_code text NOT NULL REFERENCES departments (code),
  procedure_id uuid NOT NULL REFERENCES procedures (id),
  timing text NOT NULL CHECK (timing IN ('at_submission', 'after_approval')),
  -- integer yen (JPY has no minor unit)
  amount_yen integer NOT NULL CHECK (amount_yen > 0 AND amount_yen <= 100000000),
  -- { "lines": [{ "label": {ja,en}, "unitYen": 300, "quantity": 2, "amountYen": 600 }], "amountYen": 600 }
  breakdown jsonb NOT NULL,
  description text NOT NULL,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'requires_action', 'succeeded', 'failed', 'canceled', 'refunded', 'partially_refunded')),
  attempt_count integer NOT NULL DEFAULT 0,
  paid_attempt_id uuid,
  paid_at timestamptz,
  receipt_number text UNIQUE,
  refunded_yen integer NOT NULL DEFAULT 0 CHECK (refunded_yen >= 0 AND refunded_yen <= amount_yen),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Submitting twice, or approving and then calling the hook again, finds the same payment.
  UNIQUE (application_id, purpose)
);
CREATE INDEX payments_user_idx ON payments (user_id, created_at DESC);
CREATE INDEX payments_department_idx ON payments (department_code, created_at DESC);

-- One try at paying: one charge at one provider, with the idempotency key sent to the provider.
CREATE TABLE payment_attempts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  payment_id uuid NOT NULL REFERENCES payments (id),
  attempt_no integer NOT NULL CHECK (attempt_no >= 1),
  -- derived from (application id, attempt no.): a retried request replays the same charge
  idempotency_key text NOT NULL UNIQUE,
  provider text NOT NULL CHECK (provider IN ('sandbox', 'stripe')),
  method text NOT NULL CHECK (method IN ('card', 'konbini', 'payeasy')),
  amount_yen integer NOT NULL CHECK (amount_yen > 0),
  status text NOT NULL DEFAULT 'creating'
    CHECK (status IN ('creating', 'requires_action', 'pending', 'succeeded', 'failed', 'canceled')),
  provider_charge_id text,
  -- the provider's id of the money movement when it differs from the charge id (Stripe: pi_… of a Checkout Session)
  provider_payment_ref text,
  redirect_url text,
  failure_code text,
  -- konbini / Pay-easy payment slip: numbers and due date
  slip jsonb,
  -- succeeded although another attempt had already paid: refunded automatically
  duplicate boolean NOT NULL DEFAULT false,
  succeeded_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (payment_id, attempt_no)
);
CREATE UNIQUE INDEX payment_attempts_charge_key ON payment_attempts (provider, provider_charge_id) WHERE provider_charge_id IS NOT NULL;
CREATE INDEX payment_attempts_ref_idx ON payment_attempts (provider, provider_payment_ref) WHERE provider_payment_ref IS NOT NULL;
-- At most one open attempt per payment: double clicks and retried requests find it instead of charging twice.
CREATE UNIQUE INDEX payment_attempts_one_open ON payment_attempts (payment_id) WHERE status IN ('creating', 'requires_action', 'pending');
CREATE INDEX payment_attempts_succeeded_idx ON payment_attempts (succeeded_at) WHERE succeeded_at IS NOT NULL;

-- Refunds by staff (full or partial), each with its own idempotency key.
CREATE TABLE payment_refunds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  payment_id uuid NOT NULL REFERENCES payments (id),
  attempt_id uuid NOT NULL REFERENCES payment_attempts (id),
  amount_yen integer NOT NULL CHECK (amount_yen > 0),
  reason text NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  provider text NOT NULL CHECK (provider IN ('sandbox', 'stripe')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  provider_refund_id text,
  failure_code text,
  -- null: the system (automatic refund of a duplicate charge)
  requested_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  succeeded_at timestamptz
);
CREATE UNIQUE INDEX payment_refunds_provider_key ON payment_refunds (provider, provider_refund_id) WHERE provider_refund_id IS NOT NULL;
CREATE INDEX payment_refunds_payment_idx ON payment_refunds (payment_id, created_at);
CREATE INDEX payment_refunds_succeeded_idx ON payment_refunds (succeeded_at) WHERE succeeded_at IS NOT NULL;

-- The payment's own history (append-only), beside the application's timeline.
CREATE TABLE payment_events (
  id bigserial PRIMARY KEY,
  payment_id uuid NOT NULL REFERENCES payments (id),
  attempt_id uuid REFERENCES payment_attempts (id),
  refund_id uuid REFERENCES payment_refunds (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid REFERENCES users (id),
  type text NOT NULL,
  from_status text,
  to_status text,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX payment_events_payment_idx ON payment_events (payment_id, id);
CREATE FUNCTION payment_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'payment_events is append-only';
END;
$$;
CREATE TRIGGER payment_events_no_update BEFORE UPDATE OR DELETE ON payment_events
  FOR EACH ROW EXECUTE FUNCTION payment_events_append_only();

-- Webhooks received, once per provider event id: a duplicated delivery is recognised and ignored.
CREATE TABLE payment_webhook_events (
  id bigserial PRIMARY KEY,
  provider text NOT NULL,
  event_id text NOT NULL,
  type text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  -- applied | unmatched | ignored
  outcome text NOT NULL,
  payload jsonb NOT NULL,
  UNIQUE (provider, event_id)
);

-- The sandbox provider's own books (it plays a provider's database; nothing here is real money).
CREATE TABLE payment_sandbox_requests (
  idempotency_key text PRIMARY KEY,
  operation text NOT NULL,
  request_hash text NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE payment_sandbox_charges (
  id text PRIMARY KEY,
  amount_yen integer NOT NULL,
  method text NOT NULL,
  -- requires_action (card form or 3-D Secure) | pending (slip, or a card that settles later) | succeeded | failed | canceled
  status text NOT NULL,
  -- card_form | three_d_secure, while requires_action
  step text,
  card_last4 text,
  failure_code text,
  return_url text NOT NULL,
  cancel_url text NOT NULL,
  description text NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  slip jsonb,
  refunded_yen integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  succeeded_at timestamptz
);
CREATE INDEX payment_sandbox_charges_succeeded_idx ON payment_sandbox_charges (succeeded_at) WHERE succeeded_at IS NOT NULL;
CREATE TABLE payment_sandbox_refunds (
  id text PRIMARY KEY,
  charge_id text NOT NULL REFERENCES payment_sandbox_charges (id),
  amount_yen integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_sandbox_refunds_created_idx ON payment_sandbox_refunds (created_at);
