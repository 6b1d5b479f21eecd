-- Emergency storage schema, version 1, PostgreSQL.
--
-- Holds grain state, reminders and cluster membership for the Orleans ADO.NET providers. The providers read
-- their SQL with the unquoted "SELECT QueryKey, QueryText FROM OrleansQuery", so every identifier here is
-- unquoted too (PostgreSQL folds them to lower case) and the tables live in the first schema of search_path.
-- Each query text runs on a fresh pooled connection without a transaction: whatever must be atomic is one
-- statement (data-modifying CTEs where two tables change together). Parameter names are fixed by the
-- providers; see ADONET-CONTRACT.md. Npgsql 6+ binds DateTime as timestamptz, hence timestamptz columns.

CREATE TABLE OrleansQuery (
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- One row per (service, state name, grain key). Orleans passes the state name as GrainTypeString; the grain
-- class is not part of the key, so two grain classes must not share a state name.
-- The key is the decoded grain key, not the hashes Orleans also sends: rows then survive a change of hasher,
-- and a hash collision can never mix two grains.
-- A key without extension is stored as KeyExtension = '' and HasKeyExtension = false, so that the primary key
-- identifies it for ON CONFLICT (the same layout as on SQLite, which has no NULLS NOT DISTINCT).
CREATE TABLE GrainState (
    ServiceId       text        NOT NULL,
    StateName       text        NOT NULL,
    KeyN0           bigint      NOT NULL,
    KeyN1           bigint      NOT NULL,
    KeyExtension    text        NOT NULL,
    HasKeyExtension boolean     NOT NULL,
    PayloadBinary   bytea       NULL,
    Version         integer     NOT NULL,
    ModifiedUtc     timestamptz NOT NULL,
    PRIMARY KEY (ServiceId, StateName, KeyN0, KeyN1, KeyExtension, HasKeyExtension)
);

-- Period is bigint because Orleans sends periods above int.MaxValue milliseconds as int8.
CREATE TABLE Reminder (
    ServiceId    text        NOT NULL,
    GrainId      text        NOT NULL,
    ReminderName text        NOT NULL,
    GrainHash    integer     NOT NULL,
    StartTime    timestamptz NOT NULL,
    Period       bigint      NOT NULL,
    Version      integer     NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IX_Reminder_ServiceId_GrainHash ON Reminder (ServiceId, GrainHash);

-- The version row is the membership table's ETag: every insert or update of a member bumps it.
CREATE TABLE MembershipVersion (
    DeploymentId text        NOT NULL PRIMARY KEY,
    Version      integer     NOT NULL,
    ModifiedUtc  timestamptz NOT NULL
);

CREATE TABLE Membership (
    DeploymentId text        NOT NULL REFERENCES MembershipVersion (DeploymentId),
    Address      text        NOT NULL,
    Port         integer     NOT NULL,
    Generation   integer     NOT NULL,
    SiloName     text        NOT NULL,
    HostName     text        NOT NULL,
    Status       integer     NOT NULL,
    ProxyPort    integer     NOT NULL,
    SuspectTimes text        NULL,
    StartTime    timestamptz NOT NULL,
    IAmAliveTime timestamptz NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- Grain persistence ----------------------------------------------------------------------------------------

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version
FROM GrainState
WHERE ServiceId = @ServiceId
  AND StateName = @GrainTypeString
  AND KeyN0 = @GrainIdN0
  AND KeyN1 = @GrainIdN1
  AND KeyExtension = COALESCE(@GrainIdExtensionString, '')
  AND HasKeyExtension = (@GrainIdExtensionString IS NOT NULL);
$q$);

-- With no version (no ETag) only a first insert may succeed: a conflict with an existing row, even a cleared
-- one, updates nothing and returns no row, which Orleans reports as a version conflict. With a version, the
-- SELECT yields a candidate only when the row exists at that version, and the DO UPDATE re-checks the version
-- on the locked, latest row, so concurrent writers cannot both win. Versions wrap before int32 overflow
-- because Orleans parses the ETag as an int.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', $q$
INSERT INTO GrainState AS g (ServiceId, StateName, KeyN0, KeyN1, KeyExtension, HasKeyExtension, PayloadBinary, Version, ModifiedUtc)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''),
       (@GrainIdExtensionString IS NOT NULL), @PayloadBinary, 1, now()
WHERE @GrainStateVersion IS NULL
   OR EXISTS (
        SELECT 1 FROM GrainState
        WHERE ServiceId = @ServiceId
          AND StateName = @GrainTypeString
          AND KeyN0 = @GrainIdN0
          AND KeyN1 = @GrainIdN1
          AND KeyExtension = COALESCE(@GrainIdExtensionString, '')
          AND HasKeyExtension = (@GrainIdExtensionString IS NOT NULL)
          AND Version = @GrainStateVersion)
ON CONFLICT (ServiceId, StateName, KeyN0, KeyN1, KeyExtension, HasKeyExtension) DO UPDATE
SET PayloadBinary = excluded.PayloadBinary,
    Version = CASE WHEN g.Version >= 2147483647 THEN 1 ELSE g.Version + 1 END,
    ModifiedUtc = excluded.ModifiedUtc
WHERE g.Version = @GrainStateVersion
RETURNING g.Version AS NewGrainStateVersion;
$q$);

