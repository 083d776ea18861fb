// Generated from flightdeck-core's Rust types by `script/gen-types`; do not edit.

export type ErrorKind = "validation" | "not_found" | "conflict" | "already_loaded" | "limit" | "newer_database" | "foreign_database" | "corrupt" | "io" | "database" | "chart" | "internal";

export type FieldProblem = { path: string, message: string, };

export type ErrorPayload = { kind: ErrorKind, message: string, problems: Array<FieldProblem>, };

export type StartSnapshot = { programs: Array<ProgramSummary>, problem: ErrorPayload | null, };

export type ProgramSummary = { id: number, slug: string, name: string, industry: string, };

export type Backup = { 
/**
 * The file's name in the backups folder: what `restore` takes.
 */
name: string, 
/**
 * When it was taken, as RFC 3339.
 */
taken: string, 
/**
 * Why: `import`, `remove`, `migration`, `restore`, …
 */
reason: string, bytes: number, 
/**
 * How many programs it holds, attempts included.
 */
programs: number, };

export type OnLoaded = "refuse" | "replace" | "keep_both";

export type ItemTitle = { key: string, title: string, };

export type Overview = { id: number, slug: string, name: string, industry: Industry, summary: string, start: string, end: string, as_of: string, currency: string, budget: number, counts: ModuleCounts, };

export type GanttRow = { id: string, title: string, start: string, finish: string, baseline_finish?: string, percent_complete: number, critical: boolean, top: number, bottom: number, left: number, right: number, };

export type Roadmap = { svg: string, 
/**
 * In drawing order, top to bottom.
 */
rows: Array<GanttRow>, 
/**
 * How many milestones the plan has: more than `rows` when it is drawn in part.
 */
milestones: number, };

export type Attempt = { 
/**
 * The attempt's own program id; every register command takes it.
 */
id: number, 
/**
 * Its key, like a program's slug.
 */
key: string, 
/**
 * The slug of the program it was started on.
 */
of_program: string, 
/**
 * That program's id, while it is loaded.
 */
of_program_id?: number, program_name: string, learner: string, 
/**
 * The simulated date.
 */
clock: string, 
/**
 * The week the clock is in, from 1.
 */
week: number, weeks: number, starts: string, 
/**
 * The scenario's last day.
 */
ends: string, 
/**
 * Days from the clock to the first day of the next week: what "next week" advances.
 */
days_to_next_week: number, 
/**
 * Days from the clock to the scenario's last day.
 */
days_left: number, 
/**
 * Real time, RFC 3339.
 */
started_at: string, finished_at?: string, 
/**
 * SHA-256 of the pack's canonical JSON: which pack the attempt was made on.
 */
pack_sha256: string, };

export type ScenarioBrief = { title: string, briefing: string, weeks: number, 
/**
 * How many events and rubric items it has.
 */
events: number, rubric_items: number, };

export type InboxEntry = { event: string, week: number, title: string, narrative: string, fired_on: string, 
/**
 * What the event changed, one line per effect.
 */
changed: Array<string>, };

export type StatusDraft = { overall: Rag, 
/**
 * KPI id → colour.
 */
kpis: { [key in string]: Rag }, note: string, };

export type StatusReport = { week: number, overall: Rag, kpis: { [key in string]: Rag }, note: string, 
/**
 * The simulated date of the last revision.
 */
at_sim: string, };

export type Debrief = { attempt: Attempt, items: Array<ItemResult>, 
/**
 * In the order planning, stakeholders, risk, collaboration, performance; only those the
 * rubric has.
 */
responsibilities: Array<ResponsibilityScore>, total: Score, };

