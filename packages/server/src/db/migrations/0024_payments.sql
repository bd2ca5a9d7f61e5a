-- Payments (issue #26 item 3): what a person pays online for a service (voluntary BHXH, household
-- BHYT), through a bank gateway speaking the VNPay 2.1.0 protocol (a signed redirect, a return
-- URL and a server-to-server notification, IPN). Amounts are whole VND (bigint). The state moves
-- pending → paid | failed | cancelled | expired once, under the row's lock, in the transaction
-- that handles the gateway's notification: a notification delivered twice credits once.

CREATE TABLE payments (
  bhxh_code              char(10) NOT NULL REFERENCES persons (bhxh_code),
  id                     uuid NOT NULL,
  -- vnp_TxnRef: our order reference, unique for the merchant (the gateway refuses a reused one).
  txn_ref                text NOT NULL UNIQUE CHECK (txn_ref ~ '^[A-Z0-9]{8,40}$'),
  -- What is paid for (a purpose registered by its module) and the thing paid (a request id).
  purpose                text NOT NULL,
  reference_id           text NOT NULL,
  amount_vnd             bigint NOT NULL CHECK (amount_vnd > 0 AND amount_vnd <= 10000000000),
  order_info             text NOT NULL,
  locale                 text NOT NULL CHECK (locale IN ('vi', 'en', 'zh', 'ja', 'ko')),
  -- The web path shown after the payment (the request it pays for).
  return_path            text NOT NULL,
  status                 text NOT NULL DEFAULT 'pending'
                           CHECK (status IN ('pending', 'paid', 'failed', 'cancelled', 'expired')),
  -- Money received for something that can no longer take it (a withdrawn request): officers refund.
  refund_due             boolean NOT NULL DEFAULT false,
  created_at             timestamptz NOT NULL DEFAULT now(),
  expires_at             timestamptz NOT NULL,
  -- When the gateway's notification settled it (any final state), and the gateway's facts.
  settled_at             timestamptz,
  gateway_txn_no         text,
  gateway_response_code  text,
  bank_code              text,
  -- vnp_PayDate as the gateway wrote it (yyyyMMddHHmmss, GMT+7).
  gateway_pay_date       text,
  -- "<payer>:<key>": a retried creation finds the same payment.
  idempotency_key        text UNIQUE,
  PRIMARY KEY (bhxh_code, id)
);
CREATE INDEX payments_reference_idx ON payments (purpose, reference_id);
CREATE INDEX payments_payer_idx ON payments (bhxh_code, created_at DESC);
-- The daily reconciliation reads a day's paid payments by the gateway's date.
CREATE INDEX payments_pay_date_idx ON payments (gateway_pay_date) WHERE status = 'paid';
-- The expiry of payments the gateway never reported on.
CREATE INDEX payments_pending_idx ON payments (expires_at) WHERE status = 'pending';

-- Every notification the gateway sent, accepted or refused, as received (its parameters) and
-- what we answered: the evidence for disputes and the reconciliation.
CREATE TABLE payment_notifications (
  id           bigserial PRIMARY KEY,
  received_at  timestamptz NOT NULL DEFAULT now(),
  txn_ref      text,
  bhxh_code    char(10),
  payment_id   uuid,
  -- The IPN answer's RspCode: 00 ok, 01 not found, 02 already confirmed, 04 amount, 97 signature, 99 other.
  rsp_code     text NOT NULL,
  params       jsonb NOT NULL,
  ip           text
);
CREATE INDEX payment_notifications_txn_idx ON payment_notifications (txn_ref, received_at);

-- One reconciliation per day of the gateway (GMT+7): inserted in the transaction that writes its
-- differences, so two nodes ticking at once reconcile a day once.
CREATE TABLE payment_reconciliation_runs (
  run_date        date PRIMARY KEY,
  ran_at          timestamptz NOT NULL DEFAULT now(),
  gateway_count   integer NOT NULL,
  our_count       integer NOT NULL,
  differences     integer NOT NULL
);

CREATE TABLE payment_differences (
  id              bigserial PRIMARY KEY,
  -- The reconciled day (refund_due: the day the money arrived).
  run_date        date NOT NULL,
  kind            text NOT NULL
                    CHECK (kind IN ('missing_ours', 'missing_theirs', 'amount_mismatch', 'state_mismatch', 'refund_due')),
  txn_ref         text NOT NULL,
  bhxh_code       char(10),
  payment_id      uuid,
  -- The payer's province (officers see their provinces' differences; none known: the national office).
  province_code   text,
  our_amount_vnd    bigint,
  their_amount_vnd  bigint,
  our_status      text,
  their_status    text,
  detected_at     timestamptz NOT NULL DEFAULT now(),
  resolved_at     timestamptz,
  resolved_by     text,
  resolution_note text,
  UNIQUE (txn_ref, kind, run_date)
);
CREATE INDEX payment_differences_open_idx ON payment_differences (province_code, detected_at) WHERE resolved_at IS NULL;
