//! Derived figures against hand-worked examples.

use flightdeck_core::evm;
use flightdeck_core::figures::{self, Quadrant, RiskLevel};
use flightdeck_core::model::*;
use flightdeck_core::status;

use crate::builders::{date, milestone, minimal_pack};

fn stakeholder(
    id: &str,
    power: u8,
    interest: u8,
    now: Engagement,
    want: Engagement,
    cadence: u32,
) -> Stakeholder {
    Stakeholder {
        id: id.into(),
        name: id.to_uppercase(),
        role: String::new(),
        org: String::new(),
        power,
        interest,
        engagement: now,
        desired_engagement: want,
        channel: "email".into(),
        cadence_days: cadence,
    }
}

fn kpi(direction: Direction, target: f64, amber: f64, red: f64, readings: &[(&str, f64)]) -> Kpi {
    Kpi {
        id: "k".into(),
        name: "K".into(),
        unit: String::new(),
        direction,
        target,
        amber,
        red,
        frequency: "weekly".into(),
        owner: None,
        measurements: readings
            .iter()
            .map(|(d, v)| Measurement {
                date: date(d),
                value: *v,
            })
            .collect(),
    }
}

#[test]
fn risk_levels_follow_the_five_by_five_bands() {
    assert_eq!(RiskLevel::of(2, 2), RiskLevel::Low, "4 is low");
    assert_eq!(RiskLevel::of(1, 5), RiskLevel::Medium, "5 is medium");
    assert_eq!(RiskLevel::of(3, 3), RiskLevel::Medium, "9 is medium");
    assert_eq!(RiskLevel::of(2, 5), RiskLevel::High, "10 is high");
    assert_eq!(RiskLevel::of(4, 4), RiskLevel::High, "16 is high");
    assert_eq!(RiskLevel::of(4, 5), RiskLevel::Critical, "20 is critical");
}

#[test]
fn mendelow_quadrants_split_at_three() {
    assert_eq!(Quadrant::of(5, 5), Quadrant::ManageClosely);
    assert_eq!(Quadrant::of(3, 2), Quadrant::KeepSatisfied);
    assert_eq!(Quadrant::of(2, 3), Quadrant::KeepInformed);
    assert_eq!(Quadrant::of(1, 1), Quadrant::Monitor);
}

#[test]
fn the_grid_lists_each_stakeholder_in_its_quadrant_row_by_row_with_its_engagement_gap() {
    let mut pack = minimal_pack();
    pack.stakeholders = vec![
        stakeholder("cfo", 5, 2, Engagement::Neutral, Engagement::Supportive, 14),
        stakeholder(
            "cto",
            4,
            4,
            Engagement::Supportive,
            Engagement::Supportive,
            7,
        ),
        stakeholder("ops", 2, 4, Engagement::Resistant, Engagement::Neutral, 30),
        stakeholder("vp", 3, 3, Engagement::Leading, Engagement::Supportive, 7),
    ];
    let grid = figures::stakeholder_grid(&pack);
    let seen: Vec<(Quadrant, Vec<(&str, i32)>)> = grid
        .iter()
        .map(|q| {
            let who = q
                .stakeholders
                .iter()
                .map(|s| (s.id.as_str(), s.engagement_gap))
                .collect();
            (q.quadrant, who)
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (Quadrant::KeepSatisfied, vec![("cfo", 1)]),
            (Quadrant::ManageClosely, vec![("cto", 0), ("vp", -1)]),
            (Quadrant::Monitor, vec![]),
            (Quadrant::KeepInformed, vec![("ops", 1)]),
        ],
        "high power on the top row, high interest on the right; gaps as engagement_gap says"
    );
    assert_eq!(grid[1].label, "Manage closely");
    assert_eq!(grid[1].stakeholders[0].name, "CTO");
}

