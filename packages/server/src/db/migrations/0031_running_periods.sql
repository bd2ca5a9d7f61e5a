-- Issue #27 (the monthly close): a compulsory period at a unit is "running" while the worker is
-- still declared with the unit (not ended by a 600a). A running period is extended month by month
-- by the monthly close (`declarations/monthly-close.ts`); a 600a or the old part of a 600b split
-- is not running. Same schema on PGlite, PostgreSQL and Citus.
ALTER TABLE participation_periods ADD COLUMN running boolean NOT NULL DEFAULT false;

-- Existing records (a loaded dataset): the compulsory periods at a unit reaching last month or
-- later that no other period of the same scheme at the unit follows, unless an approved 600a of
-- that unit ended them (its end month on or after the period's start). ASSUMPTION: the data
-- generator records current employment through its as-of month, so a period reaching last month
-- is current employment; one that ended earlier is a past job.
UPDATE participation_periods p SET running = true
WHERE p.unit_code IS NOT NULL
  AND p.scheme IN ('bhxh_compulsory', 'bhtn', 'bhtnld_bnn', 'bhyt')
  AND p.to_month >= date_trunc('month', current_date - interval '1 month')::date
  AND NOT EXISTS (
    SELECT 1 FROM participation_periods n
    WHERE n.bhxh_code = p.bhxh_code AND n.scheme = p.scheme AND n.unit_code = p.unit_code
      AND n.from_month > p.from_month)
  AND NOT EXISTS (
    SELECT 1 FROM service_requests r
    WHERE r.bhxh_code = p.bhxh_code AND r.type = 'declaration_600a' AND r.status = 'approved'
      AND r.filed_by_unit_code = p.unit_code AND r.form ->> 'endMonth' >= to_char(p.from_month, 'YYYY-MM'));

-- The close's batches: the running periods not yet extended to the month, in key order (an
-- empty range once the month is closed, so the hourly pass after it costs one index probe).
CREATE INDEX participation_running_idx ON participation_periods (to_month, bhxh_code, id) WHERE running;
