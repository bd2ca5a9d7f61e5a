-- Issue #27 item 5: sick-pay claims (dossier 630a). A unit claims its workers' sick-leave
-- certificates (XML11, visit_documents of kind 'sick_leave') in a batch; each certificate is a
-- request of type 'sick_pay_claim' of the online services engine, keyed by the worker (the person
-- it is for and is told of it); the batch, with the unit's signature, is kept beside them.

-- 1. The request type and the unit as an actor of the request log. The allowed values are
--    extended, not restated: other migrations of issue #27 add theirs to the same checks.
DO $$
DECLARE
  r record;
  vals text[];
BEGIN
  FOR r IN
    SELECT * FROM (VALUES
      ('service_requests', 'service_requests_type_check', 'type', 'sick_pay_claim'),
      ('service_request_actions', 'service_request_actions_actor_type_check', 'actor_type', 'employer')
    ) AS t(tbl, con, col, val)
  LOOP
    SELECT array_agg(DISTINCT m[1] ORDER BY m[1]) INTO vals
      FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([a-z0-9_]+)''', 'g') AS m
     WHERE c.conname = r.con AND c.conrelid = r.tbl::regclass;
    IF vals IS NULL OR NOT (r.val = ANY (vals)) THEN
      vals := array_append(coalesce(vals, ARRAY[]::text[]), r.val);
      EXECUTE format('ALTER TABLE %I DROP CONSTRAINT IF EXISTS %I', r.tbl, r.con);
      EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (%I = ANY (%L::text[]))', r.tbl, r.con, r.col, vals);
    END IF;
  END LOOP;
END $$;

-- 2. A batch (630a) as the unit submitted it: who, when, how many, and the unit admin's
--    signature over the batch (issue #27 item 6: the assertion, kept so it can be checked again,
--    and the hash of the signed claims).
CREATE TABLE sick_pay_batches (
  id               uuid PRIMARY KEY,
  number           text NOT NULL UNIQUE,
  unit_code        text NOT NULL REFERENCES employer_units (code),
  agency_code      text NOT NULL REFERENCES bhxh_agencies (code),
  submitted_by     text NOT NULL,
  submitted_at     timestamptz NOT NULL,
  claim_count      integer NOT NULL CHECK (claim_count > 0),
  payload_hash     text NOT NULL,
  signature        jsonb NOT NULL,
  -- "<unit>:<Idempotency-Key>": a retried submission finds its batch.
  idempotency_key  text NOT NULL UNIQUE
);
CREATE INDEX sick_pay_batches_unit_idx ON sick_pay_batches (unit_code, submitted_at DESC);

-- 3. One claimed certificate: its request, its batch, the leave, and once approved the days and
--    amount granted and the benefit written. A certificate is claimed once while its claim is
--    open or approved (`active`); a rejected or withdrawn claim frees it.
CREATE TABLE sick_pay_claims (
  bhxh_code        char(10) NOT NULL,
  request_id       uuid NOT NULL,
  batch_id         uuid NOT NULL REFERENCES sick_pay_batches (id),
  unit_code        text NOT NULL REFERENCES employer_units (code),
  ma_lk            text NOT NULL,
  certificate_number text NOT NULL,
  leave_from       date NOT NULL,
  leave_to         date NOT NULL,
  heavy_work       boolean NOT NULL,
  active           boolean NOT NULL DEFAULT true,
  paid_days        integer,
  amount           bigint,
  benefit_id       bigint,
  PRIMARY KEY (bhxh_code, request_id),
  FOREIGN KEY (bhxh_code, request_id) REFERENCES service_requests (bhxh_code, id),
  CHECK (leave_to >= leave_from)
);
CREATE UNIQUE INDEX sick_pay_claims_certificate_idx ON sick_pay_claims (bhxh_code, ma_lk) WHERE active;
CREATE INDEX sick_pay_claims_batch_idx ON sick_pay_claims (unit_code, batch_id);

-- 4. The unit's workers: participation periods by unit (the certificates list reads them).
CREATE INDEX IF NOT EXISTS participation_unit_idx ON participation_periods (unit_code, scheme, to_month);
