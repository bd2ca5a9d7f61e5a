-- "Who viewed my data" (issue Records): staff reads of a person's records, newest first. The
-- person's own security events (sign-ins, devices, OTPs) share audit_log_subject_idx and can far
-- outnumber staff reads; this partial index holds only staff entries, so the list is one index
-- range scan however active the person's account is. The actor types are those the records
-- module lists (modules/records/repository.ts, findStaffAccesses).
CREATE INDEX audit_log_staff_reads_idx ON audit_log (subject_bhxh_code, at DESC, id DESC)
  WHERE subject_bhxh_code IS NOT NULL AND actor_type IN ('officer', 'agency_admin', 'employer', 'clinic');
