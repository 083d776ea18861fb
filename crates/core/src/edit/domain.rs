//! The TPM's everyday actions, each one recorded and undoable action built from item changes:
//! record a KPI reading, log a communication, turn a realised risk into an issue, re-baseline
//! milestones, update a milestone's progress.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::change::put;
use super::{Action, ActionKind, Change, simulated_date};
use crate::model::{Communication, EntryStatus, Milestone, RaidEntry, RiskStatus};
use crate::register::sql;
use crate::register::{Communications, Issues, Measurements, Milestones, Reading, Risks};
use crate::{Error, Result, Store};

/// Where a milestone stands: how much is done and when it actually started and finished.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Progress {
    /// 0–100.
    pub percent_complete: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub actual_start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub actual_finish: Option<NaiveDate>,
}

impl Store {
    /// Records a reading of the KPI.
    pub fn record_measurement(
        &mut self,
        program: i64,
        kpi: &str,
        date: NaiveDate,
        value: f64,
    ) -> Result<Action> {
        let reading = Reading {
            kpi: kpi.to_string(),
            date,
            value,
        };
        self.act(program, ActionKind::Record, |tx| {
            Ok(vec![put::<Measurements>(tx, program, None, &reading)?])
        })
    }

    /// Logs a communication with one or more stakeholders.
    pub fn log_communication(&mut self, program: i64, entry: &Communication) -> Result<Action> {
        self.act(program, ActionKind::Log, |tx| {
            Ok(vec![put::<Communications>(tx, program, None, entry)?])
        })
    }

    /// Marks the risk realised and opens the issue it became, linked to it, raised on the
    /// practice clock's date.
    pub fn realise_risk(&mut self, program: i64, risk: &str) -> Result<Action> {
        self.act(program, ActionKind::Realise, |tx| {
            realise(tx, program, risk)
        })
    }

    /// Makes the current plan the baseline: of one milestone, or of every milestone whose
    /// baseline differs from its plan.
    pub fn rebaseline(&mut self, program: i64, milestone: Option<&str>) -> Result<Action> {
        self.act(program, ActionKind::Rebaseline, |tx| {
            let milestones: Vec<Milestone> = match milestone {
                Some(key) => vec![
                    sql::get::<Milestones>(tx, program, key)?
                        .ok_or_else(|| Error::not_found("milestone", key))?
                        .item,
                ],
                None => sql::load_all::<Milestones>(tx, program)?,
            };
            let mut changes = Vec::new();
            for mut m in milestones {
                if m.baseline_start != Some(m.start) || m.baseline_finish != Some(m.finish) {
                    m.baseline_start = Some(m.start);
                    m.baseline_finish = Some(m.finish);
                    changes.push(put::<Milestones>(tx, program, None, &m)?);
                }
            }
            if changes.is_empty() {
                return Err(Error::Conflict(
                    "nothing to re-baseline: the baseline already matches the plan".into(),
                ));
            }
            Ok(changes)
        })
    }

    /// Updates a milestone's percent complete and actual dates.
    pub fn update_progress(
        &mut self,
        program: i64,
        milestone: &str,
        progress: &Progress,
    ) -> Result<Action> {
        self.act(program, ActionKind::Progress, |tx| {
            let mut m = sql::get::<Milestones>(tx, program, milestone)?
                .ok_or_else(|| Error::not_found("milestone", milestone))?
                .item;
            m.percent_complete = progress.percent_complete;
            m.actual_start = progress.actual_start;
            m.actual_finish = progress.actual_finish;
            Ok(vec![put::<Milestones>(tx, program, None, &m)?])
        })
    }
}

/// The risk marked realised and the issue it became, linked to it and raised on the practice
/// clock's date: a learner's action or a scenario event's effect.
pub(crate) fn realise(tx: &Connection, program: i64, risk: &str) -> Result<Vec<Change>> {
    let stored =
        sql::get::<Risks>(tx, program, risk)?.ok_or_else(|| Error::not_found("risk", risk))?;
    if stored.item.status == RiskStatus::Realised {
        return Err(Error::Conflict(format!("risk {risk} is already realised")));
    }
    let mut realised = stored.item;
    realised.status = RiskStatus::Realised;
    let marked = put::<Risks>(tx, program, None, &realised)?;
    let mut id = format!("I-{risk}");
    let mut n = 1;
    while sql::contains(tx, program, crate::register::RegisterName::Issues, &id)? {
        n += 1;
        id = format!("I-{risk}-{n}");
    }
    let detail = [("Event", &realised.event), ("Effect", &realised.effect)]
        .iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(label, text)| format!("{label}: {text}"))
        .collect::<Vec<_>>()
        .join("\n");
    let issue = RaidEntry {
        id,
        title: realised.title.clone(),
        detail: format!("Risk {risk} was realised.\n{detail}")
            .trim_end()
            .to_string(),
        owner: realised.owner.clone(),
        raised: simulated_date(tx, program)?,
        status: EntryStatus::Open,
        risk: Some(risk.to_string()),
    };
    let opened = put::<Issues>(tx, program, None, &issue)?;
    Ok(vec![marked, opened])
}
