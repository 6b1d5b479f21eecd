-- Emergency storage schema, version 2, SQLite: the people who sign in with a name and a password.
--
-- Read and written by the host's sign-in, never by Orleans. Times are Unix milliseconds (UTC) on both
-- providers, so that one set of statements serves both. Stamp grows with every change that must end the
-- sessions already open (disabling, enabling): a session cookie carries the stamp it was issued with.

CREATE TABLE EngineUser (
    Name           TEXT    NOT NULL PRIMARY KEY,
    Role           TEXT    NOT NULL,
    PasswordHash   TEXT    NOT NULL,
    Disabled       INTEGER NOT NULL DEFAULT 0,
    FailedAttempts INTEGER NOT NULL DEFAULT 0,
    LockedUntilMs  INTEGER NULL,
    Stamp          INTEGER NOT NULL DEFAULT 1,
    CreatedMs      INTEGER NOT NULL,
    CreatedBy      TEXT    NOT NULL
);
