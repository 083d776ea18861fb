//! The program overview: what the app shows first when a program is chosen.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::model::{Industry, Pack};

/// How many items each module holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ModuleCounts {
    pub goals: usize,
    pub teams: usize,
    pub workstreams: usize,
    pub milestones: usize,
    pub risks: usize,
    pub assumptions: usize,
    pub issues: usize,
    pub decisions: usize,
    pub stakeholders: usize,
    pub communications: usize,
    pub kpis: usize,
    pub measurements: usize,
    pub costs: usize,
    pub scenario_events: usize,
    pub rubric_items: usize,
}

/// A program's identity, dates, budget and module counts.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Overview {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub industry: Industry,
    pub summary: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub as_of: NaiveDate,
    pub currency: String,
    pub budget: f64,
    pub counts: ModuleCounts,
}

impl Overview {
    pub fn of(id: i64, pack: &Pack) -> Overview {
        let p = &pack.program;
        Overview {
            id,
            slug: p.id.clone(),
            name: p.name.clone(),
            industry: p.industry,
            summary: p.summary.clone(),
            start: p.start,
            end: p.end,
            as_of: p.as_of(),
            currency: p.currency.clone(),
            budget: p.budget,
            counts: ModuleCounts {
                goals: pack.goals.len(),
                teams: pack.teams.len(),
                workstreams: pack.workstreams.len(),
                milestones: pack.milestones.len(),
                risks: pack.risks.len(),
                assumptions: pack.assumptions.len(),
                issues: pack.issues.len(),
                decisions: pack.decisions.len(),
                stakeholders: pack.stakeholders.len(),
                communications: pack.communications.len(),
                kpis: pack.kpis.len(),
                measurements: pack.kpis.iter().map(|k| k.measurements.len()).sum(),
                costs: pack.costs.len(),
                scenario_events: pack.scenario.as_ref().map_or(0, |s| s.events.len()),
                rubric_items: pack.rubric.len(),
            },
        }
    }
}
