-- Audit tamper-evidence (issue #22 item 3): every audit entry carries the SHA-256 of its own
-- immutable fields and of the previous entry of its chain, so an edited, deleted or inserted row
-- breaks the chain and `npm run audit:verify` names it.
--
-- 64 chains (partitions), each with a head row holding its last sequence number and hash. An
-- insert locks its chain's head row until its transaction ends. A transaction appends all its
-- entries to ONE chain, chosen by its transaction id (assumption, in place of a chain per subject:
-- a transaction writing entries about several people — a look-up's batch — would otherwise lock
-- several heads in data order, and two such transactions could deadlock). Writers stay concurrent:
-- two transactions wait for each other only when they fall on the same chain (1 in 64).
--
-- Every writer of audit_log (the audit repository, the look-up's batch, the sign-in statement)
-- goes through the trigger below: the chain needs no change in the application's statements.

ALTER TABLE audit_log
  ADD COLUMN chain_partition smallint,
  ADD COLUMN chain_seq bigint,
  ADD COLUMN prev_hash bytea,
  ADD COLUMN hash bytea;

CREATE TABLE audit_chain_heads (
  chain_partition smallint PRIMARY KEY CHECK (chain_partition >= 0 AND chain_partition < 64),
  last_seq        bigint NOT NULL,
  last_hash       bytea NOT NULL
);
-- Each chain starts from 32 zero bytes (its genesis) at sequence 0.
INSERT INTO audit_chain_heads (chain_partition, last_seq, last_hash)
SELECT p, 0, decode(repeat('00', 32), 'hex') FROM generate_series(0, 63) AS p;

-- One field of the canonical encoding: `~` for null, else its UTF-8 length, a colon, the text.
CREATE FUNCTION audit_field(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN v IS NULL THEN '~' ELSE octet_length(v)::text || ':' || v END
$$;

-- The entry's hash: SHA-256 of the previous hash followed by the canonical encoding of the
-- entry's fields, in this order, separated by '|': chain_partition, chain_seq, id, at (microseconds
-- since the Unix epoch), actor_type, actor_id, subject_bhxh_code, action, target_type, target_id,
-- purpose, ip (inet text), request_id, details (jsonb text). The verifier (audit/verify.ts)
-- computes the same encoding on its own side.
CREATE FUNCTION audit_entry_hash(e audit_log) RETURNS bytea LANGUAGE sql STABLE AS $$
  SELECT sha256(e.prev_hash || convert_to(concat_ws('|',
    audit_field(e.chain_partition::text), audit_field(e.chain_seq::text), audit_field(e.id::text),
    audit_field(((extract(epoch FROM e.at) * 1000000)::bigint)::text),
    audit_field(e.actor_type), audit_field(e.actor_id), audit_field(e.subject_bhxh_code::text),
    audit_field(e.action), audit_field(e.target_type), audit_field(e.target_id),
    audit_field(e.purpose), audit_field(e.ip::text), audit_field(e.request_id),
    audit_field(e.details::text)), 'UTF8'))
$$;

-- Existing entries: chained in id order into the chain of id mod 64 (no transaction ids are known
-- for them), exactly as if they had been written under the trigger.
DO $$
DECLARE
  e audit_log;
  head record;
BEGIN
  FOR e IN SELECT * FROM audit_log ORDER BY id LOOP
    e.chain_partition := (e.id % 64)::smallint;
    SELECT last_seq, last_hash INTO head FROM audit_chain_heads WHERE chain_partition = e.chain_partition;
    e.chain_seq := head.last_seq + 1;
    e.prev_hash := head.last_hash;
    e.hash := audit_entry_hash(e);
    UPDATE audit_log SET chain_partition = e.chain_partition, chain_seq = e.chain_seq,
                         prev_hash = e.prev_hash, hash = e.hash
     WHERE id = e.id;
    UPDATE audit_chain_heads SET last_seq = e.chain_seq, last_hash = e.hash
     WHERE chain_partition = e.chain_partition;
  END LOOP;
END $$;

ALTER TABLE audit_log
  ALTER COLUMN chain_partition SET NOT NULL,
  ALTER COLUMN chain_seq SET NOT NULL,
  ALTER COLUMN prev_hash SET NOT NULL,
  ALTER COLUMN hash SET NOT NULL;

CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head record;
BEGIN
  NEW.chain_partition := (txid_current() % 64)::smallint;
  SELECT last_seq, last_hash INTO head FROM audit_chain_heads
   WHERE chain_partition = NEW.chain_partition FOR UPDATE;
  NEW.chain_seq := head.last_seq + 1;
  NEW.prev_hash := head.last_hash;
  NEW.hash := audit_entry_hash(NEW);
  UPDATE audit_chain_heads SET last_seq = NEW.chain_seq, last_hash = NEW.hash
   WHERE chain_partition = NEW.chain_partition;
  RETURN NEW;
END $$;

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_chain();

-- The verifier walks each chain in order.
CREATE UNIQUE INDEX audit_log_chain_idx ON audit_log (chain_partition, chain_seq);
