-- Emergency storage schema, version 10, SQLite: the lists of open cases read one page at a time, in their order.
--
-- ListDueAt is the earliest deadline of an open obligation when the row was written, overdue ones included (the
-- summary's nextDueAt): a case is overdue at a moment exactly when this deadline is behind it. The lists read a page
-- (overdue first, lane by lane in Level, an incident's level, then by this deadline and id) as ranges of this index
-- after the place of the last case listed, instead of every open case. Moments are ISO 8601 UTC text with seven
-- decimals, as the engine writes them; rows written before take theirs from their summary, to the millisecond.
ALTER TABLE CaseIndex ADD COLUMN ListDueAt text NULL;
UPDATE CaseIndex SET ListDueAt = strftime('%Y-%m-%dT%H:%M:%f', json_extract(Summary, '$.nextDueAt')) || '0000Z'
    WHERE IsOpen = 1 AND json_extract(Summary, '$.nextDueAt') IS NOT NULL;
-- The lane is indexed as COALESCE(Level, ''), compared by equality, so that each part comes in the index's order (SQLite
-- takes "ListDueAt IS NULL" as an equality too: the cases without a deadline come by id from the same index).
CREATE INDEX IX_CaseIndex_List ON CaseIndex (ServiceId, Kind, Scope, COALESCE(Level, ''), ListDueAt, CaseId) WHERE IsOpen = 1;
