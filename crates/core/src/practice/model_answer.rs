//! A model answer: an attempt played by a learner who does what every rubric item asks, on
//! the day its event fires. The tests check that it scores high on every bundled scenario, the
//! grading benchmark grades copies of it, and a trainer can show it as a worked example.

use std::collections::{BTreeMap, HashSet};

use chrono::Duration;

use super::StatusDraft;
use crate::edit::Edit;
use crate::model::{Communication, Expectation, Milestone, Rag, Risk, RiskStatus, RubricItem};
use crate::register::sql;
use crate::register::{Item, Milestones, Risks};
use crate::{Error, Result, Store};

impl Store {
    /// Plays the attempt to its end as the model answer, then finishes it.
    pub fn play_model_answer(&mut self, id: i64) -> Result<()> {
        let (_, pack) = crate::store::write::source_pack(self.conn(), id)?;
        let mut answered = HashSet::new();
        loop {
            let fired: HashSet<String> = self.inbox(id)?.into_iter().map(|e| e.event).collect();
            let mut week = BTreeMap::new();
            for item in pack.rubric.iter().filter(|i| fired.contains(&i.after)) {
                if answered.insert(item.id.clone()) {
                    self.answer(id, &pack, item, &mut week)?;
                }
            }
            let attempt = self.attempt(id)?;
            if attempt.clock >= attempt.ends {
                break;
            }
            self.advance(id, 7)?;
        }
        self.finish_attempt(id)?;
        Ok(())
    }

    /// Does what one rubric item asks; `week` gathers this week's KPI colours for its report.
    fn answer(
        &mut self,
        id: i64,
        pack: &crate::model::Pack,
        item: &RubricItem,
        week: &mut BTreeMap<String, Rag>,
    ) -> Result<()> {
        let today = self.attempt(id)?.clock;
        let milestone = |s: &Store, key: &str| -> Result<Milestone> {
            Ok(sql::get::<Milestones>(s.conn(), id, key)?
                .ok_or_else(|| Error::not_found("milestone", key))?
                .item)
        };
        match &item.expect {
            Expectation::Risk {
                keywords,
                min_impact,
            } => {
                let keyword = keywords.iter().find(|k| !k.trim().is_empty());
                let risk = Risk {
                    id: format!("L-{}", item.id),
                    title: format!("{} could stall the plan", keyword.map_or("", |k| k.trim())),
                    cause: String::new(),
                    event: String::new(),
                    effect: format!("Raised in response to {}", item.after),
                    category: String::new(),
                    likelihood: 3,
                    impact: (*min_impact).max(4),
                    owner: None,
                    response: crate::model::RiskResponse::Reduce,
                    actions: String::new(),
                    review: None,
                    residual_likelihood: None,
                    residual_impact: None,
                    status: RiskStatus::Open,
                };
                self.apply(id, &Edit::put(Item::Risks(risk)))?;
            }
            Expectation::Communication { stakeholder } => {
                let entry = Communication {
                    date: today,
                    stakeholders: vec![stakeholder.clone()],
                    channel: "call".into(),
                    summary: format!("Walked through {} and what it changes", item.after),
                    decisions: String::new(),
                    follow_up: None,
                };
                self.log_communication(id, &entry)?;
            }
            Expectation::MilestoneReplanned(key) => {
                let mut m = milestone(self, key)?;
                m.finish += Duration::days(7);
                self.apply(id, &Edit::put(Item::Milestones(m)))?;
            }
            Expectation::KpiStatus { kpi, rag } => {
                week.insert(kpi.clone(), *rag);
                let draft = StatusDraft {
                    overall: Rag::Amber,
                    kpis: week.clone(),
                    note: format!("Status after {}", item.after),
                };
                self.report_status(id, &draft)?;
            }
            Expectation::RiskResponse { risk } => {
                let mut r = sql::get::<Risks>(self.conn(), id, risk)?
                    .ok_or_else(|| Error::not_found("risk", risk.clone()))?
                    .item;
                r.actions = format!("{} Re-planned after {}.", r.actions, item.after)
                    .trim()
                    .to_string();
                self.apply(id, &Edit::put(Item::Risks(r)))?;
            }
            Expectation::RaciFixed(key) => {
                let mut m = milestone(self, key)?;
                if m.raci.accountable.is_none() {
                    m.raci.accountable = pack.stakeholders.first().map(|s| s.id.clone());
                }
                if m.raci.responsible.is_empty() {
                    m.raci
                        .responsible
                        .extend(pack.teams.first().map(|t| t.id.clone()));
                }
                self.apply(id, &Edit::put(Item::Milestones(m)))?;
            }
        }
        Ok(())
    }
}
