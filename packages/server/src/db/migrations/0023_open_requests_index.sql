-- The officers' queue of online service requests (issue #23) reads each agency's open requests
-- in due order and stops at a page: a partial index of the open ones (the domain's
-- OPEN_REQUEST_STATUSES) in that order. Decided requests, most of them in time, are not in it.
CREATE INDEX service_requests_open_due_idx ON service_requests (agency_code, due_on, submitted_at)
  WHERE status IN ('submitted', 'received', 'waiting_for_citizen', 'supplemented');
