//! A long program with history, like the ones real TPMs join: six years long with the status
//! date five years in, many milestones finished (some late), others started years ago and
//! 70–85% done, a budget of hundreds of millions, long names, stakeholders never contacted in
//! the log, several people at one point of the power/interest grid, and a KPI whose target lies
//! far from its readings. The same for the same number of years.

use chrono::{Datelike, Duration, Months, NaiveDate};

use super::Dice;
use crate::model::*;

const LANES: [&str; 6] = [
    "Signalling and train control: trackside equipment, interlockings and the control centre",
    "Rolling stock",
    "Stations and accessibility",
    "Depots",
    "Systems integration and testing",
    "Operational readiness",
];

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// The Monday on or after `d`.
fn monday(d: NaiveDate) -> NaiveDate {
    d + Duration::days((7 - i64::from(d.weekday().num_days_from_monday())) % 7)
}

/// A program of `years` years from January 2006, its status date one year before its end.
pub fn long_program(years: u32) -> Pack {
    let years = years.max(2);
    let mut dice = Dice(2006);
    let start = date(2006, 1, 2);
    let end = date(2006 + years as i32 - 1, 12, 29);
    let as_of = monday(date(2006 + years as i32 - 1, 2, 28));
    let people = [
        ("sponsor", "Margaret Okonkwo-Richardson", 5, 5),
        ("cfo", "Dana Whitfield", 5, 5),
        ("regulator", "Office of Rail Regulation liaison", 5, 5),
        ("board", "Programme board", 5, 5),
        ("ops-director", "Operations director", 4, 4),
        ("union", "Drivers' union representative", 2, 5),
        ("council", "City council transport committee", 4, 2),
        ("press", "Press office", 1, 2),
    ];
    let stakeholders: Vec<Stakeholder> = people
        .iter()
        .enumerate()
        .map(|(i, &(id, name, power, interest))| Stakeholder {
            id: id.into(),
            name: name.into(),
            role: "Stakeholder".into(),
            org: "Transport authority".into(),
            power,
            interest,
            engagement: Engagement::Neutral,
            desired_engagement: Engagement::Supportive,
            channel: "meeting".into(),
            cadence_days: [14, 30, 60][i % 3],
        })
        .collect();
    let workstreams: Vec<Workstream> = LANES
        .iter()
        .enumerate()
        .map(|(i, name)| Workstream {
            id: format!("w{i}"),
            name: (*name).into(),
            team: Some(format!("t{i}")),
        })
        .collect();
    let teams: Vec<Team> = (0..LANES.len())
        .map(|i| Team {
            id: format!("t{i}"),
            name: format!("Delivery team {}", i + 1),
            lead: None,
        })
        .collect();

    // Each lane is a chain of ten milestones spread over the program, weekday to weekday.
    let span_days = (end - start).num_days();
    let mut milestones = Vec::new();
    for (lane, _) in LANES.iter().enumerate() {
        let mut at = start + Duration::days(dice.next(60) as i64);
        for step in 0..10 {
            let i = lane * 10 + step;
            let length = span_days / 10 - 30 + dice.next(40) as i64;
            let begin = monday(at);
            let finish = begin + Duration::days(length - length % 7 + 4);
            let mut depends_on = Vec::new();
            if step > 0 {
                depends_on.push(format!("M{}", i - 1));
            }
            if lane > 0 && step > 2 && dice.next(3) == 0 {
                depends_on.push(format!("M{}", (lane - 1) * 10 + step - 2));
            }
            let mut m = Milestone {
                id: format!("M{i}"),
                title: format!(
                    "{} — stage {} of 10: design, build, install and commission",
                    LANES[lane].split(':').next().unwrap_or(LANES[lane]),
                    step + 1
                ),
                workstream: format!("w{lane}"),
                goal: (i % 7 != 0).then(|| "G1".into()),
                start: begin,
                finish,
                baseline_start: None,
                baseline_finish: None,
                actual_start: None,
                actual_finish: None,
                depends_on,
                planned_value: 5_000_000.0 + dice.next(10_000) as f64 * 1_000.0,
                percent_complete: 0.0,
                raci: Raci {
                    accountable: Some("sponsor".into()),
                    responsible: vec![format!("t{lane}")],
                    consulted: vec![],
                    informed: vec![],
                },
            };
            if finish < as_of {
                // history: done, a few weeks late now and then, dependencies met late too
                let late = Duration::weeks(dice.next(3) as i64);
                m.actual_start = Some(begin);
                m.actual_finish = Some(finish + late);
                m.percent_complete = 100.0;
                if late > Duration::zero() {
                    m.baseline_start = Some(begin);
                    m.baseline_finish = Some(finish);
                }
            } else if begin < as_of {
                m.actual_start = Some(begin);
                m.percent_complete = 70.0 + dice.next(16) as f64;
            }
            milestones.push(m);
            at = finish + Duration::days(3);
        }
    }
    let end = end.max(milestones.iter().map(|m| m.finish).max().unwrap_or(end));
    let budget: f64 = milestones.iter().map(|m| m.planned_value).sum();

    // Monthly costs to the status date, a little over the earned value.
    let mut costs = Vec::new();
    let mut month = start;
    while month < as_of {
        costs.push(Cost {
            date: month,
            amount: budget / f64::from(years * 12) * (0.9 + dice.next(30) as f64 / 100.0),
            description: "Monthly contractor invoices".into(),
            workstream: None,
        });
        month = month.checked_add_months(Months::new(1)).unwrap_or(as_of);
    }
    // The board and the press office were never contacted in the log.
    let mut communications = Vec::new();
    let mut day = start;
    while day < as_of {
        communications.push(Communication {
            date: day,
            stakeholders: vec!["sponsor".into(), "cfo".into(), "ops-director".into()],
            channel: "meeting".into(),
            summary: "Monthly programme review".into(),
            decisions: String::new(),
            follow_up: None,
        });
        day = day.checked_add_months(Months::new(1)).unwrap_or(as_of);
    }
    let monthly = |from: f64, to: f64, dice: &mut Dice| -> Vec<Measurement> {
        let months = (years - 1) * 12;
        (0..months)
            .map(|k| Measurement {
                date: start.checked_add_months(Months::new(k)).unwrap_or(start),
                value: ((from + (to - from) * f64::from(k) / f64::from(months)) * 10.0).round()
                    / 10.0
                    + dice.next(20) as f64 / 10.0,
            })
            .collect()
    };
    let kpis = vec![
        Kpi {
            id: "availability".into(),
            name: "Signalling system availability".into(),
            unit: "%".into(),
            direction: Direction::Higher,
            target: 99.9,
            amber: 99.0,
            red: 97.0,
            frequency: "monthly".into(),
            owner: Some("ops-director".into()),
            measurements: monthly(95.0, 97.5, &mut dice),
        },
        Kpi {
            id: "delay-minutes".into(),
            name: "Passenger delay minutes per month".into(),
            unit: "min".into(),
            direction: Direction::Lower,
            target: 500.0,
            amber: 20_000.0,
            red: 40_000.0,
            frequency: "monthly".into(),
            owner: Some("ops-director".into()),
            measurements: monthly(48_000.0, 36_000.0, &mut dice),
        },
    ];
    let risks = (0..12)
        .map(|i| Risk {
            id: format!("R{}", i + 1),
            title: format!("Risk {} in {}", i + 1, LANES[i % LANES.len()]),
            cause: "Because of a cause".into(),
            event: "an event may happen".into(),
            effect: "with an effect".into(),
            category: "technical".into(),
            likelihood: [4, 4, 4, 3, 2, 5][i % 6],
            impact: [4, 4, 4, 3, 5, 2][i % 6],
            owner: Some("sponsor".into()),
            response: RiskResponse::Reduce,
            actions: "Act".into(),
            review: Some(as_of + Duration::days(30)),
            residual_likelihood: Some(2),
            residual_impact: Some(3),
            status: RiskStatus::Open,
        })
        .collect();

    Pack {
        format: PACK_FORMAT.into(),
        program: ProgramInfo {
            id: "long-history".into(),
            name: "Metro resignalling: six years, five behind us".into(),
            industry: Industry::Other,
            summary: "A long program joined deep into its history.".into(),
            start,
            end,
            as_of: Some(as_of),
            currency: "GBP".into(),
            budget: budget * 1.1,
            joined: None,
        },
        goals: vec![Goal {
            id: "G1".into(),
            title: "Resignal the metro without closing a line".into(),
            kpi: Some("availability".into()),
        }],
        teams,
        workstreams,
        milestones,
        risks,
        assumptions: vec![],
        issues: vec![],
        decisions: vec![],
        stakeholders,
        communications,
        kpis,
        costs,
        scenario: None,
        rubric: vec![],
    }
}
