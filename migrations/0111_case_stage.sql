-- Case apps (builder): an application's stage in its procedure's custom status machine.
-- Each stage maps onto one of the application statuses (received, reviewing, …); the status stays
-- the source of truth for the resident and every existing rule. NULL, or a stage whose status is
-- not the application's status any more (the resident withdrew or answered a correction), means
-- "the first stage of the current status". Written only by the procedures module's staff commands.
ALTER TABLE applications ADD COLUMN stage text;
