//! The rubric engine: which of the trainer's rubric items an attempt met, and the score.
//!
//! It reads only the attempt's record: the pack it started from, the date each event fired,
//! the learner's actions in effect (undone ones do not count; the scenario's own actions never
//! count) with each item's value before and after, and the weekly status reports. The same
//! record always gives the same score, so a score worked out again from the record (as the
//! grader does) equals the one shown live.
//!
//! An item responds to its event: it is **met** when a matching action (or report) falls on a
//! simulated day from the day the event fired to `within_days` days after it, both included.
//! The first match counts, and is the item's evidence. An event that never fired (the attempt
//! finished before its week) leaves its items missed. Per shape, a matching action is:
//!
//! - `risk { keywords, min_impact }`: a risk the pack did not have, put by the learner, whose
//!   title, cause, event or effect contains any keyword (case-insensitive) and whose impact is
//!   at least `min_impact`.
//! - `communication { stakeholder }`: a new communication whose stakeholders include this one.
//! - `milestone_replanned = M`: a change to milestone M's planned or baseline dates.
//! - `kpi_status { kpi, rag }`: a week's status report, last revised within the window, giving
//!   the KPI that colour.
//! - `risk_response { risk }`: a change to the response or actions of risk R, which the pack
//!   had.
//! - `raci_fixed = M`: a change after which milestone M's RACI has one Accountable and at
//!   least one Responsible, when it had not before.
//!
//! A responsibility's score is the points of its items met over the points of all its items;
//! the total is all points met over all points.

use std::collections::{BTreeMap, HashSet};

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::StatusReport;
use crate::model::{Communication, Expectation, Milestone, Pack, Responsibility, Risk, RubricItem};
use crate::register::RegisterName;

/// One item an action changed, with its value before and after (absent when added or
/// removed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ItemChange {
    pub register: RegisterName,
    /// The item's key before (absent when added) and after (absent when removed).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_before: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_after: Option<String>,
    #[ts(type = "unknown")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    #[ts(type = "unknown")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
}

impl ItemChange {
    /// The item's key: after the change, or before it when removed.
    pub fn key(&self) -> Option<&str> {
        self.key_after.as_deref().or(self.key_before.as_deref())
    }
}

/// A learner's action in effect, as the rubric reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LearnerAction {
    pub id: i64,
    pub at_sim: NaiveDate,
    pub kind: crate::edit::ActionKind,
    /// What the history calls it: `risks/R13`.
    pub target: String,
    pub changes: Vec<ItemChange>,
}

/// What the engine reads: everything an attempt's score depends on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Event id → the simulated day it fired.
    pub fired: BTreeMap<String, NaiveDate>,
    pub actions: Vec<LearnerAction>,
    pub reports: Vec<StatusReport>,
}

/// One rubric item, met or missed, with why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ItemResult {
    pub id: String,
    pub responsibility: Responsibility,
    pub points: u32,
    pub met: bool,
    /// The event it responds to.
    pub after: String,
    /// The last day a response counted; absent when the event never fired.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// What was expected, in words.
    pub expected: String,
    /// The matching action and its day, or why nothing matched.
    pub evidence: String,
    /// The matching action's id, when it was an action.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<i64>,
    /// The simulated day of the matching action or report.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<NaiveDate>,
    /// The trainer's explanation.
    pub explain: String,
}

/// Points met out of points possible.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct Score {
    pub met: u32,
    pub possible: u32,
    /// 0–100; 0 when nothing was possible.
    pub percent: f64,
}

impl Score {
    fn of<'a>(items: impl Iterator<Item = &'a ItemResult>) -> Score {
        let (mut met, mut possible) = (0, 0);
        for item in items {
            possible += item.points;
            if item.met {
                met += item.points;
            }
        }
        let percent = if possible == 0 {
            0.0
        } else {
            f64::from(met) * 100.0 / f64::from(possible)
        };
        Score {
            met,
            possible,
            percent,
        }
    }
}

