-- The orphan-file clean-up (jobs/file-cleanup.ts) asks which stored files dossiers refer to, by
-- their SHA-256, 500 at a time: an index, not a scan of every dossier's files for each batch.
CREATE INDEX dossier_files_sha256_idx ON dossier_files (sha256);
