-- Employer units by words of their name (issue "Look-ups", Đơn vị tham gia BHXH): a search for
-- common words ("thương mại") matches thousands of units, and answering it meant computing the
-- name's words and its sort key again for every match. Both are now stored with the row
-- (generated, so every way of writing a unit keeps them right) and the words are indexed as such.
ALTER TABLE employer_units
  ADD COLUMN name_words text[] GENERATED ALWAYS AS (lookup_words(name)) STORED,
  ADD COLUMN name_sort text GENERATED ALWAYS AS (lower(name)) STORED;
CREATE INDEX employer_units_name_words_idx ON employer_units USING gin (name_words);
DROP INDEX employer_units_words_idx;