/// The score of one responsibility.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ResponsibilityScore {
    pub responsibility: Responsibility,
    #[serde(flatten)]
    pub score: Score,
}

/// Every rubric item met or missed, and the scores.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Scored {
    pub items: Vec<ItemResult>,
    /// In the order planning, stakeholders, risk, collaboration, performance; only those the
    /// rubric has.
    pub responsibilities: Vec<ResponsibilityScore>,
    pub total: Score,
}

/// Scores the record against the pack's rubric.
pub fn score(pack: &Pack, record: &Record) -> Scored {
    let items: Vec<ItemResult> = pack
        .rubric
        .iter()
        .map(|item| judge(pack, record, item))
        .collect();
    let responsibilities = [
        Responsibility::Planning,
        Responsibility::Stakeholders,
        Responsibility::Risk,
        Responsibility::Collaboration,
        Responsibility::Performance,
    ]
    .into_iter()
    .filter(|r| items.iter().any(|i| i.responsibility == *r))
    .map(|responsibility| ResponsibilityScore {
        responsibility,
        score: Score::of(items.iter().filter(|i| i.responsibility == responsibility)),
    })
    .collect();
    Scored {
        total: Score::of(items.iter()),
        items,
        responsibilities,
    }
}

/// A date as the debrief writes it: `15 Feb 2027`.
fn day(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

fn judge(pack: &Pack, record: &Record, item: &RubricItem) -> ItemResult {
    let mut result = ItemResult {
        id: item.id.clone(),
        responsibility: item.responsibility,
        points: item.points,
        met: false,
        after: item.after.clone(),
        due: None,
        expected: expected(pack, &item.expect),
        evidence: String::new(),
        action: None,
        day: None,
        explain: item.explain.clone(),
    };
    let Some(&from) = record.fired.get(&item.after) else {
        result.evidence = format!(
            "event {} never happened: the attempt finished before its week",
            item.after
        );
        return result;
    };
    let due = from + Duration::days(i64::from(item.within_days));
    result.due = Some(due);
    let within = |d: NaiveDate| from <= d && d <= due;
    let days_after = |d: NaiveDate| match (d - from).num_days() {
        0 => format!("the day {} happened", item.after),
        1 => format!("1 day after {}", item.after),
        n => format!("{n} days after {}", item.after),
    };

    if let Expectation::KpiStatus { kpi, rag } = &item.expect {
        let in_window: Vec<&StatusReport> =
            record.reports.iter().filter(|r| within(r.at_sim)).collect();
        if let Some(report) = in_window.iter().find(|r| r.kpis.get(kpi) == Some(rag)) {
            result.met = true;
            result.day = Some(report.at_sim);
            result.evidence = format!(
                "week {} status ({}, {}) gives {kpi} {}",
                report.week,
                day(report.at_sim),
                days_after(report.at_sim),
                rag.word()
            );
        } else {
            let said: Vec<String> = in_window
                .iter()
                .filter_map(|r| Some(format!("week {} says {}", r.week, r.kpis.get(kpi)?.word())))
                .collect();
            result.evidence = if said.is_empty() {
                format!(
                    "no weekly status gave {kpi} a colour within {} days of {} ({} to {})",
                    item.within_days,
                    item.after,
                    day(from),
                    day(due)
                )
            } else {
                format!("expected {}: {}", rag.word(), said.join(", "))
            };
        }
        return result;
    }

    let original_risks: HashSet<&str> = pack.risks.iter().map(|r| r.id.as_str()).collect();
    let mut actions: Vec<&LearnerAction> =
        record.actions.iter().filter(|a| within(a.at_sim)).collect();
    actions.sort_by_key(|a| (a.at_sim, a.id));
    let found = actions.into_iter().find(|a| {
        a.changes
            .iter()
            .any(|c| matches(&item.expect, c, &original_risks))
    });
    match found {
        Some(action) => {
            result.met = true;
            result.action = Some(action.id);
            result.day = Some(action.at_sim);
            result.evidence = format!(
                "{} on {}, {}",
                action.target,
                day(action.at_sim),
                days_after(action.at_sim)
            );
        }
        None => {
            result.evidence = format!(
                "no matching action within {} days of {} ({} to {})",
                item.within_days,
                item.after,
                day(from),
                day(due)
            );
        }
    }
    result
}

/// Whether one item change answers the expectation (reports are judged apart).
fn matches(expect: &Expectation, change: &ItemChange, original_risks: &HashSet<&str>) -> bool {
    fn read<T: serde::de::DeserializeOwned>(value: &Option<Value>) -> Option<T> {
        serde_json::from_value(value.clone()?).ok()
    }
    match expect {
        Expectation::Risk {
            keywords,
            min_impact,
        } => {
            let Some(risk) = (change.register == RegisterName::Risks)
                .then(|| read::<Risk>(&change.after))
                .flatten()
            else {
                return false;
            };
            let text = [&risk.title, &risk.cause, &risk.event, &risk.effect]
                .map(|t| t.to_lowercase())
                .join("\n");
            !original_risks.contains(risk.id.as_str())
                && risk.impact >= *min_impact
                && keywords
                    .iter()
                    .map(|k| k.trim().to_lowercase())
                    .any(|k| !k.is_empty() && text.contains(&k))
        }
        Expectation::Communication { stakeholder } => {
            change.register == RegisterName::Communications
                && change.before.is_none()
                && read::<Communication>(&change.after)
                    .is_some_and(|c| c.stakeholders.contains(stakeholder))
        }
        Expectation::MilestoneReplanned(id) => {
            let (Some(before), Some(after)) = milestone_pair(change, id) else {
                return false;
            };
            (
                before.start,
                before.finish,
                before.baseline_start,
                before.baseline_finish,
            ) != (
                after.start,
                after.finish,
                after.baseline_start,
                after.baseline_finish,
            )
        }
        Expectation::RiskResponse { risk } => {
            if change.register != RegisterName::Risks || change.key() != Some(risk) {
                return false;
            }
            match (read::<Risk>(&change.before), read::<Risk>(&change.after)) {
                (Some(before), Some(after)) => {
                    before.response != after.response || before.actions != after.actions
                }
                _ => false,
            }
        }
        Expectation::RaciFixed(id) => match milestone_pair(change, id) {
            (Some(before), Some(after)) => !before.raci.is_valid() && after.raci.is_valid(),
            _ => false,
        },
        Expectation::KpiStatus { .. } => false,
    }
}

fn milestone_pair(change: &ItemChange, id: &str) -> (Option<Milestone>, Option<Milestone>) {
    if change.register != RegisterName::Milestones || change.key() != Some(id) {
        return (None, None);
    }
    let read = |v: &Option<Value>| v.clone().and_then(|v| serde_json::from_value(v).ok());
    (read(&change.before), read(&change.after))
}

/// The expectation in words, with names from the pack.
fn expected(pack: &Pack, expect: &Expectation) -> String {
    let stakeholder = |id: &str| {
        pack.stakeholders
            .iter()
            .find(|s| s.id == id)
            .map_or(id.to_string(), |s| format!("{} ({id})", s.name))
    };
    match expect {
        Expectation::Risk {
            keywords,
            min_impact,
        } => format!(
            "log a new risk mentioning {} with impact {min_impact} or more",
            keywords.join(" or ")
        ),
        Expectation::Communication { stakeholder: s } => {
            format!("log a communication with {}", stakeholder(s))
        }
        Expectation::MilestoneReplanned(m) => format!("re-plan milestone {m}"),
        Expectation::KpiStatus { kpi, rag } => {
            format!("report KPI {kpi} as {} in the weekly status", rag.word())
        }
        Expectation::RiskResponse { risk } => {
            format!("update the response or actions of risk {risk}")
        }
        Expectation::RaciFixed(m) => {
            format!("fix milestone {m}'s RACI: one Accountable, at least one Responsible")
        }
    }
}
