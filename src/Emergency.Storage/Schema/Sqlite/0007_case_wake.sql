-- Emergency storage schema, version 7, SQLite: every case by its next wake-up, no reminder per case; overdue counted from the index.
--
-- A case no longer registers a durable reminder of its own: its index row's NextDueAt (written in the same
-- transaction as its state) is its wake-up, and its kind's directory wakes it from this index. NextDueAt now also
-- holds a closed case's purge of its personal data, so the index covers closed cases that still have a wake-up.
DROP INDEX IX_CaseIndex_Due;
CREATE INDEX IX_CaseIndex_Due ON CaseIndex (ServiceId, Kind, Scope, NextDueAt)
    WHERE NextDueAt IS NOT NULL;

-- The reminders every case registered before: the directories wake the cases now. One still held in memory by an
-- older node is unregistered by the case it wakes.
DELETE FROM Reminder WHERE ReminderName = 'deadline';

-- Whether the case had a deadline marked overdue when its row was written: the overdue gauge counts open cases from
-- here and NextDueAt instead of reading every open case's summary. Rows written before take it from their summary.
ALTER TABLE CaseIndex ADD COLUMN Overdue integer NOT NULL DEFAULT 0;
UPDATE CaseIndex SET Overdue = COALESCE(json_extract(Summary, '$.overdue'), 0) WHERE IsOpen = 1;
CREATE INDEX IX_CaseIndex_Overdue ON CaseIndex (ServiceId, Kind, Scope) WHERE IsOpen = 1 AND Overdue = 1;