#[test]
fn teams_wait_on_each_other_through_their_workstreams_milestones() {
    let mut pack = minimal_pack();
    let ws = |id: &str, team: Option<&str>| Workstream {
        id: id.into(),
        name: id.into(),
        team: team.map(Into::into),
    };
    pack.workstreams = vec![
        ws("api", Some("platform")),
        ws("web", Some("shop")),
        ws("misc", None),
    ];
    let m = |id: &str, workstream: &str, deps: &[&str]| Milestone {
        workstream: workstream.into(),
        ..milestone(id, "2027-01-04", "2027-01-08", deps)
    };
    pack.milestones = vec![
        m("A1", "api", &[]),
        m("A2", "api", &["A1"]),             // same team: not counted
        m("W1", "web", &["A1", "A2"]),       // shop waits on platform twice
        m("W2", "web", &["W1", "A2", "X1"]), // once more on platform; W1 is its own team
        m("X1", "misc", &["W2"]),            // no team: counts for none
        m("A3", "api", &["W2"]),             // platform waits on shop once
    ];
    let found: Vec<(String, String, u32)> = figures::team_dependencies(&pack)
        .into_iter()
        .map(|d| (d.from, d.to, d.count))
        .collect();
    assert_eq!(
        found,
        vec![
            ("platform".to_string(), "shop".to_string(), 1),
            ("shop".to_string(), "platform".to_string(), 3),
        ]
    );
}

#[test]
fn the_engagement_gap_counts_steps_to_the_desired_level() {
    let s = stakeholder(
        "cfo",
        5,
        3,
        Engagement::Resistant,
        Engagement::Supportive,
        14,
    );
    assert_eq!(figures::engagement_gap(&s), 2);
    let s = stakeholder("cto", 5, 5, Engagement::Leading, Engagement::Supportive, 14);
    assert_eq!(figures::engagement_gap(&s), -1);
}

#[test]
fn communications_fall_overdue_after_their_cadence() {
    let mut pack = minimal_pack(); // starts 2027-01-04
    pack.stakeholders = vec![
        stakeholder("cfo", 5, 3, Engagement::Neutral, Engagement::Supportive, 14),
        stakeholder("ops", 2, 4, Engagement::Neutral, Engagement::Neutral, 7),
        stakeholder("new", 2, 2, Engagement::Unaware, Engagement::Neutral, 30),
    ];
    pack.communications = vec![Communication {
        date: date("2027-01-10"),
        stakeholders: vec!["cfo".into(), "ops".into()],
        channel: "meeting".into(),
        summary: "kick-off".into(),
        decisions: String::new(),
        follow_up: None,
    }];
    // On 2027-01-26: cfo was due 01-24 (2 days over), ops 01-17 (9 over), new 02-03 (not yet).
    let overdue = figures::overdue_communications(&pack, date("2027-01-26"));
    let got: Vec<(&str, i64)> = overdue
        .iter()
        .map(|o| (o.stakeholder.as_str(), o.days_overdue))
        .collect();
    assert_eq!(got, [("ops", 9), ("cfo", 2)]);
    assert_eq!(overdue[0].name, "OPS", "named for people too");
    assert_eq!(
        overdue[0].describe(),
        "OPS is 9 days overdue for communication"
    );
}

#[test]
fn a_stakeholder_never_contacted_is_counted_from_the_status_date_not_the_programs_start() {
    // Six years in, with nobody's contact in the pack's log.
    let mut pack = minimal_pack();
    pack.program.start = date("2006-01-02");
    pack.program.end = date("2012-12-31");
    pack.program.as_of = Some(date("2011-02-28"));
    pack.stakeholders = vec![stakeholder(
        "board",
        5,
        5,
        Engagement::Neutral,
        Engagement::Supportive,
        30,
    )];
    assert!(
        figures::overdue_communications(&pack, date("2011-02-28")).is_empty(),
        "on the status date the learner has a cadence's time to make contact"
    );
    let later = figures::overdue_communications(&pack, date("2011-04-06"));
    assert_eq!(later.len(), 1);
    assert_eq!(
        (later[0].last, later[0].due, later[0].days_overdue),
        (None, date("2011-03-30"), 7),
        "due 30 days after the status date"
    );
    assert_eq!(
        later[0].describe(),
        "BOARD has no contact logged and is 7 days overdue (due 30 Mar 2011)"
    );
}

