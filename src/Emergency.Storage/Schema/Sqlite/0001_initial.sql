-- Emergency storage schema, version 1, SQLite.
--
-- Holds grain state and reminders for the Orleans ADO.NET providers (one node; clustering stays in memory).
-- The providers read their SQL from OrleansQuery and run each text on a fresh pooled connection without a
-- transaction, so every text that must be atomic is a single statement. Parameter names are fixed by the
-- providers; see ADONET-CONTRACT.md.
--
-- String literals inside the query texts are doubled ('''') because the texts are themselves literals here.

CREATE TABLE OrleansQuery (
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

-- One row per (service, state name, grain key). Orleans passes the state name as GrainTypeString; the grain
-- class is not part of the key, so two grain classes must not share a state name.
-- The key is the decoded grain key, not the hashes Orleans also sends: rows then survive a change of hasher,
-- and a hash collision can never mix two grains.
-- A key without extension is stored as KeyExtension = '' and HasKeyExtension = 0: the primary key has to
-- identify it for ON CONFLICT, and unique constraints treat NULLs as distinct.
CREATE TABLE GrainState (
    ServiceId       TEXT    NOT NULL,
    StateName       TEXT    NOT NULL,
    KeyN0           INTEGER NOT NULL,
    KeyN1           INTEGER NOT NULL,
    KeyExtension    TEXT    NOT NULL,
    HasKeyExtension INTEGER NOT NULL,
    PayloadBinary   BLOB    NULL,
    Version         INTEGER NOT NULL,
    ModifiedUtc     TEXT    NOT NULL,
    PRIMARY KEY (ServiceId, StateName, KeyN0, KeyN1, KeyExtension, HasKeyExtension)
);

-- Range reads filter on the signed GrainHash within a service.
CREATE TABLE Reminder (
    ServiceId    TEXT    NOT NULL,
    GrainId      TEXT    NOT NULL,
    ReminderName TEXT    NOT NULL,
    GrainHash    INTEGER NOT NULL,
    StartTime    TEXT    NOT NULL,
    Period       INTEGER NOT NULL,
    Version      INTEGER NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IX_Reminder_ServiceId_GrainHash ON Reminder (ServiceId, GrainHash);

-- Grain persistence ----------------------------------------------------------------------------------------

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT PayloadBinary, Version
FROM GrainState
WHERE ServiceId = @ServiceId
  AND StateName = @GrainTypeString
  AND KeyN0 = @GrainIdN0
  AND KeyN1 = @GrainIdN1
  AND KeyExtension = COALESCE(@GrainIdExtensionString, '''')
  AND HasKeyExtension = (@GrainIdExtensionString IS NOT NULL);
');

-- With no version (no ETag) only a first insert may succeed: a conflict with an existing row, even a cleared
-- one, updates nothing and returns no row, which Orleans reports as a version conflict. With a version, the
-- SELECT yields a candidate only when the row exists at that version, and the DO UPDATE re-checks the version.
-- Versions wrap before int32 overflow because Orleans parses the ETag as an int.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
INSERT INTO GrainState (ServiceId, StateName, KeyN0, KeyN1, KeyExtension, HasKeyExtension, PayloadBinary, Version, ModifiedUtc)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''''),
       (@GrainIdExtensionString IS NOT NULL), @PayloadBinary, 1, strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE @GrainStateVersion IS NULL
   OR EXISTS (
        SELECT 1 FROM GrainState
        WHERE ServiceId = @ServiceId
          AND StateName = @GrainTypeString
          AND KeyN0 = @GrainIdN0
          AND KeyN1 = @GrainIdN1
          AND KeyExtension = COALESCE(@GrainIdExtensionString, '''')
          AND HasKeyExtension = (@GrainIdExtensionString IS NOT NULL)
          AND Version = @GrainStateVersion)
ON CONFLICT (ServiceId, StateName, KeyN0, KeyN1, KeyExtension, HasKeyExtension) DO UPDATE
SET PayloadBinary = excluded.PayloadBinary,
    Version = CASE WHEN GrainState.Version >= 2147483647 THEN 1 ELSE GrainState.Version + 1 END,
    ModifiedUtc = excluded.ModifiedUtc
WHERE GrainState.Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
');

-- Clearing keeps the row with a NULL payload and a new version, so the grain's next write is an update
-- checked against that version. Same statement shape as the write, without a payload.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
INSERT INTO GrainState (ServiceId, StateName, KeyN0, KeyN1, KeyExtension, HasKeyExtension, PayloadBinary, Version, ModifiedUtc)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''''),
       (@GrainIdExtensionString IS NOT NULL), NULL, 1, strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE @GrainStateVersion IS NULL
   OR EXISTS (
        SELECT 1 FROM GrainState
        WHERE ServiceId = @ServiceId
          AND StateName = @GrainTypeString
          AND KeyN0 = @GrainIdN0
          AND KeyN1 = @GrainIdN1
          AND KeyExtension = COALESCE(@GrainIdExtensionString, '''')
          AND HasKeyExtension = (@GrainIdExtensionString IS NOT NULL)
          AND Version = @GrainStateVersion)
ON CONFLICT (ServiceId, StateName, KeyN0, KeyN1, KeyExtension, HasKeyExtension) DO UPDATE
SET PayloadBinary = NULL,
    Version = CASE WHEN GrainState.Version >= 2147483647 THEN 1 ELSE GrainState.Version + 1 END,
    ModifiedUtc = excluded.ModifiedUtc
WHERE GrainState.Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
');

-- Used when DeleteStateOnClear is set: the row goes away, Orleans forgets the ETag and the next write inserts.
-- The returned value only has to differ from the old version.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
DELETE FROM GrainState
WHERE ServiceId = @ServiceId
  AND StateName = @GrainTypeString
  AND KeyN0 = @GrainIdN0
  AND KeyN1 = @GrainIdN1
  AND KeyExtension = COALESCE(@GrainIdExtensionString, '''')
  AND HasKeyExtension = (@GrainIdExtensionString IS NOT NULL)
  AND Version = @GrainStateVersion
RETURNING Version + 1 AS NewGrainStateVersion;
');

-- Reminders ------------------------------------------------------------------------------------------------

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM Reminder
WHERE ServiceId = @ServiceId AND GrainId = @GrainId;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM Reminder
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
');

-- Used when (int)BeginHash < (int)EndHash.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM Reminder
WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
');

-- The range wraps around the signed ring (BeginHash = EndHash means the whole ring).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM Reminder
WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
');

-- Unconditional; the version changes on every upsert so that stale ETags cannot delete the new definition.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', '
INSERT INTO Reminder (ServiceId, GrainId, ReminderName, GrainHash, StartTime, Period, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 1)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
SET GrainHash = excluded.GrainHash,
    StartTime = excluded.StartTime,
    Period = excluded.Period,
    Version = CASE WHEN Reminder.Version >= 2147483647 THEN 1 ELSE Reminder.Version + 1 END
RETURNING Version;
');

-- Orleans needs one boolean row even when nothing matched; changes() reports the DELETE just run on this
-- connection.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', '
DELETE FROM Reminder
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version;
SELECT changes() > 0;
');

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', '
DELETE FROM Reminder WHERE ServiceId = @ServiceId;
');
