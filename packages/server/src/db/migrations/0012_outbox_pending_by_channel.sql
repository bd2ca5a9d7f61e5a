-- The outbox worker takes the due messages of the channels it has an adapter for (an SMS gateway,
-- SMTP): the pending index leads with the channel, so the queued messages of a channel nobody
-- delivers (email without SMTP) are not walked through on every pass.
DROP INDEX outbox_pending_idx;
CREATE INDEX outbox_pending_idx ON outbox (channel, available_at, id) WHERE delivered_at IS NULL;
