-- Emergency storage schema, version 9, SQLite: where a person's history may still be kept under the former salted key.
--
-- Before link keys (Privacy:LinkKey), a complainant's earlier cases were stored under a salted SHA-256 of the person;
-- the engine now keys them by an HMAC, and carries a history kept under the former key over at the person's next
-- complaint, which asks the former key's grain (an activation and a read per person first seen). Only a service that
-- stored any complainant history before this version can have such rows: it is marked here, and only a marked service
-- looks under the former key. A service with none (every new deployment) never does. The mark is never removed: which
-- stored histories are under the former key cannot be told from their rows.
CREATE TABLE ComplainantTakeOver (
    ServiceId TEXT NOT NULL PRIMARY KEY
);

INSERT INTO ComplainantTakeOver (ServiceId)
SELECT DISTINCT ServiceId FROM GrainState
WHERE StateName = 'complainant' AND PayloadBinary IS NOT NULL;