-- Clearing keeps the row with a NULL payload and a new version, so the grain's next write is an update
-- checked against that version. Same statement shape as the write, without a payload.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', $q$
INSERT INTO GrainState AS g (ServiceId, StateName, KeyN0, KeyN1, KeyExtension, HasKeyExtension, PayloadBinary, Version, ModifiedUtc)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, COALESCE(@GrainIdExtensionString, ''),
       (@GrainIdExtensionString IS NOT NULL), NULL, 1, now()
WHERE @GrainStateVersion IS NULL
   OR EXISTS (
        SELECT 1 FROM GrainState
        WHERE ServiceId = @ServiceId
          AND StateName = @GrainTypeString
          AND KeyN0 = @GrainIdN0
          AND KeyN1 = @GrainIdN1
          AND KeyExtension = COALESCE(@GrainIdExtensionString, '')
          AND HasKeyExtension = (@GrainIdExtensionString IS NOT NULL)
          AND Version = @GrainStateVersion)
ON CONFLICT (ServiceId, StateName, KeyN0, KeyN1, KeyExtension, HasKeyExtension) DO UPDATE
SET PayloadBinary = NULL,
    Version = CASE WHEN g.Version >= 2147483647 THEN 1 ELSE g.Version + 1 END,
    ModifiedUtc = excluded.ModifiedUtc
WHERE g.Version = @GrainStateVersion
RETURNING g.Version AS NewGrainStateVersion;
$q$);

-- Used when DeleteStateOnClear is set: the row goes away, Orleans forgets the ETag and the next write inserts.
-- The returned value only has to differ from the old version.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', $q$
DELETE FROM GrainState
WHERE ServiceId = @ServiceId
  AND StateName = @GrainTypeString
  AND KeyN0 = @GrainIdN0
  AND KeyN1 = @GrainIdN1
  AND KeyExtension = COALESCE(@GrainIdExtensionString, '')
  AND HasKeyExtension = (@GrainIdExtensionString IS NOT NULL)
  AND Version = @GrainStateVersion
RETURNING Version::bigint + 1 AS NewGrainStateVersion;
$q$);

-- Reminders ------------------------------------------------------------------------------------------------

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM Reminder
WHERE ServiceId = @ServiceId AND GrainId = @GrainId;
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM Reminder
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
$q$);

-- Used when (int)BeginHash < (int)EndHash.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM Reminder
WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
$q$);

-- The range wraps around the signed ring (BeginHash = EndHash means the whole ring).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM Reminder
WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$q$);