#[test]
fn a_kpis_trend_is_better_or_worse_by_its_direction_from_the_reading_before() {
    let readings = [
        ("2027-01-04", 12.0),
        ("2027-01-11", 7.0),
        ("2027-01-18", 7.0),
    ];
    let lower = kpi(Direction::Lower, 2.0, 7.0, 10.0, &readings);
    let at = |k: &Kpi, d: &str| {
        let s = figures::kpi_status(k, date(d));
        (s.previous, s.trend)
    };
    assert_eq!(
        at(&lower, "2027-01-05"),
        (None, None),
        "one reading, no trend"
    );
    assert_eq!(
        at(&lower, "2027-01-12"),
        (Some(12.0), Some(figures::Trend::Better)),
        "12 → 7, lower is better"
    );
    assert_eq!(
        at(&lower, "2027-01-20"),
        (Some(7.0), Some(figures::Trend::Unchanged))
    );
    let higher = kpi(Direction::Higher, 2.0, 7.0, 10.0, &readings);
    assert_eq!(
        at(&higher, "2027-01-12").1,
        Some(figures::Trend::Worse),
        "12 → 7, higher is better"
    );
}

#[test]
fn kpi_status_respects_direction() {
    let lower = kpi(
        Direction::Lower,
        2.0,
        7.0,
        10.0,
        &[("2027-01-04", 12.0), ("2027-01-11", 7.0)],
    );
    assert_eq!(
        figures::kpi_status(&lower, date("2027-01-05")).rag,
        Some(Rag::Red),
        "12 ≥ red 10"
    );
    assert_eq!(
        figures::kpi_status(&lower, date("2027-01-12")).rag,
        Some(Rag::Amber),
        "7 reaches amber"
    );
    assert_eq!(figures::rag(&lower, 6.9), Rag::Green);
    let higher = kpi(Direction::Higher, 99.9, 99.5, 99.0, &[]);
    assert_eq!(figures::rag(&higher, 99.0), Rag::Red);
    assert_eq!(figures::rag(&higher, 99.3), Rag::Amber);
    assert_eq!(figures::rag(&higher, 99.95), Rag::Green);
    assert_eq!(
        figures::kpi_status(&higher, date("2027-01-12")).rag,
        None,
        "no reading, no status"
    );
}

#[test]
fn raci_violations_and_goalless_milestones_are_found() {
    let mut pack = minimal_pack();
    let mut ok = milestone("M1", "2027-01-04", "2027-01-08", &[]);
    ok.goal = Some("G1".into());
    ok.raci = Raci {
        accountable: Some("cfo".into()),
        responsible: vec!["ws".into()],
        ..Raci::default()
    };
    let broken = milestone("M2", "2027-01-04", "2027-01-08", &[]);
    pack.milestones = vec![ok, broken];
    let v = figures::raci_violations(&pack);
    assert_eq!(
        v.len(),
        2,
        "M2 has neither Accountable nor Responsible: {v:?}"
    );
    assert!(v.iter().all(|x| x.milestone == "M2"));
    assert_eq!(figures::milestones_without_goal(&pack), ["M2"]);
}

#[test]
fn earned_value_matches_a_hand_worked_example() {
    let mut pack = minimal_pack();
    pack.program.as_of = Some(date("2027-01-14"));
    // A: 10 days from 01-04, PV 10,000, done. B: 10 days from 01-14, PV 20,000, 25% done.
    let mut a = milestone("A", "2027-01-04", "2027-01-14", &[]);
    a.planned_value = 10_000.0;
    a.percent_complete = 100.0;
    a.actual_start = Some(date("2027-01-04"));
    a.actual_finish = Some(date("2027-01-12"));
    let mut b = milestone("B", "2027-01-14", "2027-01-24", &["A"]);
    b.planned_value = 20_000.0;
    b.percent_complete = 25.0;
    pack.milestones = vec![a, b];
    pack.costs = vec![Cost {
        date: date("2027-01-10"),
        amount: 12_000.0,
        description: String::new(),
        workstream: None,
    }];
    // On 01-19: PV = 10,000 + 20,000 × 5/10 = 20,000; EV = 10,000 + 5,000 = 15,000; AC = 12,000.
    let ev = evm::earned_value_at(&pack, date("2027-01-19"));
    assert_eq!((ev.pv, ev.ev, ev.ac), (20_000.0, 15_000.0, 12_000.0));
    assert_eq!((ev.sv, ev.cv), (-5_000.0, 3_000.0));
    assert_eq!(ev.spi, Some(0.75));
    assert_eq!(ev.cpi, Some(1.25));
    assert_eq!(ev.bac, 30_000.0);
    assert_eq!(ev.eac, Some(24_000.0));
    // Before anything is planned or spent the indices are absent, not infinite.
    let before = evm::earned_value_at(&pack, date("2027-01-01"));
    assert_eq!((before.spi, before.cpi, before.eac), (None, None, None));
}

