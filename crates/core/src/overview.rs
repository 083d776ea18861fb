//! The program overview: what the app shows first when a program is chosen.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::model::{Industry, ProgramInfo};
use crate::register::RegisterName;

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
    /// The overview from the program's facts and each register's count.
    pub fn new(
        id: i64,
        p: ProgramInfo,
        counts: &[(RegisterName, usize)],
        scenario_events: usize,
        rubric_items: usize,
    ) -> Overview {
        let n = |register: RegisterName| {
            counts
                .iter()
                .find(|(r, _)| *r == register)
                .map_or(0, |(_, count)| *count)
        };
        use RegisterName as R;
        Overview {
            id,
            slug: p.id.clone(),
            name: p.name.clone(),
            industry: p.industry,
            summary: p.summary.clone(),
            start: p.start,
            end: p.end,
            as_of: p.as_of(),
            currency: p.currency,
            budget: p.budget,
            counts: ModuleCounts {
                goals: n(R::Goals),
                teams: n(R::Teams),
                workstreams: n(R::Workstreams),
                milestones: n(R::Milestones),
                risks: n(R::Risks),
                assumptions: n(R::Assumptions),
                issues: n(R::Issues),
                decisions: n(R::Decisions),
                stakeholders: n(R::Stakeholders),
                communications: n(R::Communications),
                kpis: n(R::Kpis),
                measurements: n(R::Measurements),
                costs: n(R::Costs),
                scenario_events,
                rubric_items,
            },
        }
    }
}
