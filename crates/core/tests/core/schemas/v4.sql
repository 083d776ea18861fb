-- The schema as version 4 of Flightdeck leaves it (migrations 0001 to 0004).
CREATE TABLE programs (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    industry    TEXT NOT NULL,
    summary     TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    end_date    TEXT NOT NULL,
    as_of       TEXT,
    currency    TEXT NOT NULL,
    budget      REAL NOT NULL,
    -- where in the list the program sits (bundled packs first, in their order)
    position    INTEGER NOT NULL DEFAULT 0
, source TEXT);
CREATE TABLE stakeholders (
    program_id          INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    key                 TEXT NOT NULL,
    name                TEXT NOT NULL,
    role                TEXT NOT NULL,
    org                 TEXT NOT NULL,
    power               INTEGER NOT NULL CHECK (power BETWEEN 1 AND 5),
    interest            INTEGER NOT NULL CHECK (interest BETWEEN 1 AND 5),
    engagement          TEXT NOT NULL,
    desired_engagement  TEXT NOT NULL,
    channel             TEXT NOT NULL,
    cadence_days        INTEGER NOT NULL CHECK (cadence_days >= 1),
    position            INTEGER NOT NULL,
    PRIMARY KEY (program_id, key)
) WITHOUT ROWID;
CREATE TABLE goals (
    program_id  INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    title       TEXT NOT NULL,
    kpi_key     TEXT,
    position    INTEGER NOT NULL,
    PRIMARY KEY (program_id, key)
) WITHOUT ROWID;
CREATE TABLE teams (
    program_id  INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    name        TEXT NOT NULL,
    lead_key    TEXT,
    position    INTEGER NOT NULL,
    PRIMARY KEY (program_id, key),
    FOREIGN KEY (program_id, lead_key) REFERENCES stakeholders(program_id, key) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;
CREATE INDEX teams_lead ON teams(program_id, lead_key);
CREATE TABLE workstreams (
    program_id  INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    name        TEXT NOT NULL,
    team_key    TEXT,
    position    INTEGER NOT NULL,
    PRIMARY KEY (program_id, key),
    FOREIGN KEY (program_id, team_key) REFERENCES teams(program_id, key) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;
CREATE INDEX workstreams_team ON workstreams(program_id, team_key);
CREATE TABLE milestones (
    program_id        INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    key               TEXT NOT NULL,
    title             TEXT NOT NULL,
    workstream_key    TEXT NOT NULL,
    goal_key          TEXT,
    start_date        TEXT NOT NULL,
    finish_date       TEXT NOT NULL,
    baseline_start    TEXT,
    baseline_finish   TEXT,
    actual_start      TEXT,
    actual_finish     TEXT,
    planned_value     REAL NOT NULL,
    percent_complete  REAL NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
    -- dependencies and RACI as JSON arrays/objects of ids: always read and written with the milestone
    depends_on        TEXT NOT NULL,
    raci              TEXT NOT NULL,
    position          INTEGER NOT NULL,
    PRIMARY KEY (program_id, key),
    FOREIGN KEY (program_id, workstream_key) REFERENCES workstreams(program_id, key) DEFERRABLE INITIALLY DEFERRED,
    FOREIGN KEY (program_id, goal_key) REFERENCES goals(program_id, key) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;
CREATE INDEX milestones_workstream ON milestones(program_id, workstream_key);
CREATE INDEX milestones_goal ON milestones(program_id, goal_key);
CREATE TABLE risks (
    program_id           INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    key                  TEXT NOT NULL,
    title                TEXT NOT NULL,
    cause                TEXT NOT NULL,
    event                TEXT NOT NULL,
    effect               TEXT NOT NULL,
    category             TEXT NOT NULL,
    likelihood           INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    impact               INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    owner_key            TEXT,
    response             TEXT NOT NULL,
    actions              TEXT NOT NULL,
    review               TEXT,
    residual_likelihood  INTEGER CHECK (residual_likelihood BETWEEN 1 AND 5),
    residual_impact      INTEGER CHECK (residual_impact BETWEEN 1 AND 5),
    status               TEXT NOT NULL,
    position             INTEGER NOT NULL,
    PRIMARY KEY (program_id, key),
    FOREIGN KEY (program_id, owner_key) REFERENCES stakeholders(program_id, key) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;
CREATE INDEX risks_owner ON risks(program_id, owner_key);
CREATE TABLE raid_entries (
    program_id  INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('assumption', 'issue', 'decision')),
    key         TEXT NOT NULL,
    title       TEXT NOT NULL,
    detail      TEXT NOT NULL,
    owner_key   TEXT,
    raised      TEXT NOT NULL,
    status      TEXT NOT NULL,
    position    INTEGER NOT NULL, risk_key TEXT,
    PRIMARY KEY (program_id, kind, key),
    FOREIGN KEY (program_id, owner_key) REFERENCES stakeholders(program_id, key) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;
CREATE INDEX raid_entries_owner ON raid_entries(program_id, owner_key);
CREATE TABLE kpis (
    program_id  INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    name        TEXT NOT NULL,
    unit        TEXT NOT NULL,
    direction   TEXT NOT NULL,
    target      REAL NOT NULL,
    amber       REAL NOT NULL,
    red         REAL NOT NULL,
    frequency   TEXT NOT NULL,
    owner_key   TEXT,
    position    INTEGER NOT NULL,
    PRIMARY KEY (program_id, key),
    FOREIGN KEY (program_id, owner_key) REFERENCES stakeholders(program_id, key) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;
CREATE INDEX kpis_owner ON kpis(program_id, owner_key);
CREATE TABLE scenarios (
    program_id    INTEGER PRIMARY KEY REFERENCES programs(id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    briefing      TEXT NOT NULL,
    weeks         INTEGER NOT NULL CHECK (weeks BETWEEN 1 AND 52),
    -- how far the learner has played: 0 before the first week
    current_week  INTEGER NOT NULL DEFAULT 0
, xapi_namespace TEXT);
CREATE TABLE scenario_events (
    program_id  INTEGER NOT NULL REFERENCES scenarios(program_id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    week        INTEGER NOT NULL,
    title       TEXT NOT NULL,
    narrative   TEXT NOT NULL,
    effects     TEXT NOT NULL, -- JSON array of effects
    position    INTEGER NOT NULL,
    PRIMARY KEY (program_id, key)
) WITHOUT ROWID;
CREATE TABLE rubric_items (
    program_id      INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    key             TEXT NOT NULL,
    after_event     TEXT NOT NULL,
    within_days     INTEGER NOT NULL,
    responsibility  TEXT NOT NULL,
    points          INTEGER NOT NULL,
    expect          TEXT NOT NULL, -- JSON expectation
    explain         TEXT NOT NULL,
    position        INTEGER NOT NULL,
    PRIMARY KEY (program_id, key),
    FOREIGN KEY (program_id, after_event) REFERENCES scenario_events(program_id, key) DEFERRABLE INITIALLY DEFERRED
) WITHOUT ROWID;
CREATE INDEX rubric_items_event ON rubric_items(program_id, after_event);
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
CREATE TABLE IF NOT EXISTS "communications" (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    program_id    INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    date          TEXT NOT NULL,
    stakeholders  TEXT NOT NULL, -- JSON array of stakeholder ids
    channel       TEXT NOT NULL,
    summary       TEXT NOT NULL,
    decisions     TEXT NOT NULL,
    follow_up     TEXT
);
CREATE INDEX communications_program ON communications(program_id, date);
CREATE TABLE IF NOT EXISTS "measurements" (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    program_id  INTEGER NOT NULL,
    kpi_key     TEXT NOT NULL,
    date        TEXT NOT NULL,
    value       REAL NOT NULL,
    FOREIGN KEY (program_id, kpi_key) REFERENCES kpis(program_id, key) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX measurements_kpi ON measurements(program_id, kpi_key, date);
CREATE TABLE IF NOT EXISTS "costs" (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    program_id      INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    date            TEXT NOT NULL,
    amount          REAL NOT NULL,
    description     TEXT NOT NULL,
    workstream_key  TEXT,
    FOREIGN KEY (program_id, workstream_key) REFERENCES workstreams(program_id, key) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX costs_program ON costs(program_id, date);
CREATE INDEX costs_workstream ON costs(program_id, workstream_key);
CREATE TABLE IF NOT EXISTS "actions" (
    id          INTEGER PRIMARY KEY,
    program_id  INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    at_real     TEXT NOT NULL,
    at_sim      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    target      TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('done', 'undone', 'dropped', 'replay', 'final')),
    replays     INTEGER REFERENCES "actions"(id)
, actor TEXT NOT NULL DEFAULT 'learner' CHECK (actor IN ('learner', 'scenario')));
CREATE TABLE action_changes (
    action_id   INTEGER NOT NULL REFERENCES "actions"(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    register    TEXT NOT NULL,
    key_before  TEXT,
    key_after   TEXT,
    position    INTEGER,
    before      TEXT,
    after       TEXT,
    PRIMARY KEY (action_id, seq)
) WITHOUT ROWID;
CREATE INDEX actions_program ON actions(program_id, state, id);
CREATE TABLE attempts (
    program_id   INTEGER PRIMARY KEY REFERENCES programs(id) ON DELETE CASCADE,
    of_slug      TEXT NOT NULL,  -- the program it was started on
    learner      TEXT NOT NULL,
    pack_sha256  TEXT NOT NULL,  -- of the pack's canonical JSON
    clock        TEXT NOT NULL,  -- the simulated date
    started_at   TEXT NOT NULL,  -- real time, RFC 3339
    finished_at  TEXT            -- real time; NULL while the attempt runs
);
CREATE TABLE inbox (
    program_id  INTEGER NOT NULL REFERENCES attempts(program_id) ON DELETE CASCADE,
    event_key   TEXT NOT NULL,
    fired_on    TEXT NOT NULL,
    action_id   INTEGER REFERENCES actions(id),
    PRIMARY KEY (program_id, event_key)
) WITHOUT ROWID;
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
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
