-- Emergency storage schema, version 7, PostgreSQL: every case by its next wake-up; no reminder per case.
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
