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
    /// The IRI the attempts' xAPI statements' activity ids start with, such as
    /// `https://training.example.org/flightdeck` (`docs/xapi.md`); a trainer's own overrides it.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xapi_namespace: Option<String>,
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
// Written untagged: its keys say which effect it is. Read through `EffectKeys`, so that an
// unknown key is reported like any other and a malformed effect says which key is wrong.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
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

/// Every key an effect may have; which ones are present decides the effect. Keys not listed
/// here are left to the caller's unknown-field report.
#[derive(Deserialize)]
struct EffectKeys {
    milestone: Option<String>,
    shift_days: Option<i32>,
    kpi: Option<String>,
    value: Option<f64>,
    stakeholder: Option<String>,
    engagement: Option<Engagement>,
    cost: Option<f64>,
    description: Option<String>,
    risk: Option<String>,
    status: Option<RiskStatus>,
}

/// The five shapes of an effect: the key that names it, and the keys it needs and allows.
const SHAPES: [(&str, &[&str], &[&str]); 5] = [
    ("milestone", &["shift_days"], &[]),
    ("kpi", &["value"], &[]),
    ("stakeholder", &["engagement"], &[]),
    ("cost", &[], &["description"]),
    ("risk", &["status"], &[]),
];

impl EffectKeys {
    fn present(&self) -> Vec<&'static str> {
        [
            ("milestone", self.milestone.is_some()),
            ("shift_days", self.shift_days.is_some()),
            ("kpi", self.kpi.is_some()),
            ("value", self.value.is_some()),
            ("stakeholder", self.stakeholder.is_some()),
            ("engagement", self.engagement.is_some()),
            ("cost", self.cost.is_some()),
            ("description", self.description.is_some()),
            ("risk", self.risk.is_some()),
            ("status", self.status.is_some()),
        ]
        .into_iter()
        .filter_map(|(key, there)| there.then_some(key))
        .collect()
    }
}

fn shapes_list() -> String {
    SHAPES
        .iter()
        .map(|(name, needs, _)| {
            std::iter::once(*name)
                .chain(needs.iter().copied())
                .collect::<Vec<_>>()
                .join(" + ")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl TryFrom<EffectKeys> for Effect {
    type Error = String;

    fn try_from(keys: EffectKeys) -> Result<Effect, String> {
        let present = keys.present();
        let named: Vec<&(&str, &[&str], &[&str])> = SHAPES
            .iter()
            .filter(|(name, _, _)| present.contains(name))
            .collect();
        let &(name, needs, allows) = match named.as_slice() {
            [one] => *one,
            [] => {
                return Err(format!(
                    "this effect has {}, which says nothing of what it changes: an effect is \
                     one of {}",
                    describe(&present),
                    shapes_list()
                ));
            }
            many => {
                let names: Vec<&str> = many.iter().map(|(n, _, _)| *n).collect();
                return Err(format!(
                    "this effect names both {}: write one effect per change",
                    names.join(" and ")
                ));
            }
        };
        if let Some(stray) = present
            .iter()
            .find(|k| **k != name && !needs.contains(k) && !allows.contains(k))
        {
            return Err(format!(
                "`{stray}` does not belong in a `{name}` effect, which takes {}",
                std::iter::once(name)
                    .chain(needs.iter().copied())
                    .chain(allows.iter().copied())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if let Some(missing) = needs.iter().find(|k| !present.contains(k)) {
            return Err(format!("a `{name}` effect needs `{missing}` as well"));
        }
        // each key below was checked present just above
        let missing = || format!("a `{name}` effect is missing a key");
        Ok(match name {
            "milestone" => Effect::MilestoneShift {
                milestone: keys.milestone.ok_or_else(missing)?,
                shift_days: keys.shift_days.ok_or_else(missing)?,
            },
            "kpi" => Effect::KpiReading {
                kpi: keys.kpi.ok_or_else(missing)?,
                value: keys.value.ok_or_else(missing)?,
            },
            "stakeholder" => Effect::Engagement {
                stakeholder: keys.stakeholder.ok_or_else(missing)?,
                engagement: keys.engagement.ok_or_else(missing)?,
            },
            "cost" => Effect::Spend {
                cost: keys.cost.ok_or_else(missing)?,
                description: keys.description.unwrap_or_default(),
            },
            _ => Effect::RiskStatus {
                risk: keys.risk.ok_or_else(missing)?,
                status: keys.status.ok_or_else(missing)?,
            },
        })
    }
}

fn describe(keys: &[&str]) -> String {
    match keys {
        [] => "no keys".into(),
        keys => format!(
            "only {}",
            keys.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

impl<'de> Deserialize<'de> for Effect {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Effect, D::Error> {
        let keys = EffectKeys::deserialize(deserializer)?;
        Effect::try_from(keys).map_err(serde::de::Error::custom)
    }
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
