//! Synthetic packs of any size, for benchmarks and load tests: valid by construction and the
//! same for the same sizes, so runs compare like with like.

use chrono::{Duration, NaiveDate};

use crate::model::*;

mod history;
pub use history::long_program;

/// How many of each item a synthetic pack holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub milestones: usize,
    pub risks: usize,
    pub stakeholders: usize,
    pub communications: usize,
    pub kpis: usize,
    /// Measurements per KPI.
    pub points: usize,
}

impl Sizes {
    /// The benchmark's pack: 5,000 milestones, 2,000 risks, 500 stakeholders, 20,000
    /// communications, 200 KPIs × 500 measurements.
    pub const BENCHMARK: Sizes = Sizes {
        milestones: 5_000,
        risks: 2_000,
        stakeholders: 500,
        communications: 20_000,
        kpis: 200,
        points: 500,
    };
}

/// A small deterministic generator (an LCG): no dependency, same numbers on every machine.
struct Dice(u64);

impl Dice {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
    fn scale(&mut self) -> u8 {
        1 + self.next(5) as u8
    }
}

const WORKSTREAMS: usize = 8;

pub fn pack(sizes: Sizes) -> Pack {
    let mut dice = Dice(42);
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap_or_default();
    let day = |n: u64| start + Duration::days(n as i64);
    let stakeholders: Vec<Stakeholder> = (0..sizes.stakeholders.max(1))
        .map(|i| Stakeholder {
            id: format!("s{i}"),
            name: format!("Stakeholder {i}"),
            role: "Role".into(),
            org: format!("Org {}", i % 12),
            power: dice.scale(),
            interest: dice.scale(),
            engagement: Engagement::Neutral,
            desired_engagement: Engagement::Supportive,
            channel: "email".into(),
            cadence_days: 7 + dice.next(21) as u32,
        })
        .collect();
    let who = |i: usize| format!("s{}", i % stakeholders.len());
    let teams: Vec<Team> = (0..WORKSTREAMS)
        .map(|i| Team {
            id: format!("t{i}"),
            name: format!("Team {i}"),
            lead: Some(who(i)),
        })
        .collect();
    let workstreams: Vec<Workstream> = (0..WORKSTREAMS)
        .map(|i| Workstream {
            id: format!("w{i}"),
            name: format!("Workstream {i}"),
            team: Some(format!("t{i}")),
        })
        .collect();
    let goals: Vec<Goal> = (0..3)
        .map(|i| Goal {
            id: format!("g{i}"),
            title: format!("Goal {i}"),
            kpi: None,
        })
        .collect();
    // Milestones run in chains per workstream, each starting when its predecessor finishes,
    // with a cross-lane dependency now and then: acyclic because edges only point backwards.
    let mut milestones: Vec<Milestone> = Vec::with_capacity(sizes.milestones);
    let mut lane_end = [0u64; WORKSTREAMS];
    for i in 0..sizes.milestones {
        let lane = i % WORKSTREAMS;
        let mut deps = Vec::new();
        let mut begin = lane_end[lane];
        if i >= WORKSTREAMS {
            deps.push(format!("m{}", i - WORKSTREAMS));
        }
        if i > WORKSTREAMS * 2 && dice.next(10) == 0 {
            let other = i - WORKSTREAMS - 1 - dice.next(WORKSTREAMS as u64) as usize;
            let other_end = (milestones[other].finish - start).num_days() as u64;
            begin = begin.max(other_end);
            deps.push(format!("m{other}"));
        }
        let length = 1 + dice.next(10);
        lane_end[lane] = begin + length;
        milestones.push(Milestone {
            id: format!("m{i}"),
            title: format!("Milestone {i}"),
            workstream: format!("w{lane}"),
            goal: Some(format!("g{}", i % 3)),
            start: day(begin),
            finish: day(begin + length),
            baseline_start: None,
            baseline_finish: None,
            actual_start: None,
            actual_finish: None,
            depends_on: deps,
            planned_value: 1_000.0 + dice.next(9_000) as f64,
            percent_complete: 0.0,
            raci: Raci {
                accountable: Some(who(i)),
                responsible: vec![format!("t{lane}")],
                consulted: vec![],
                informed: vec![who(i + 1)],
            },
        });
    }
    let end = day(lane_end.iter().copied().max().unwrap_or(1).max(1));
    let risks = (0..sizes.risks)
        .map(|i| Risk {
            id: format!("r{i}"),
            title: format!("Risk {i}"),
            cause: "Because of a cause".into(),
            event: "an event may happen".into(),
            effect: "with an effect".into(),
            category: "technical".into(),
            likelihood: dice.scale(),
            impact: dice.scale(),
            owner: Some(who(i)),
            response: RiskResponse::Reduce,
            actions: "Act".into(),
            review: Some(day(30)),
            residual_likelihood: None,
            residual_impact: None,
            status: RiskStatus::Open,
        })
        .collect();
    let communications = (0..sizes.communications)
        .map(|i| Communication {
            date: day(dice.next(180)),
            stakeholders: vec![who(i), who(i * 7 + 3)],
            channel: "meeting".into(),
            summary: format!("Update {i}"),
            decisions: String::new(),
            follow_up: None,
        })
        .collect();
    let kpis = (0..sizes.kpis)
        .map(|i| Kpi {
            id: format!("k{i}"),
            name: format!("KPI {i}"),
            unit: "ms".into(),
            direction: Direction::Lower,
            target: 100.0,
            amber: 150.0,
            red: 200.0,
            frequency: "daily".into(),
            owner: Some(who(i)),
            measurements: (0..sizes.points)
                .map(|p| Measurement {
                    date: day(p as u64),
                    value: 80.0 + dice.next(160) as f64,
                })
                .collect(),
        })
        .collect();
    Pack {
        format: PACK_FORMAT.into(),
        program: ProgramInfo {
            id: "synthetic".into(),
            name: "Synthetic program".into(),
            industry: Industry::Other,
            summary: "Generated for benchmarks.".into(),
            start,
            end: end.max(day(sizes.points as u64)),
            as_of: None,
            currency: "USD".into(),
            budget: milestones
                .iter()
                .map(|m| m.planned_value)
                .sum::<f64>()
                .max(1.0),
            joined: None,
        },
        goals,
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
        costs: (0..24)
            .map(|i| Cost {
                date: day(i * 7),
                amount: 10_000.0,
                description: "Spend".into(),
                workstream: None,
            })
            .collect(),
        scenario: None,
        rubric: vec![],
    }
}

/// A KPI with `points` daily readings: a slow wave with noise, from 1 January 2000. For the
/// charts' benchmark and their decimation test.
pub fn long_kpi(points: usize) -> Kpi {
    let start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
    let mut seed = 7u64;
    Kpi {
        id: "load".into(),
        name: "Checkout p95 latency".into(),
        unit: "ms".into(),
        direction: Direction::Lower,
        target: 300.0,
        amber: 450.0,
        red: 600.0,
        frequency: "hourly".into(),
        owner: None,
        measurements: (0..points)
            .map(|i| {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let noise = (seed >> 40) as f64 / (1u64 << 24) as f64;
                Measurement {
                    date: start + Duration::days(i as i64),
                    value: 350.0 + 150.0 * (i as f64 / 5000.0).sin() + 80.0 * noise,
                }
            })
            .collect(),
    }
}
