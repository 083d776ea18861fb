//! The program model: one sample program with all five modules and its practice scenario.
//!
//! These types are at once the pack file's sections (`docs/pack-format.md`), what the store
//! saves, and what crosses IPC. Keeping one shape means an exported pack is exactly what was
//! imported, and the JSON Schema and TypeScript twins come from the same definitions.
//! Ids are the trainer's short strings, unique within their section.

mod date;
mod practice;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use practice::{Effect, Expectation, Rag, Responsibility, RubricItem, Scenario, ScenarioEvent};

/// The pack format this build reads and writes.
pub const PACK_FORMAT: &str = "flightdeck-pack/1";

/// A whole program: plan, registers, logs, and optionally a scenario with its rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[schemars(deny_unknown_fields)]
pub struct Pack {
    /// Always `flightdeck-pack/1`.
    pub format: String,
    pub program: ProgramInfo,
    #[serde(default)]
    pub goals: Vec<Goal>,
    #[serde(default)]
    pub teams: Vec<Team>,
    #[serde(default)]
    pub workstreams: Vec<Workstream>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub risks: Vec<Risk>,
    #[serde(default)]
    pub assumptions: Vec<RaidEntry>,
    #[serde(default)]
    pub issues: Vec<RaidEntry>,
    #[serde(default)]
    pub decisions: Vec<RaidEntry>,
    #[serde(default)]
    pub stakeholders: Vec<Stakeholder>,
    #[serde(default)]
    pub communications: Vec<Communication>,
    #[serde(default)]
    pub kpis: Vec<Kpi>,
    #[serde(default)]
    pub costs: Vec<Cost>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub scenario: Option<Scenario>,
    #[serde(default)]
    pub rubric: Vec<RubricItem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "lowercase")]
pub enum Industry {
    Software,
    Ecommerce,
    Healthcare,
    Fintech,
    Other,
}

/// The program's identity, dates and budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[schemars(deny_unknown_fields)]
pub struct ProgramInfo {
    /// A slug (`a-z`, `0-9`, `-`), unique across packs.
    pub id: String,
    pub name: String,
    pub industry: Industry,
    pub summary: String,
    #[serde(deserialize_with = "date::de")]
    pub start: NaiveDate,
    #[serde(deserialize_with = "date::de")]
    pub end: NaiveDate,
    /// The date the pack's figures describe; the practice clock starts here. Defaults to `start`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    #[serde(deserialize_with = "date::de_opt")]
    pub as_of: Option<NaiveDate>,
    /// ISO 4217 code, e.g. `USD`.
    pub currency: String,
    pub budget: f64,
    /// In a practice attempt, the pack's own `as_of`: the day the learner joined, kept when the
    /// practice clock moves `as_of` on. Never part of a pack.
    #[serde(skip)]
    #[schemars(skip)]
    #[ts(skip)]
    pub joined: Option<NaiveDate>,
}

/// The serde name of a unit enum value (`Engagement::Neutral` → `neutral`), as packs, the
/// store and CSV exports write it.
pub fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => format!("{other:?}"),
    }
}