-- Unconditional; the version changes on every upsert so that stale ETags cannot delete the new definition.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', $q$
INSERT INTO Reminder AS r (ServiceId, GrainId, ReminderName, GrainHash, StartTime, Period, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 1)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
SET GrainHash = excluded.GrainHash,
    StartTime = excluded.StartTime,
    Period = excluded.Period,
    Version = CASE WHEN r.Version >= 2147483647 THEN 1 ELSE r.Version + 1 END
RETURNING r.Version AS Version;
$q$);

-- Orleans needs one boolean row even when nothing matched.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM Reminder
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version
    RETURNING 1)
SELECT count(*) > 0 FROM deleted;
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', $q$
DELETE FROM Reminder WHERE ServiceId = @ServiceId;
$q$);

-- Clustering -----------------------------------------------------------------------------------------------
-- DeploymentId carries ClusterOptions.ClusterId. Status 3 = Active, 6 = Dead.

-- Must succeed when the row already exists; the answer only says whether this call created it.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO MembershipVersion (DeploymentId, Version, ModifiedUtc)
    VALUES (@DeploymentId, 0, now())
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1)
SELECT count(*) > 0 FROM inserted;
$q$);

-- The version row LEFT JOIN the members: even an empty cluster yields one row carrying the table version,
-- with a NULL StartTime that tells Orleans there is no member.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', $q$
SELECT v.Version, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime
FROM MembershipVersion v
LEFT JOIN Membership m
       ON m.DeploymentId = v.DeploymentId
      AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId;
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', $q$
SELECT v.Version, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime
FROM MembershipVersion v
LEFT JOIN Membership m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId;
$q$);

-- The version bump is the gate: it happens only at the expected version and for a free key, and the insert
-- only happens when the bump did. A concurrent writer that bumped first makes our version check fail once
-- PostgreSQL re-evaluates it on the locked row.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE MembershipVersion
    SET Version = Version + 1, ModifiedUtc = now()
    WHERE DeploymentId = @DeploymentId
      AND Version = @Version
      AND NOT EXISTS (
            SELECT 1 FROM Membership
            WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
    RETURNING DeploymentId),
inserted AS (
    INSERT INTO Membership (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
                            StartTime, IAmAliveTime)
    SELECT DeploymentId, @Address, @Port, @Generation, COALESCE(@SiloName, ''), COALESCE(@HostName, ''), @Status,
           @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
    RETURNING 1)
SELECT count(*) > 0 FROM inserted;
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE MembershipVersion
    SET Version = Version + 1, ModifiedUtc = now()
    WHERE DeploymentId = @DeploymentId
      AND Version = @Version
      AND EXISTS (
            SELECT 1 FROM Membership
            WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
    RETURNING DeploymentId),
updated AS (
    UPDATE Membership m
    SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
    FROM bumped
    WHERE m.DeploymentId = bumped.DeploymentId
      AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    RETURNING 1)
SELECT count(*) > 0 FROM updated;
$q$);

-- A heartbeat: never touches the table version, so it cannot make a concurrent membership change fail.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', $q$
UPDATE Membership
SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', $q$
SELECT Address, ProxyPort, Generation
FROM Membership
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
$q$);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', $q$
WITH members AS (
    DELETE FROM Membership WHERE DeploymentId = @DeploymentId)
DELETE FROM MembershipVersion WHERE DeploymentId = @DeploymentId;
$q$);

-- Only Dead silos are removed: a silo still Joining or ShuttingDown may yet write its row. No version bump,
-- as in Orleans' own scripts: removed rows were already out of the cluster.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM Membership
WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status = 6;
$q$);

-- Orleans 10.4.2 prefers this per-row form: it picks old Dead rows itself and asks to delete each one only if
-- it is still exactly what it read. An empty suspect list may come back as '' or NULL, hence the COALESCE.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntryKey', $q$
DELETE FROM Membership
WHERE DeploymentId = @DeploymentId
  AND Address = @Address AND Port = @Port AND Generation = @Generation
  AND Status = 6
  AND StartTime = @StartTime
  AND IAmAliveTime = @IAmAliveTime
  AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');
$q$);
