-- Emergency storage schema, version 2, SQLite: the durable case index.
--
-- One row per case (kind = the case's state name, id = its grain key), written in the same transaction as the
-- case's state by group commit, so a case that was acknowledged is always listed. Lists, the board's snapshot
-- and efficiency supervision read it; closed cases keep their row (IsOpen = 0), so supervision counts them.
-- Summary is the case's list line as JSON, counted again at the moment it is read.
--
-- Rows of cases stored before this version are not derived here: their summary is computed by the domain
-- (grades, deadlines, obligations), which SQL cannot repeat. CaseIndexBackfill marks each service that has
-- such cases; at its next start the engine activates every stored case without a row (each writes its row
-- with its state), and removes the mark only once all of them have answered, so a start cut short retries.
CREATE TABLE CaseIndex (
    ServiceId   TEXT    NOT NULL,
    Kind        TEXT    NOT NULL,
    CaseId      TEXT    NOT NULL,
    Scope       TEXT    NOT NULL,
    IsOpen      INTEGER NOT NULL,
    OpenedAt    TEXT    NOT NULL,
    ClosedAt    TEXT    NULL,
    NextDueAt   TEXT    NULL,
    Region      TEXT    NULL,
    Unit        TEXT    NULL,
    Level       TEXT    NULL,
    Phase       TEXT    NULL,
    CaseVersion INTEGER NOT NULL,
    Summary     TEXT    NOT NULL,
    PRIMARY KEY (ServiceId, Kind, CaseId)
);

CREATE INDEX IX_CaseIndex_Scope ON CaseIndex (ServiceId, Kind, Scope, IsOpen);

CREATE TABLE CaseIndexBackfill (
    ServiceId TEXT NOT NULL PRIMARY KEY
);

INSERT INTO CaseIndexBackfill (ServiceId)
SELECT DISTINCT ServiceId FROM GrainState
WHERE StateName IN ('incident', 'dispute', 'suggestion', 'decision', 'enforcement') AND PayloadBinary IS NOT NULL;
