-- Item-level edits (issue 7): every reference between items is indexed, logs keep their row
-- numbers for good, and the action record is keyed by register and item instead of position.

-- Every reference one item makes to another, so "who refers to X?" and "does X exist?" are
-- indexed lookups. Filled from the items on every write; for databases written by version 1
-- the migration's hook fills it from the stored programs.
-- to_register is a register name, or 'parties' for a RACI party (a team or a stakeholder).
-- from_register may also be 'scenario' (an event's effects) or 'rubric'.
CREATE TABLE refs (
    program_id     INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    from_register  TEXT NOT NULL,
    from_key       TEXT NOT NULL,
    field          TEXT NOT NULL,
    to_register    TEXT NOT NULL,
    to_key         TEXT NOT NULL
);
CREATE INDEX refs_to ON refs(program_id, to_register, to_key);
CREATE INDEX refs_from ON refs(program_id, from_register, from_key);

-- An issue (or any RAID entry) may name the risk it came from: a realised risk becomes one.
ALTER TABLE raid_entries ADD COLUMN risk_key TEXT;

-- The pack a program was imported from, as JSON, so the program can be reset to it.
-- Programs imported by version 1 have none; the bundled ones are found by their id.
ALTER TABLE programs ADD COLUMN source TEXT;

-- Logs are keyed by their row number: AUTOINCREMENT so a removed entry's number is never
-- given to another, and undo can put it back where it was.
CREATE TABLE communications_v2 (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    program_id    INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    date          TEXT NOT NULL,
    stakeholders  TEXT NOT NULL, -- JSON array of stakeholder ids
    channel       TEXT NOT NULL,
    summary       TEXT NOT NULL,
    decisions     TEXT NOT NULL,
    follow_up     TEXT
);
INSERT INTO communications_v2 SELECT id, program_id, date, stakeholders, channel, summary, decisions, follow_up FROM communications;
DROP TABLE communications;
ALTER TABLE communications_v2 RENAME TO communications;
CREATE INDEX communications_program ON communications(program_id, date);

CREATE TABLE measurements_v2 (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    program_id  INTEGER NOT NULL,
    kpi_key     TEXT NOT NULL,
    date        TEXT NOT NULL,
    value       REAL NOT NULL,
    FOREIGN KEY (program_id, kpi_key) REFERENCES kpis(program_id, key) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
INSERT INTO measurements_v2 SELECT id, program_id, kpi_key, date, value FROM measurements;
DROP TABLE measurements;
ALTER TABLE measurements_v2 RENAME TO measurements;
CREATE INDEX measurements_kpi ON measurements(program_id, kpi_key, date);

CREATE TABLE costs_v2 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    program_id      INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    date            TEXT NOT NULL,
    amount          REAL NOT NULL,
    description     TEXT NOT NULL,
    workstream_key  TEXT,
    FOREIGN KEY (program_id, workstream_key) REFERENCES workstreams(program_id, key) DEFERRABLE INITIALLY DEFERRED
);
INSERT INTO costs_v2 SELECT id, program_id, date, amount, description, workstream_key FROM costs;
DROP TABLE costs;
ALTER TABLE costs_v2 RENAME TO costs;
CREATE INDEX costs_program ON costs(program_id, date);
CREATE INDEX costs_workstream ON costs(program_id, workstream_key);

-- One row per user action (an edit, a domain action such as recording a KPI reading, an undo
-- or a redo), with real and simulated time; its item changes are in action_changes.
-- state: done (can be undone), undone (can be redone), dropped (undone, then a new action
-- ended the redo stack), replay (the record of an undo or redo), final (on the record but
-- never undone: a reset to the pack, and what was done before it).
CREATE TABLE actions_v2 (
    id          INTEGER PRIMARY KEY,
    program_id  INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    at_real     TEXT NOT NULL,
    at_sim      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    target      TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('done', 'undone', 'dropped', 'replay', 'final')),
    replays     INTEGER REFERENCES actions_v2(id)
);
INSERT INTO actions_v2 (id, program_id, at_real, at_sim, kind, target, state)
SELECT id, program_id, at_real, at_sim, kind, target,
       CASE undone WHEN 0 THEN 'done' WHEN 1 THEN 'undone' WHEN 2 THEN 'dropped' ELSE 'replay' END
FROM actions;

-- What one action did to one item: the item's key and value before and after (JSON), and its
-- place in the register's order. An undo checks the item still holds `after`.
CREATE TABLE action_changes (
    action_id   INTEGER NOT NULL REFERENCES actions_v2(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    register    TEXT NOT NULL,
    key_before  TEXT,
    key_after   TEXT,
    position    INTEGER,
    before      TEXT,
    after       TEXT,
    PRIMARY KEY (action_id, seq)
) WITHOUT ROWID;

-- Version 1's edits of keyed items carry over; edits of logs (addressed by position) and of
-- KPIs (whose readings are now their own register) stay on the record but can't be undone.
INSERT INTO action_changes (action_id, seq, register, key_before, key_after, position, before, after)
SELECT id, 0, section, json_extract(before, '$.id'), json_extract(after, '$.id'), idx, before, after
FROM actions
WHERE kind IN ('put', 'remove') AND section NOT IN ('communications', 'costs', 'kpis');
UPDATE actions_v2 SET state = 'dropped'
WHERE state IN ('done', 'undone') AND id NOT IN (SELECT action_id FROM action_changes);
DROP TABLE actions;
ALTER TABLE actions_v2 RENAME TO actions;
CREATE INDEX actions_program ON actions(program_id, state, id);