export type ItemResult = { id: string, responsibility: Responsibility, points: number, met: boolean, 
/**
 * The event it responds to.
 */
after: string, 
/**
 * The last day a response counted; absent when the event never fired.
 */
due?: string, 
/**
 * What was expected, in words.
 */
expected: string, 
/**
 * The matching action and its day, or why nothing matched.
 */
evidence: string, 
/**
 * The matching action's id, when it was an action.
 */
action?: number, 
/**
 * The simulated day of the matching action or report.
 */
day?: string, 
/**
 * The trainer's explanation.
 */
explain: string, };

export type Score = { met: number, possible: number, 
/**
 * 0–100; 0 when nothing was possible.
 */
percent: number, };

export type ResponsibilityScore = { responsibility: Responsibility, met: number, possible: number, 
/**
 * 0–100; 0 when nothing was possible.
 */
percent: number, };

export type Sent = { stored: number, 
/**
 * Sent before: the store had them already.
 */
already: number, 
/**
 * Refused by the store, each named with why.
 */
refused: Array<string>, 
/**
 * Never stored because the store could not be reached or answered with an error.
 */
not_sent: number, 
/**
 * Why sending stopped early.
 */
stopped?: string, 
/**
 * How long it all took, and the slowest request, in ms.
 */
took_ms: number, slowest_ms: number, };

export type LrsSettings = { 
/**
 * The store's xAPI endpoint, such as `https://lrs.example.org/xAPI/`.
 */
endpoint: string, user: string, 
/**
 * Where the activity ids live; empty for each pack's own.
 */
namespace: string, 
/**
 * The system the learners' accounts belong to.
 */
home_page: string, };

export type LrsState = { settings?: LrsSettings, password_saved: boolean, };

export type ModuleCounts = { goals: number, teams: number, workstreams: number, milestones: number, risks: number, assumptions: number, issues: number, decisions: number, stakeholders: number, communications: number, kpis: number, measurements: number, costs: number, scenario_events: number, rubric_items: number, };

export type Industry = "software" | "ecommerce" | "healthcare" | "fintech" | "other";

export type Pack = { 
/**
 * Always `flightdeck-pack/1`.
 */
format: string, program: ProgramInfo, goals: Array<Goal>, teams: Array<Team>, workstreams: Array<Workstream>, milestones: Array<Milestone>, risks: Array<Risk>, assumptions: Array<RaidEntry>, issues: Array<RaidEntry>, decisions: Array<RaidEntry>, stakeholders: Array<Stakeholder>, communications: Array<Communication>, kpis: Array<Kpi>, costs: Array<Cost>, scenario?: Scenario, rubric: Array<RubricItem>, };

export type ProgramInfo = { 
/**
 * A slug (`a-z`, `0-9`, `-`), unique across packs.
 */
id: string, name: string, industry: Industry, summary: string, start: string, end: string, 
/**
 * The date the pack's figures describe; the practice clock starts here. Defaults to `start`.
 */
as_of?: string, 
/**
 * ISO 4217 code, e.g. `USD`.
 */
currency: string, budget: number, };

export type Goal = { id: string, title: string, 
/**
 * The KPI that measures this goal.
 */
kpi?: string, };

export type Team = { id: string, name: string, 
/**
 * A stakeholder id.
 */
lead?: string, };

export type Workstream = { id: string, name: string, 
/**
 * A team id.
 */
team?: string, };

export type Raci = { accountable?: string, responsible: Array<string>, consulted: Array<string>, informed: Array<string>, };

export type Milestone = { id: string, title: string, workstream: string, 
/**
 * The goal this milestone serves; a milestone that serves none is flagged.
 */
goal?: string, 
/**
 * Planned start in the current plan.
 */
start: string, 
/**
 * Planned finish in the current plan.
 */
finish: string, 
/**
 * The original plan, when it differs from the current one.
 */
baseline_start?: string, baseline_finish?: string, actual_start?: string, actual_finish?: string, 
/**
 * Finish-to-start predecessors.
 */
depends_on: Array<string>, 
/**
 * Budgeted cost of the work, for earned value.
 */
planned_value: number, 
/**
 * 0–100.
 */
percent_complete: number, raci: Raci, };

