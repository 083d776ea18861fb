-- Practice mode (issue 9): attempts on a scenario, their inbox and the learner's weekly status.

-- An attempt is a program of its own, copied from the pack of the program it was started on,
-- so the program itself stays clean. It holds the learner's name and the practice clock.
CREATE TABLE attempts (
    program_id   INTEGER PRIMARY KEY REFERENCES programs(id) ON DELETE CASCADE,
    of_slug      TEXT NOT NULL,  -- the program it was started on
    learner      TEXT NOT NULL,
    pack_sha256  TEXT NOT NULL,  -- of the pack's canonical JSON
    clock        TEXT NOT NULL,  -- the simulated date
    started_at   TEXT NOT NULL,  -- real time, RFC 3339
    finished_at  TEXT            -- real time; NULL while the attempt runs
);

-- Each scenario event that reached the attempt's inbox, on the simulated date it fired, with
-- the action that applied its effects.
CREATE TABLE inbox (
    program_id  INTEGER NOT NULL REFERENCES attempts(program_id) ON DELETE CASCADE,
    event_key   TEXT NOT NULL,
    fired_on    TEXT NOT NULL,
    action_id   INTEGER REFERENCES actions(id),
    PRIMARY KEY (program_id, event_key)
) WITHOUT ROWID;

-- The learner's weekly status reports, every revision kept: a week's report is its latest.
CREATE TABLE status_reports (
    id          INTEGER PRIMARY KEY,
    program_id  INTEGER NOT NULL REFERENCES attempts(program_id) ON DELETE CASCADE,
    week        INTEGER NOT NULL,
    overall     TEXT NOT NULL CHECK (overall IN ('green', 'amber', 'red')),
    kpis        TEXT NOT NULL,  -- JSON object: KPI id → colour
    note        TEXT NOT NULL,
    at_sim      TEXT NOT NULL,
    at_real     TEXT NOT NULL
);
CREATE INDEX status_reports_week ON status_reports(program_id, week, id);

-- Who did an action: the learner, or the scenario (an event's effects, never undone).
ALTER TABLE actions ADD COLUMN actor TEXT NOT NULL DEFAULT 'learner' CHECK (actor IN ('learner', 'scenario'));
