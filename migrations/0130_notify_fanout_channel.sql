-- The fan-out queues one channel after another (slowest provider first); the checkpoint is now
-- (fanout_channel, fanout_cursor): every earlier channel is fully queued, and this one up to the cursor.
ALTER TABLE notify_alerts ADD COLUMN fanout_channel text;
