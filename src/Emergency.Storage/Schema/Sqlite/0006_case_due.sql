-- Emergency storage schema, version 6, SQLite: the open cases by their next deadline.
--
-- At start the engine touches only the open cases whose earliest unmarked deadline fell due while it was down,
-- and each case directory wakes the cases it has not woken yet when their deadline comes; both read CaseIndex by
-- NextDueAt. Only open cases with a deadline are in this index, so its size follows the open cases that wait.
CREATE INDEX IX_CaseIndex_Due ON CaseIndex (ServiceId, Kind, Scope, NextDueAt)
    WHERE IsOpen = 1 AND NextDueAt IS NOT NULL;
