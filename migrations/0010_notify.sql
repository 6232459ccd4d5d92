-- Notify: residents' alert subscriptions, issued alerts with their fan-out checkpoint, one row per
-- recipient and channel (the idempotency: UNIQUE alert × subscription × channel), counters as
-- append-only deltas, and the per-alert broadcasts (X posts, L-Alert XML, 緊急速報メール drafts).

CREATE TABLE notify_subscriptions (
  id bigserial PRIMARY KEY,
  -- the signed-in resident who made it; null for a subscription by e-mail only, by LINE or by a browser
  user_id uuid REFERENCES users (id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'cancelled')),
  language text NOT NULL CHECK (language IN ('ja', 'ja-x-easy', 'en', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'ne', 'tl', 'pt', 'es')),
  -- the area: either wards (全国地方公共団体コード) or a point with a radius
  wards text[] NOT NULL DEFAULT '{}',
  lat double precision,
  lon double precision,
  radius_m integer CHECK (radius_m BETWEEN 100 AND 5000),
  -- the ward the point lies in (approximation, see areas/wards.ts), so ward alerts reach it
  point_ward text,
  channels text[] NOT NULL CHECK (cardinality(channels) > 0 AND channels <@ ARRAY['email', 'webpush', 'line']),
  email text,
  push_endpoint text,
  push_p256dh text,
  push_auth text,
  line_user_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text,
  CHECK ((cardinality(wards) > 0) = (lat IS NULL)),
  CHECK ((lat IS NULL) = (lon IS NULL) AND (lat IS NULL) = (radius_m IS NULL)),
  CHECK (NOT ('email' = ANY (channels)) OR email IS NOT NULL),
  CHECK (NOT ('webpush' = ANY (channels)) OR (push_endpoint IS NOT NULL AND push_p256dh IS NOT NULL AND push_auth IS NOT NULL)),
  CHECK (NOT ('line' = ANY (channels)) OR line_user_id IS NOT NULL)
);
CREATE INDEX notify_subscriptions_user_idx ON notify_subscriptions (user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX notify_subscriptions_push_key ON notify_subscriptions (push_endpoint) WHERE push_endpoint IS NOT NULL AND status <> 'cancelled';
CREATE UNIQUE INDEX notify_subscriptions_line_key ON notify_subscriptions (line_user_id) WHERE line_user_id IS NOT NULL AND status <> 'cancelled';
CREATE INDEX notify_subscriptions_email_idx ON notify_subscriptions (lower(email)) WHERE email IS NOT NULL;

CREATE TABLE notify_alerts (
  id uuid PRIMARY KEY,
  kind text NOT NULL,
  severity text NOT NULL,
  template_key text NOT NULL,
  params jsonb NOT NULL,
  areas jsonb NOT NULL,
  cap jsonb NOT NULL DEFAULT '{}',
  channels text[] NOT NULL,
  issued_by text NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'fanning_out' CHECK (status IN ('fanning_out', 'sending', 'done')),
  -- fan-out checkpoint: every subscription with id <= fanout_cursor has its deliveries queued
  fanout_cursor bigint NOT NULL DEFAULT 0,
  fanout_done_at timestamptz,
  queued_count bigint NOT NULL DEFAULT 0,
  first_sent_at timestamptz,
  completed_at timestamptz
);
CREATE INDEX notify_alerts_issued_idx ON notify_alerts (issued_at DESC);
CREATE INDEX notify_alerts_open_idx ON notify_alerts (issued_at) WHERE status <> 'done';

CREATE TABLE notify_deliveries (
  alert_id uuid NOT NULL REFERENCES notify_alerts (id),
  -- no foreign key: millions of rows are inserted per alert; subscriptions are never deleted
  subscription_id bigint NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email', 'webpush', 'line')),
  language text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed')),
  attempts smallint NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- the request a 'sending' row belongs to (LINE: the X-Line-Retry-Key, reused on recovery)
  batch_id uuid,
  lease_until timestamptz,
  provider_message_id text,
  last_error text,
  sent_at timestamptz,
  delivered_at timestamptz,
  PRIMARY KEY (alert_id, subscription_id, channel)
);
CREATE INDEX notify_deliveries_queue_idx ON notify_deliveries (alert_id, channel, language, next_attempt_at) WHERE status = 'queued';
CREATE INDEX notify_deliveries_inflight_idx ON notify_deliveries (lease_until) WHERE status = 'sending';

-- Counts by status as deltas written in the same transaction as each change (sum to read).
CREATE TABLE notify_delivery_counts (
  id bigserial PRIMARY KEY,
  alert_id uuid NOT NULL REFERENCES notify_alerts (id),
  channel text NOT NULL,
  status text NOT NULL,
  n bigint NOT NULL
);
CREATE INDEX notify_delivery_counts_alert_idx ON notify_delivery_counts (alert_id);

-- One message per alert, channel and language for channels without a recipient list.
CREATE TABLE notify_broadcasts (
  alert_id uuid NOT NULL REFERENCES notify_alerts (id),
  channel text NOT NULL CHECK (channel IN ('x', 'lalert', 'etws')),
  language text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'draft', 'refused')),
  attempts smallint NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz,
  payload text NOT NULL,
  provider_message_id text,
  last_error text,
  sent_at timestamptz,
  PRIMARY KEY (alert_id, channel, language)
);
CREATE INDEX notify_broadcasts_queue_idx ON notify_broadcasts (next_attempt_at) WHERE status IN ('queued', 'sending');

-- Great-circle distance in metres (haversine); inlined by the planner.
CREATE FUNCTION notify_distance_m(lat1 float8, lon1 float8, lat2 float8, lon2 float8) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 2 * 6371000 * asin(least(1, sqrt(
    sin(radians(lat2 - lat1) / 2) ^ 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) ^ 2)))
$$;

-- Does the circle (lat, lon, radius_m) meet the polygon (lats[i], lons[i])? The same algorithm as
-- circleMeetsPolygon in src/modules/notify/areas/geo.ts (local equirectangular projection).
CREATE FUNCTION notify_circle_meets_polygon(lat float8, lon float8, radius_m float8, lats float8[], lons float8[]) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  kx float8 := pi() / 180 * 6371000 * cos(radians(lat));
  ky float8 := pi() / 180 * 6371000;
  n int := cardinality(lats);
  inside boolean := false;
  i int;
  j int;
  xi float8; yi float8; xj float8; yj float8; dx float8; dy float8; len2 float8; t float8;
BEGIN
  j := n;
  FOR i IN 1..n LOOP
    xi := (lons[i] - lon) * kx; yi := (lats[i] - lat) * ky;
    xj := (lons[j] - lon) * kx; yj := (lats[j] - lat) * ky;
    IF (yi > 0) <> (yj > 0) AND 0 < (xj - xi) * (0 - yi) / (yj - yi) + xi THEN
      inside := NOT inside;
    END IF;
    dx := xi - xj; dy := yi - yj; len2 := dx * dx + dy * dy;
    t := CASE WHEN len2 = 0 THEN 0 ELSE greatest(0, least(1, -(xj * dx + yj * dy) / len2)) END;
    IF sqrt((xj + t * dx) ^ 2 + (yj + t * dy) ^ 2) <= radius_m THEN
      RETURN true;
    END IF;
    j := i;
  END LOOP;
  RETURN inside;
END
$$;
