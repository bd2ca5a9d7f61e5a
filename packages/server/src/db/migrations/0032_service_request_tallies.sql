-- Issue #23: the officers' queue shows how many requests wait in their scope. Counting them on
-- every page reads every open request of the scope (a province of the 1M-person bench: 11,000
-- index entries, most of the queue's database time), and grows with the backlog. The exact
-- number per agency, status and type is kept here instead, moved in the same transaction as the
-- request (its filing and each change of its status: services/repository.ts), so a total is
-- never behind a committed request; the queue adds up at most scope × statuses × types rows.
-- Drafts are not tallied: a request is created and submitted in one transaction.
-- The data loaders count it again after a load. On Citus it stays on the coordinator, beside
-- the agencies' number sequences, which the same transactions already update.
CREATE TABLE service_request_tallies (
  agency_code  text NOT NULL REFERENCES bhxh_agencies (code),
  status       text NOT NULL,
  type         text NOT NULL,
  n            integer NOT NULL,
  PRIMARY KEY (agency_code, status, type)
);

INSERT INTO service_request_tallies (agency_code, status, type, n)
  SELECT agency_code, status, type, count(*) FROM service_requests WHERE status <> 'draft' GROUP BY 1, 2, 3;
