-- The Form 01 PDF of a dossier, rendered once per language (after the submit commits, or on the
-- first download in another language) and kept in the file storage by its SHA-256: downloads and
-- the declaration email serve the stored file instead of rendering it again. One row per
-- (dossier, language); the first writer wins, so concurrent renders on several nodes agree.
CREATE TABLE dossier_pdfs (
  bhxh_code  char(10) NOT NULL,
  dossier_id uuid NOT NULL,
  language   text NOT NULL CHECK (language IN ('vi', 'en', 'zh', 'ja', 'ko')),
  byte_size  integer NOT NULL CHECK (byte_size > 0),
  sha256     char(64) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bhxh_code, dossier_id, language),
  FOREIGN KEY (bhxh_code, dossier_id) REFERENCES dossiers (bhxh_code, id)
);

-- The orphan-file clean-up asks which stored files are referenced, by SHA-256.
CREATE INDEX dossier_pdfs_sha256_idx ON dossier_pdfs (sha256);
