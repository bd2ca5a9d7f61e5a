-- Every node keeps the state of the sessions it has seen in memory, so that an authenticated
-- request costs no query. What makes that safe is this trigger: whatever ends a session (sign-out,
-- a new device, a reused refresh token, a password change, a disabled account, any future path),
-- the end is broadcast on the channel `vssid_session_ended` as `<session id>:<reason>`, delivered
-- to every listening node when the ending transaction commits. Nodes that were not listening when
-- it was sent re-read what they hold (see modules/auth/session-states.ts).
CREATE FUNCTION vssid_notify_session_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('vssid_session_ended', OLD.id::text || ':expired');
    RETURN OLD;
  END IF;
  PERFORM pg_notify('vssid_session_ended', NEW.id::text || ':' || coalesce(NEW.end_reason, 'expired'));
  RETURN NEW;
END;
$$;

CREATE TRIGGER sessions_ended_notify
  AFTER UPDATE OF ended_at ON sessions
  FOR EACH ROW
  WHEN (OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL)
  EXECUTE FUNCTION vssid_notify_session_ended();

CREATE TRIGGER sessions_deleted_notify
  AFTER DELETE ON sessions
  FOR EACH ROW
  EXECUTE FUNCTION vssid_notify_session_ended();