export type RiskResponse = "avoid" | "reduce" | "transfer" | "accept";

export type RiskStatus = "open" | "closed" | "realised";

export type Risk = { id: string, title: string, cause: string, event: string, effect: string, category: string, 
/**
 * 1–5.
 */
likelihood: number, 
/**
 * 1–5.
 */
impact: number, 
/**
 * A stakeholder id.
 */
owner?: string, response: RiskResponse, actions: string, review?: string, 
/**
 * 1–5, after the response; defaults to the inherent value.
 */
residual_likelihood?: number, residual_impact?: number, status: RiskStatus, };

export type EntryStatus = "open" | "closed";

export type RaidEntry = { id: string, title: string, detail: string, 
/**
 * A stakeholder id.
 */
owner?: string, raised: string, status: EntryStatus, 
/**
 * The risk this entry came from: the issue a realised risk became.
 */
risk?: string, };

export type Engagement = "unaware" | "resistant" | "neutral" | "supportive" | "leading";

export type Stakeholder = { id: string, name: string, role: string, org: string, 
/**
 * 1–5.
 */
power: number, 
/**
 * 1–5.
 */
interest: number, engagement: Engagement, desired_engagement: Engagement, channel: string, 
/**
 * How often they should hear from the program; at least 1.
 */
cadence_days: number, };

export type Communication = { date: string, 
/**
 * Stakeholder ids; at least one.
 */
stakeholders: Array<string>, channel: string, summary: string, decisions: string, follow_up?: string, };

export type Direction = "lower" | "higher";

export type Measurement = { date: string, value: number, };

export type Kpi = { id: string, name: string, unit: string, direction: Direction, target: number, 
/**
 * The value at which the status turns amber.
 */
amber: number, 
/**
 * The value at which the status turns red.
 */
red: number, frequency: string, 
/**
 * A stakeholder id.
 */
owner?: string, measurements: Array<Measurement>, };

export type Cost = { date: string, amount: number, description: string, workstream?: string, };

export type Scenario = { title: string, briefing: string, 
/**
 * How many weeks the practice plays, 1–52.
 */
weeks: number, events: Array<ScenarioEvent>, 
/**
 * The IRI the attempts' xAPI statements' activity ids start with, such as
 * `https://training.example.org/flightdeck` (`docs/xapi.md`); a trainer's own overrides it.
 */
xapi_namespace?: string, };

export type ScenarioEvent = { id: string, 
/**
 * The week (1-based) in which the event fires.
 */
week: number, title: string, narrative: string, effects: Array<Effect>, };

export type Effect = { milestone: string, shift_days: number, } | { kpi: string, value: number, } | { stakeholder: string, engagement: Engagement, } | { cost: number, description: string, } | { risk: string, status: RiskStatus, };

export type Responsibility = "planning" | "stakeholders" | "risk" | "collaboration" | "performance";

export type Rag = "green" | "amber" | "red";

export type RubricItem = { id: string, 
/**
 * The event after which the response is expected.
 */
after: string, 
/**
 * 1–60.
 */
within_days: number, responsibility: Responsibility, 
/**
 * 1–100.
 */
points: number, expect: Expectation, explain: string, };

export type Expectation = { "risk": { keywords: Array<string>, min_impact: number, } } | { "communication": { stakeholder: string, } } | { "milestone_replanned": string } | { "kpi_status": { kpi: string, rag: Rag, } } | { "risk_response": { risk: string, } } | { "raci_fixed": string };

export type ScheduleSummary = { critical_path: Array<string>, 
/**
 * The forecast finish of the last milestone, everything left going as soon as possible.
 */
finish?: string, 
/**
 * Dependencies the current plan breaks between unfinished milestones: (milestone,
 * predecessor planned to finish after it starts).
 */
conflicts: Array<[string, string]>, };

