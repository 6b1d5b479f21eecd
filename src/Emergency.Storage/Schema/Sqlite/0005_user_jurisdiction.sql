-- Emergency storage schema, version 5, SQLite: the jurisdiction a person acts within.
--
-- The GB/T 2260 code of the region (county, city or province) whose incidents the user acts on and sees
-- (docs/jurisdictions.md). NULL is the whole deployment: every user stored before this version keeps it.

ALTER TABLE EngineUser ADD COLUMN Jurisdiction TEXT NULL;
