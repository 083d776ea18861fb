//! Small builders for fixtures: a minimal valid pack, and milestones by id.

use chrono::NaiveDate;
use flightdeck_core::model::*;

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test dates are valid")
}

/// The smallest pack that validates: a program, one workstream, no items.
pub fn minimal_pack() -> Pack {
    Pack {
        format: PACK_FORMAT.into(),
        program: ProgramInfo {
            id: "tiny".into(),
            name: "Tiny program".into(),
            industry: Industry::Other,
            summary: "A fixture.".into(),
            start: date("2027-01-04"),
            end: date("2027-03-26"),
            as_of: None,
            currency: "USD".into(),
            budget: 100_000.0,
            joined: None,
        },
        goals: vec![],
        teams: vec![],
        workstreams: vec![Workstream {
            id: "ws".into(),
            name: "Workstream".into(),
            team: None,
        }],
        milestones: vec![],
        risks: vec![],
        assumptions: vec![],
        issues: vec![],
        decisions: vec![],
        stakeholders: vec![],
        communications: vec![],
        kpis: vec![],
        costs: vec![],
        scenario: None,
        rubric: vec![],
    }
}

/// A milestone in workstream `ws` from `start` to `finish`, depending on `deps`.
pub fn milestone(id: &str, start: &str, finish: &str, deps: &[&str]) -> Milestone {
    Milestone {
        id: id.into(),
        title: format!("Milestone {id}"),
        workstream: "ws".into(),
        goal: None,
        start: date(start),
        finish: date(finish),
        baseline_start: None,
        baseline_finish: None,
        actual_start: None,
        actual_finish: None,
        depends_on: deps.iter().map(|d| d.to_string()).collect(),
        planned_value: 1000.0,
        percent_complete: 0.0,
        raci: Raci::default(),
    }
}
