-- Appointments: 来庁予約 (counter bookings at the ward offices), the 整理券 queue, and web
-- consultations (video) with a department. All times are timestamptz; the schedule is kept in
-- Asia/Tokyo local time (opening hours as `time`), see src/modules/appointments/schedule.ts.

-- A ward office that takes counter appointments; its staff are the department's staff.
CREATE TABLE appt_offices (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,40}$'),
  department_code text NOT NULL UNIQUE REFERENCES departments (code),
  name_ja text NOT NULL,
  name_en text NOT NULL,
  address_ja text NOT NULL,
  address_en text NOT NULL,
  position integer NOT NULL DEFAULT 0
);

-- What a resident can book (住民票, 転入・転出, マイナンバーカード受取 …), the same list for every office.
CREATE TABLE appt_services (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,60}$'),
  name_ja text NOT NULL,
  name_en text NOT NULL,
  description_ja text NOT NULL DEFAULT '',
  description_en text NOT NULL DEFAULT '',
  position integer NOT NULL DEFAULT 0
);

-- A counter (窓口) of an office: its slot length, how many people per slot, weekday opening hours,
-- and whether it opens on the fourth Sunday of the month (休日開庁).
CREATE TABLE appt_counters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  office_code text NOT NULL REFERENCES appt_offices (code),
  code text NOT NULL CHECK (code ~ '^[a-z0-9-]{1,40}$'),
  name_ja text NOT NULL,
  name_en text NOT NULL,
  slot_minutes integer NOT NULL CHECK (slot_minutes IN (10, 15, 20, 30, 45, 60)),
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 100),
  opens time NOT NULL DEFAULT '09:00',
  closes time NOT NULL DEFAULT '17:30',
  fourth_sunday_open boolean NOT NULL DEFAULT false,
  -- the letter in front of 整理券 numbers of this counter ("A-012")
  queue_prefix text NOT NULL DEFAULT 'A' CHECK (queue_prefix ~ '^[A-Z]$'),
  position integer NOT NULL DEFAULT 0,
  UNIQUE (office_code, code),
  CHECK (opens < closes)
);

-- Which counter of an office takes a service (one counter per service and office).
CREATE TABLE appt_counter_services (
  counter_id uuid NOT NULL REFERENCES appt_counters (id),
  office_code text NOT NULL REFERENCES appt_offices (code),
  service_code text NOT NULL REFERENCES appt_services (code),
  PRIMARY KEY (counter_id, service_code),
  UNIQUE (office_code, service_code)
);

-- A day that differs from the rule: closed, other hours, or another capacity. Staff edit these.
CREATE TABLE appt_day_exceptions (
  counter_id uuid NOT NULL REFERENCES appt_counters (id),
  day date NOT NULL,
  closed boolean NOT NULL,
  opens time,
  closes time,
  capacity integer CHECK (capacity BETWEEN 1 AND 100),
  note_ja text NOT NULL DEFAULT '',
  note_en text NOT NULL DEFAULT '',
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (counter_id, day),
  CHECK (closed OR (opens IS NOT NULL AND closes IS NOT NULL AND opens < closes))
);

