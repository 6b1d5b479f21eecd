-- Emergency storage schema, version 11, PostgreSQL: the lists of open cases read one page at a time, in their order.
--
-- ListDueAt is the earliest deadline of an open obligation when the row was written, overdue ones included (the
-- summary's nextDueAt): a case is overdue at a moment exactly when this deadline is behind it. The lists read a page
-- (overdue first, lane by lane in Level, an incident's level, then by this deadline and id) as ranges of this index
-- after the place of the last case listed, instead of every open case. Ids compare byte by byte ("C"), as the engine
-- compares them, whatever the database's collation.
ALTER TABLE CaseIndex ADD COLUMN ListDueAt timestamptz NULL;
UPDATE CaseIndex SET ListDueAt = (Summary::jsonb ->> 'nextDueAt')::timestamptz WHERE IsOpen;
-- The lane is indexed as COALESCE(Level, ''), compared by equality, so that each part comes in the index's order
-- ("Level IS NULL" made PostgreSQL sort the whole part for each page: 71 ms against 0.2 ms with 100,000 open). The cases
-- without a deadline have a partial index of their own, by id.
CREATE INDEX IX_CaseIndex_List ON CaseIndex (ServiceId, Kind, Scope, COALESCE(Level, ''), ListDueAt, (CaseId COLLATE "C")) WHERE IsOpen;
CREATE INDEX IX_CaseIndex_ListUndated ON CaseIndex (ServiceId, Kind, Scope, COALESCE(Level, ''), (CaseId COLLATE "C")) WHERE IsOpen AND ListDueAt IS NULL;
