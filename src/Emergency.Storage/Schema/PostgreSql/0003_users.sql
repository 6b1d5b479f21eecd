-- Emergency storage schema, version 2, PostgreSQL: the people who sign in with a name and a password.
--
-- Read and written by the host's sign-in, never by Orleans. Times are Unix milliseconds (UTC) on both
-- providers, so that one set of statements serves both. Stamp grows with every change that must end the
-- sessions already open (disabling, enabling): a session cookie carries the stamp it was issued with.

CREATE TABLE EngineUser (
    Name           text    NOT NULL PRIMARY KEY,
    Role           text    NOT NULL,
    PasswordHash   text    NOT NULL,
    Disabled       integer NOT NULL DEFAULT 0,
    FailedAttempts integer NOT NULL DEFAULT 0,
    LockedUntilMs  bigint  NULL,
    Stamp          integer NOT NULL DEFAULT 1,
    CreatedMs      bigint  NOT NULL,
    CreatedBy      text    NOT NULL
);