-- A bookable slot, materialised when it is first booked. `booked` only changes through one
-- conditional UPDATE (`… SET booked = booked + 1 WHERE booked < capacity`), and the CHECK below
-- makes over-booking impossible even for a faulty statement.
CREATE TABLE appt_slots (
  counter_id uuid NOT NULL REFERENCES appt_counters (id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  capacity integer NOT NULL CHECK (capacity >= 0),
  booked integer NOT NULL DEFAULT 0 CHECK (booked >= 0),
  PRIMARY KEY (counter_id, starts_at),
  CHECK (booked <= capacity)
);

CREATE SEQUENCE appt_booking_seq;

-- A counter booking. 'pending' holds the details while the e-mail code is checked and takes no
-- place; 'confirmed' took one place in its slot; 'cancelled' gave it back.
CREATE TABLE appt_bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  counter_id uuid NOT NULL REFERENCES appt_counters (id),
  office_code text NOT NULL REFERENCES appt_offices (code),
  service_code text NOT NULL REFERENCES appt_services (code),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'checked_in', 'cancelled', 'expired')),
  source text NOT NULL CHECK (source IN ('web', 'resident', 'api')),
  user_id uuid REFERENCES users (id),
  name text NOT NULL,
  email text NOT NULL,
  phone text,
  locale text NOT NULL DEFAULT 'ja',
  -- e-mail verification of bookings without an account (SHA-256 of the 6-digit code)
  code_hash text,
  code_expires_at timestamptz,
  code_attempts integer NOT NULL DEFAULT 0,
  codes_sent integer NOT NULL DEFAULT 0,
  email_verified_at timestamptz,
  -- the check-in (QR) token: not a credential (only staff of the office can use it to find the
  -- booking), kept as is so that the booking page can show the QR code on every visit
  checkin_token text NOT NULL UNIQUE,
  -- bumped on every change of time (iCalendar SEQUENCE, reminder idempotency)
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  checked_in_at timestamptz,
  checked_in_by uuid REFERENCES users (id),
  reminder_sent_version integer
);
-- Change/cancel links of a booking (the browser that booked gets one, every e-mail another);
-- only SHA-256 hashes are stored.
CREATE TABLE appt_booking_tokens (
  token_hash text PRIMARY KEY,
  booking_id uuid NOT NULL REFERENCES appt_bookings (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appt_booking_tokens_booking_idx ON appt_booking_tokens (booking_id);

CREATE INDEX appt_bookings_slot_idx ON appt_bookings (counter_id, starts_at) WHERE status IN ('confirmed', 'checked_in');
CREATE INDEX appt_bookings_user_idx ON appt_bookings (user_id, starts_at) WHERE user_id IS NOT NULL;
CREATE INDEX appt_bookings_office_day_idx ON appt_bookings (office_code, starts_at);

-- 整理券: numbers issued per counter and day, called in order.
CREATE TABLE appt_queue_numbers (
  counter_id uuid NOT NULL REFERENCES appt_counters (id),
  day date NOT NULL,
  last_number integer NOT NULL,
  PRIMARY KEY (counter_id, day)
);

CREATE TABLE appt_queue_tickets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  office_code text NOT NULL REFERENCES appt_offices (code),
  counter_id uuid NOT NULL REFERENCES appt_counters (id),
  day date NOT NULL,
  number integer NOT NULL,
  label text NOT NULL,
  booking_id uuid REFERENCES appt_bookings (id),
  status text NOT NULL CHECK (status IN ('waiting', 'called', 'served', 'skipped')),
  issued_at timestamptz NOT NULL DEFAULT now(),
  issued_by uuid REFERENCES users (id),
  called_at timestamptz,
  called_by uuid REFERENCES users (id),
  UNIQUE (counter_id, day, number)
);
CREATE INDEX appt_queue_tickets_waiting_idx ON appt_queue_tickets (counter_id, day, number) WHERE status = 'waiting';
CREATE UNIQUE INDEX appt_queue_tickets_booking_key ON appt_queue_tickets (booking_id) WHERE booking_id IS NOT NULL;

-- Web consultations: staff say when they are available; each window is cut into slots of one
-- resident each.
CREATE TABLE appt_consult_availability (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_code text NOT NULL REFERENCES departments (code),
  staff_user_id uuid NOT NULL REFERENCES users (id),
  -- who invites (copied from the staff account when the window is set)
  staff_name text NOT NULL,
  staff_email text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  slot_minutes integer NOT NULL CHECK (slot_minutes IN (15, 20, 30, 45, 60)),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX appt_consult_availability_dept_idx ON appt_consult_availability (department_code, starts_at);

CREATE TABLE appt_consultations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  availability_id uuid NOT NULL REFERENCES appt_consult_availability (id),
  department_code text NOT NULL REFERENCES departments (code),
  staff_user_id uuid NOT NULL REFERENCES users (id),
  user_id uuid NOT NULL REFERENCES users (id),
  resident_name text NOT NULL,
  resident_email text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  topic text NOT NULL,
  status text NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
  locale text NOT NULL DEFAULT 'ja',
  -- the meeting, filled in by the provider job
  provider text,
  meeting_id text,
  join_url text,
  host_url text,
  room_id text UNIQUE,
  sequence integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz
);
-- One resident per staff member and start time: the unique index decides concurrent bookings.
CREATE UNIQUE INDEX appt_consultations_staff_start_key ON appt_consultations (staff_user_id, starts_at) WHERE status = 'confirmed';
CREATE INDEX appt_consultations_user_idx ON appt_consultations (user_id, starts_at);
CREATE INDEX appt_consultations_dept_idx ON appt_consultations (department_code, starts_at);
