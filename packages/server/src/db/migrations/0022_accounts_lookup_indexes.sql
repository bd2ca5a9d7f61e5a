-- Accounts are looked up by BHXH code and by user name in many places (notifications, sign-in,
-- registration checks, the officers' tools), not all of which can say "not closed" as a literal:
-- the unique indexes of migration 0020 are partial (status <> 'closed'), and a query whose
-- predicate does not prove that one cannot use them, so on a million accounts it scanned the
-- table (87 ms a sign-in). Plain indexes on both columns serve every such look-up; the partial
-- unique ones keep their rule.
CREATE INDEX accounts_bhxh_code_idx ON accounts (bhxh_code);
CREATE INDEX accounts_username_idx ON accounts (username);