export type ProgramStatus = { date: string, rag: Rag, 
/**
 * Worst first.
 */
reasons: Array<Reason>, schedule?: ScheduleSummary, earned_value: EarnedValue, 
/**
 * The five open risks with the highest inherent score.
 */
top_risks: Array<RiskRating>, 
/**
 * Every open risk, highest inherent score first: the heat map's content.
 */
open_risks: Array<RiskRating>, 
/**
 * The power/interest grid, quadrant by quadrant.
 */
stakeholder_grid: Array<GridQuadrant>, 
/**
 * The slip from its baseline of each milestone whose plan moved; one not listed slipped
 * 0 days. Listing every milestone was 229 kB of the status on 5,000 milestones, most of
 * them 0.
 */
variances: Array<BaselineVariance>, 
/**
 * Which teams wait on which.
 */
team_dependencies: Array<TeamDependency>, kpis: Array<KpiStatus>, overdue: Array<OverdueCommunication>, raci_violations: Array<RaciViolation>, without_goal: Array<string>, 
/**
 * Milestones past their planned finish and not complete.
 */
late: Array<string>, };

export type Reason = { rag: Rag, text: string, };

export type EarnedValue = { date: string, pv: number, ev: number, ac: number, 
/**
 * EV − PV
 */
sv: number, 
/**
 * EV − AC
 */
cv: number, 
/**
 * EV ÷ PV; none before any value is planned
 */
spi?: number, 
/**
 * EV ÷ AC; none before anything is spent
 */
cpi?: number, bac: number, 
/**
 * BAC ÷ CPI: what the whole will cost if spending goes on as it has
 */
eac?: number, };

export type RiskRating = { id: string, likelihood: number, impact: number, residual_likelihood: number, residual_impact: number, score: number, level: RiskLevel, residual_score: number, residual_level: RiskLevel, };

export type RiskLevel = "low" | "medium" | "high" | "critical";

export type KpiStatus = { id: string, latest?: number, date?: string, 
/**
 * None when there is no reading yet.
 */
rag?: Rag, 
/**
 * The reading before the latest, and which way the KPI moved since; none before two
 * readings.
 */
previous?: number, trend?: Trend, };

export type Trend = "better" | "worse" | "unchanged";

export type OverdueCommunication = { stakeholder: string, 
/**
 * The stakeholder's name, for people.
 */
name: string, 
/**
 * The last communication that named them; none means no contact is logged.
 */
last?: string, due: string, days_overdue: number, };

export type RaciViolation = { milestone: string, problem: string, };

export type Quadrant = "manage_closely" | "keep_satisfied" | "keep_informed" | "monitor";

export type GridQuadrant = { quadrant: Quadrant, label: string, stakeholders: Array<GridEntry>, };

export type GridEntry = { id: string, name: string, engagement_gap: number, };

export type BaselineVariance = { id: string, start_days: number, finish_days: number, };

export type TeamDependency = { 
/**
 * The team whose milestone waits.
 */
from: string, 
/**
 * The team it waits on.
 */
to: string, count: number, };

export type RegisterName = "goals" | "teams" | "workstreams" | "milestones" | "risks" | "assumptions" | "issues" | "decisions" | "stakeholders" | "communications" | "kpis" | "measurements" | "costs";

export type Item = { "register": "goals", "item": Goal } | { "register": "teams", "item": Team } | { "register": "workstreams", "item": Workstream } | { "register": "milestones", "item": Milestone } | { "register": "risks", "item": Risk } | { "register": "assumptions", "item": RaidEntry } | { "register": "issues", "item": RaidEntry } | { "register": "decisions", "item": RaidEntry } | { "register": "stakeholders", "item": Stakeholder } | { "register": "communications", "item": Communication } | { "register": "kpis", "item": Kpi } | { "register": "measurements", "item": Reading } | { "register": "costs", "item": Cost };