#[test]
fn overall_status_is_the_worst_reason() {
    let mut pack = minimal_pack();
    let mut m = milestone("M1", "2027-01-04", "2027-01-08", &[]);
    m.raci = Raci {
        accountable: Some("cfo".into()),
        responsible: vec!["ws".into()],
        ..Raci::default()
    };
    m.goal = Some("G".into());
    m.percent_complete = 100.0;
    pack.milestones = vec![m];
    pack.program.as_of = Some(date("2027-01-11"));
    let green = status::program_status(&pack, date("2027-01-11"));
    assert_eq!(green.rag, Rag::Green, "{:?}", green.reasons);

    pack.kpis = vec![kpi(
        Direction::Lower,
        2.0,
        7.0,
        10.0,
        &[("2027-01-10", 8.0)],
    )];
    pack.kpis[0].unit = "days".into();
    let amber = status::program_status(&pack, date("2027-01-11"));
    assert_eq!(amber.rag, Rag::Amber);
    assert_eq!(
        amber.reasons[0].text, "KPI K is amber at 8 days (target ≤ 2 days)",
        "with its unit and target, as the KPI board shows them"
    );

    pack.milestones[0].percent_complete = 50.0;
    let red = status::program_status(&pack, date("2027-01-11"));
    assert_eq!(red.rag, Rag::Red, "a late critical-path milestone is red");
    assert!(
        red.reasons
            .iter()
            .any(|r| r.text == "Critical-path milestone M1 is late"),
        "{:?}",
        red.reasons
    );
}

#[test]
fn baseline_variance_counts_days_the_plan_moved() {
    let mut m = milestone("M1", "2027-02-01", "2027-02-19", &[]);
    assert_eq!(
        (
            figures::baseline_variance(&m).start_days,
            figures::baseline_variance(&m).finish_days
        ),
        (0, 0),
        "no baseline: no variance"
    );
    m.baseline_start = Some(date("2027-01-25"));
    m.baseline_finish = Some(date("2027-02-05"));
    let v = figures::baseline_variance(&m);
    assert_eq!(
        (v.start_days, v.finish_days),
        (7, 14),
        "a week later to start, two weeks later to finish"
    );

    let mut pack = minimal_pack();
    pack.milestones = vec![m, milestone("M2", "2027-02-01", "2027-02-19", &[])];
    let listed: Vec<(String, i64)> = status::program_status(&pack, date("2027-01-11"))
        .variances
        .into_iter()
        .map(|v| (v.id, v.finish_days))
        .collect();
    assert_eq!(
        listed,
        [("M1".to_string(), 14)],
        "the status lists the milestone whose plan moved, not the one that kept its plan"
    );
}

#[test]
fn a_figure_not_known_yet_is_left_out_of_the_json_as_its_typescript_twin_says() {
    // TypeScript calls these fields optional (`latest?: number`), so they must be absent, not
    // null: a view that checks for undefined would otherwise read a null
    let pack = flightdeck_core::bundled::packs().expect("packs").remove(0);
    let before_anything = pack.program.start - chrono::Duration::days(400);
    let early = status::program_status(&pack, before_anything);
    assert!(
        early.kpis.iter().any(|k| k.latest.is_none()) && early.earned_value.cpi.is_none(),
        "the fixture has figures not known yet"
    );
    let json = serde_json::to_string(&early).expect("json");
    assert!(!json.contains("null"), "no nulls: {json}");
}

#[test]
fn many_amber_reasons_of_one_kind_are_counted_in_one_so_others_still_show() {
    let mut pack = minimal_pack();
    pack.milestones = ["A", "B", "C", "D", "E"]
        .iter()
        .map(|id| milestone(id, "2027-01-04", "2027-01-08", &[]))
        .collect();
    let reasons: Vec<String> = status::program_status(&pack, date("2027-01-04"))
        .reasons
        .into_iter()
        .map(|r| r.text)
        .collect();
    assert_eq!(
        reasons,
        ["5 milestones have a broken RACI: A, B, C and 2 more"],
        "two problems each (no Accountable, no Responsible), one line for all five"
    );

    pack.milestones.truncate(2);
    let reasons = status::program_status(&pack, date("2027-01-04")).reasons;
    assert_eq!(
        reasons.len(),
        4,
        "up to three milestones, each problem is said"
    );
}
