//! The practice mode's part of a pack: the scenario that plays week by week, its events and
//! their effects, and the rubric of what a good TPM does in response.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Engagement, RiskStatus};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[schemars(deny_unknown_fields)]
pub struct Scenario {
    pub title: String,
    #[serde(default)]
    pub briefing: String,
    /// How many weeks the practice plays, 1–52.
    pub weeks: u32,
    #[serde(default)]
    pub events: Vec<ScenarioEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[schemars(deny_unknown_fields)]
pub struct ScenarioEvent {
    pub id: String,
    /// The week (1-based) in which the event fires.
    pub week: u32,
    pub title: String,
    #[serde(default)]
    pub narrative: String,
    #[serde(default)]
    pub effects: Vec<Effect>,
}

/// What an event does to the artefacts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(untagged)]
pub enum Effect {
    /// The milestone's planned dates move by this many days (negative pulls in).
    MilestoneShift { milestone: String, shift_days: i32 },
    /// A new reading of the KPI arrives on the event's date.
    KpiReading { kpi: String, value: f64 },
    /// The stakeholder's current engagement changes.
    Engagement {
        stakeholder: String,
        engagement: Engagement,
    },
    /// Money is spent on the event's date.
    Spend {
        cost: f64,
        #[serde(default)]
        description: String,
    },
    /// The risk's status changes; a realised risk becomes an issue.
    RiskStatus { risk: String, status: RiskStatus },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "lowercase")]
pub enum Responsibility {
    Planning,
    Stakeholders,
    Risk,
    Collaboration,
    Performance,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "lowercase")]
pub enum Rag {
    Green,
    Amber,
    Red,
}

impl Rag {
    /// The status as a report writes it: `GREEN`, `AMBER`, `RED`.
    pub fn word(self) -> &'static str {
        match self {
            Rag::Green => "GREEN",
            Rag::Amber => "AMBER",
            Rag::Red => "RED",
        }
    }
}

/// One expected response of a good TPM, read by the debrief and the grader.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[schemars(deny_unknown_fields)]
pub struct RubricItem {
    pub id: String,
    /// The event after which the response is expected.
    pub after: String,
    /// 1–60.
    pub within_days: u32,
    pub responsibility: Responsibility,
    /// 1–100.
    pub points: u32,
    pub expect: Expectation,
    #[serde(default)]
    pub explain: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Expectation {
    /// A new risk mentioning any keyword, with impact at least `min_impact`.
    Risk {
        keywords: Vec<String>,
        #[serde(default = "one")]
        min_impact: u8,
    },
    /// A communication logged to the stakeholder.
    Communication { stakeholder: String },
    /// The milestone re-planned.
    MilestoneReplanned(String),
    /// The weekly status calls the KPI this colour.
    KpiStatus { kpi: String, rag: Rag },
    /// The response or actions of an existing risk updated.
    RiskResponse { risk: String },
    /// The milestone's RACI made valid.
    RaciFixed(String),
}

fn one() -> u8 {
    1
}