export type Reading = { 
/**
 * The KPI's id.
 */
kpi: string, date: string, value: number, };

export type Field = { 
/**
 * The item's key for it, as in packs.
 */
name: string, label: string, kind: FieldKind, required: boolean, 
/**
 * A line under the field saying what belongs there.
 */
help: string, };

export type FieldKind = { "type": "text" } | { "type": "long_text" } | { "type": "date" } | { "type": "number", min?: number, max?: number, whole: boolean, 
/**
 * An amount in the program's currency, shown with it.
 */
money: boolean, } | { "type": "choice", choices: Array<string>, } | { "type": "reference", register: RegisterName, } | { "type": "references", register: RegisterName, } | { "type": "raci" };

export type RegisterInfo = { register: RegisterName, noun: string, 
/**
 * The register's name for people: "KPI readings".
 */
label: string, keyed: boolean, fields: Array<Field>, 
/**
 * Worked out from the fields, never typed: the list filters and sorts by them (a risk's
 * level).
 */
derived: Array<Field>, };

export type ItemQuery = { register: RegisterName, 
/**
 * Text every listed item contains in one of its fields (case-insensitive).
 */
text?: string, 
/**
 * Fields that must hold exactly these values, such as `status` = `open`, `owner` = `S3`.
 */
equals: Array<[string, string]>, 
/**
 * The field to sort by; the register's own order when absent.
 */
sort?: string, direction: SortDirection, offset: number, 
/**
 * At most this many rows; all when absent.
 */
limit?: number, };

export type SortDirection = "asc" | "desc";

export type ItemRow = { key: string, title: string, } & ({ "register": "goals", "item": Goal } | { "register": "teams", "item": Team } | { "register": "workstreams", "item": Workstream } | { "register": "milestones", "item": Milestone } | { "register": "risks", "item": Risk } | { "register": "assumptions", "item": RaidEntry } | { "register": "issues", "item": RaidEntry } | { "register": "decisions", "item": RaidEntry } | { "register": "stakeholders", "item": Stakeholder } | { "register": "communications", "item": Communication } | { "register": "kpis", "item": Kpi } | { "register": "measurements", "item": Reading } | { "register": "costs", "item": Cost });

export type ItemPage = { register: RegisterName, total: number, rows: Array<ItemRow>, 
/**
 * From `list_searchable` only: for each row, what a text filter looks in (see there).
 */
search_texts?: Array<string>, };

export type Edit = { "op": "put", key?: string, } & ({ "register": "goals", "item": Goal } | { "register": "teams", "item": Team } | { "register": "workstreams", "item": Workstream } | { "register": "milestones", "item": Milestone } | { "register": "risks", "item": Risk } | { "register": "assumptions", "item": RaidEntry } | { "register": "issues", "item": RaidEntry } | { "register": "decisions", "item": RaidEntry } | { "register": "stakeholders", "item": Stakeholder } | { "register": "communications", "item": Communication } | { "register": "kpis", "item": Kpi } | { "register": "measurements", "item": Reading } | { "register": "costs", "item": Cost }) | { "op": "remove", register: RegisterName, key: string, };

export type ActionKind = "put" | "remove" | "record" | "log" | "realise" | "rebaseline" | "progress" | "undo" | "redo" | "reset" | "event";

export type ActionState = "done" | "undone" | "dropped" | "replay" | "final";

export type Action = { id: number, program: number, 
/**
 * When it happened, UTC, RFC 3339.
 */
at_real: string, 
/**
 * The simulated date of the practice clock when it happened.
 */
at_sim: string, kind: ActionKind, 
/**
 * What it changed, e.g. `risks/R3` or `communications/20012`.
 */
target: string, 
/**
 * The same for people: "risk R3", "a communication".
 */
in_words: string, state: ActionState, };

export type Progress = { 
/**
 * 0–100.
 */
percent_complete: number, actual_start?: string, actual_finish?: string, };
