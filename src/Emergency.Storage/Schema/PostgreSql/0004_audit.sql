-- Emergency storage schema, version 4, PostgreSQL: the audit trail.
--
-- One row per refused request (403, and a move the procedure refused, 409) and per answer that carried personal
-- data to its reader: who (the user and the role), when (Unix milliseconds, UTC, the engine's clock), what (the
-- method and the route), which case, and the status answered. Written by the host, read by auditors
-- (GET /api/audit), never by Orleans; rows are only ever added.

CREATE TABLE AuditRecord (
    Id       bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    AtMs     bigint  NOT NULL,
    UserName text    NOT NULL,
    Role     text    NOT NULL,
    Kind     text    NOT NULL,
    Action   text    NOT NULL,
    CaseId   text    NULL,
    Status   integer NOT NULL
);

CREATE INDEX AuditRecordByTime ON AuditRecord (AtMs);
CREATE INDEX AuditRecordByUser ON AuditRecord (UserName, Id);
CREATE INDEX AuditRecordByCase ON AuditRecord (CaseId, Id);