impl ProgramInfo {
    /// The status date of the pack's figures.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of.unwrap_or(self.start)
    }
    /// The status date the pack describes, before any practice clock moved it on: where an
    /// empty communication log starts counting.
    pub fn joined(&self) -> NaiveDate {
        self.joined.unwrap_or_else(|| self.as_of())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[schemars(deny_unknown_fields)]
pub struct Goal {
    pub id: String,
    pub title: String,
    /// The KPI that measures this goal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub kpi: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[schemars(deny_unknown_fields)]
pub struct Team {
    pub id: String,
    pub name: String,
    /// A stakeholder id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub lead: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[schemars(deny_unknown_fields)]
pub struct Workstream {
    pub id: String,
    pub name: String,
    /// A team id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub team: Option<String>,
}

/// Who is Responsible, Accountable, Consulted and Informed for a milestone.
/// Parties are team or stakeholder ids; the accountable one is a stakeholder.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[schemars(deny_unknown_fields)]
pub struct Raci {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub accountable: Option<String>,
    #[serde(default)]
    pub responsible: Vec<String>,
    #[serde(default)]
    pub consulted: Vec<String>,
    #[serde(default)]
    pub informed: Vec<String>,
}

impl Raci {
    /// What breaks the rule of one Accountable and at least one Responsible, in words.
    pub fn problems(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.accountable.is_none() {
            out.push("no one is Accountable");
        }
        if self.responsible.is_empty() {
            out.push("no one is Responsible");
        }
        out
    }

    pub fn is_valid(&self) -> bool {
        self.problems().is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[schemars(deny_unknown_fields)]
pub struct Milestone {
    pub id: String,
    pub title: String,
    pub workstream: String,
    /// The goal this milestone serves; a milestone that serves none is flagged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub goal: Option<String>,
    /// Planned start in the current plan.
    #[serde(deserialize_with = "date::de")]
    pub start: NaiveDate,
    /// Planned finish in the current plan.
    #[serde(deserialize_with = "date::de")]
    pub finish: NaiveDate,
    /// The original plan, when it differs from the current one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    #[serde(deserialize_with = "date::de_opt")]
    pub baseline_start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    #[serde(deserialize_with = "date::de_opt")]
    pub baseline_finish: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    #[serde(deserialize_with = "date::de_opt")]
    pub actual_start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    #[serde(deserialize_with = "date::de_opt")]
    pub actual_finish: Option<NaiveDate>,
    /// Finish-to-start predecessors.
    #[serde(default)]
    pub depends_on: Vec<String>,
    /// Budgeted cost of the work, for earned value.
    #[serde(default)]
    pub planned_value: f64,
    /// 0–100.
    #[serde(default)]
    pub percent_complete: f64,
    #[serde(default)]
    pub raci: Raci,
}

impl Milestone {
    pub fn baseline_start(&self) -> NaiveDate {
        self.baseline_start.unwrap_or(self.start)
    }
    pub fn baseline_finish(&self) -> NaiveDate {
        self.baseline_finish.unwrap_or(self.finish)
    }
    /// Done: an actual finish is recorded, or the work is 100% complete.
    pub fn finished(&self) -> bool {
        self.actual_finish.is_some() || self.percent_complete >= 100.0
    }
    /// Under way or done: an actual start is recorded, or some work is complete.
    pub fn started(&self) -> bool {
        self.actual_start.is_some() || self.percent_complete > 0.0 || self.finished()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "lowercase")]
pub enum RiskResponse {
    Avoid,
    Reduce,
    Transfer,
    Accept,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "lowercase")]
pub enum RiskStatus {
    Open,
    Closed,
    Realised,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[schemars(deny_unknown_fields)]
pub struct Risk {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub cause: String,
    #[serde(default)]
    pub event: String,
    #[serde(default)]
    pub effect: String,
    #[serde(default)]
    pub category: String,
    /// 1–5.
    pub likelihood: u8,
    /// 1–5.
    pub impact: u8,
    /// A stakeholder id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub owner: Option<String>,
    pub response: RiskResponse,
    #[serde(default)]
    pub actions: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    #[serde(deserialize_with = "date::de_opt")]
    pub review: Option<NaiveDate>,
    /// 1–5, after the response; defaults to the inherent value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub residual_likelihood: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub residual_impact: Option<u8>,
    pub status: RiskStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "lowercase")]
pub enum EntryStatus {
    Open,
    Closed,
}

/// An assumption, issue or decision: the light shape the RAID logs share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[schemars(deny_unknown_fields)]
pub struct RaidEntry {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub detail: String,
    /// A stakeholder id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub owner: Option<String>,
    #[serde(deserialize_with = "date::de")]
    pub raised: NaiveDate,
    pub status: EntryStatus,
    /// The risk this entry came from: the issue a realised risk became.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub risk: Option<String>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "lowercase")]
pub enum Engagement {
    Unaware,
    Resistant,
    Neutral,
    Supportive,
    Leading,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[schemars(deny_unknown_fields)]
pub struct Stakeholder {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub org: String,
    /// 1–5.
    pub power: u8,
    /// 1–5.
    pub interest: u8,
    pub engagement: Engagement,
    pub desired_engagement: Engagement,
    #[serde(default)]
    pub channel: String,
    /// How often they should hear from the program; at least 1.
    pub cadence_days: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[schemars(deny_unknown_fields)]
pub struct Communication {
    #[serde(deserialize_with = "date::de")]
    pub date: NaiveDate,
    /// Stakeholder ids; at least one.
    pub stakeholders: Vec<String>,
    #[serde(default)]
    pub channel: String,
    pub summary: String,
    #[serde(default)]
    pub decisions: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    #[serde(deserialize_with = "date::de_opt")]
    pub follow_up: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Lower values are better (lead time, defects).
    Lower,
    /// Higher values are better (uptime, conversion).
    Higher,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[schemars(deny_unknown_fields)]
pub struct Measurement {
    #[serde(deserialize_with = "date::de")]
    pub date: NaiveDate,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[schemars(deny_unknown_fields)]
pub struct Kpi {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub unit: String,
    pub direction: Direction,
    pub target: f64,
    /// The value at which the status turns amber.
    pub amber: f64,
    /// The value at which the status turns red.
    pub red: f64,
    #[serde(default)]
    pub frequency: String,
    /// A stakeholder id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub owner: Option<String>,
    #[serde(default)]
    pub measurements: Vec<Measurement>,
}

/// Actual cost incurred, for earned value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[schemars(deny_unknown_fields)]
pub struct Cost {
    #[serde(deserialize_with = "date::de")]
    pub date: NaiveDate,
    pub amount: f64,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub workstream: Option<String>,
}
