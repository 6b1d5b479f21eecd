-- Emergency storage schema, version 8, PostgreSQL: the timelines of cases, one row per entry.
--
-- A case's state no longer carries its timeline: each write appends the entries added since the last one, in the
-- same statement as the state (group commit), so a write costs the same after ten thousand entries as after one.
-- Kind and CaseId key the case as CaseIndex does; Seq numbers the entries from 1; Entry is one entry as JSON.
-- A state counts its rows (timelineRows in its JSON), and a read loads only those. Rows of cases stored before this
-- version are not derived here: such a state still carries its timeline in its JSON, and its next write moves it.
CREATE TABLE CaseTimeline (
    ServiceId text    NOT NULL,
    Kind      text    NOT NULL,
    CaseId    text    NOT NULL,
    Seq       integer NOT NULL,
    Entry     text    NOT NULL,
    PRIMARY KEY (ServiceId, Kind, CaseId, Seq)
);
