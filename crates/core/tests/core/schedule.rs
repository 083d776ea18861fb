//! The forecast, the critical path and slack, against hand-worked examples in working days, and
//! the status-date rules over random programs with history.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use flightdeck_core::model::Milestone;
use flightdeck_core::schedule::{self, Schedule};
use proptest::prelude::*;

use crate::builders::{date, milestone};

fn slack_of(s: &Schedule, id: &str) -> i64 {
    s.milestones
        .iter()
        .find(|m| m.id == id)
        .expect("present")
        .slack_days
}

fn forecast_of<'a>(s: &'a Schedule, id: &str) -> &'a schedule::MilestoneSlack {
    s.milestones.iter().find(|m| m.id == id).expect("present")
}

#[test]
fn the_longest_chain_is_critical_and_the_side_branch_has_slack() {
    // In working days: A (Mon 4 – Fri 8 Jan, 5 days) → B (11–22 Jan, 10) → D (25–26 Jan, 2);
    // A → C (11–13 Jan, 3) → D. C may slip from Wed 13 to Fri 22 Jan: 7 working days.
    let ms = vec![
        milestone("A", "2027-01-04", "2027-01-08", &[]),
        milestone("B", "2027-01-11", "2027-01-22", &["A"]),
        milestone("C", "2027-01-11", "2027-01-13", &["A"]),
        milestone("D", "2027-01-25", "2027-01-26", &["B", "C"]),
    ];
    let s = schedule::analyse(&ms, date("2027-01-04")).expect("no cycle");
    assert_eq!(
        s.critical_path,
        ["A", "B", "D"],
        "a Friday finish and a Monday start leave no slack"
    );
    assert_eq!(
        (
            slack_of(&s, "A"),
            slack_of(&s, "B"),
            slack_of(&s, "C"),
            slack_of(&s, "D")
        ),
        (0, 0, 7, 0)
    );
    assert_eq!(s.finish, Some(date("2027-01-26")));
    assert!(s.conflicts.is_empty());
}

#[test]
fn a_slipped_predecessor_pushes_its_successor_and_is_a_conflict() {
    let ms = vec![
        milestone("A", "2027-01-04", "2027-01-15", &[]),
        milestone("B", "2027-01-11", "2027-01-12", &["A"]),
    ];
    let s = schedule::analyse(&ms, date("2027-01-04")).expect("no cycle");
    assert_eq!(s.conflicts, vec![("B".to_string(), "A".to_string())]);
    assert_eq!(
        forecast_of(&s, "B").early_finish,
        date("2027-01-19"),
        "B starts on Monday 18 Jan, after A's Friday finish, and keeps its 2 working days"
    );
}

#[test]
fn a_cycle_is_found_and_analysis_declines() {
    let ms = vec![
        milestone("A", "2027-01-04", "2027-01-05", &["C"]),
        milestone("B", "2027-01-04", "2027-01-05", &["A"]),
        milestone("C", "2027-01-04", "2027-01-05", &["B"]),
    ];
    let cycle = schedule::find_cycle(&ms).expect("cycle");
    assert_eq!(cycle.first(), cycle.last());
    assert_eq!(cycle.len(), 4);
    assert!(schedule::analyse(&ms, date("2027-01-04")).is_none());
}

fn done(mut m: Milestone, actual_start: &str, actual_finish: &str) -> Milestone {
    m.actual_start = Some(date(actual_start));
    m.actual_finish = Some(date(actual_finish));
    m.percent_complete = 100.0;
    m
}

fn under_way(mut m: Milestone, actual_start: &str, percent: f64) -> Milestone {
    m.actual_start = Some(date(actual_start));
    m.percent_complete = percent;
    m
}

/// Status date Wednesday 3 March 2027, halfway through the program.
fn half_finished_program() -> Vec<Milestone> {
    vec![
        // finished a week late, on Fri 5 Feb
        done(
            milestone("A", "2027-01-04", "2027-01-29", &[]),
            "2027-01-04",
            "2027-02-05",
        ),
        // finished on time in January although A had not: history, not a conflict today
        done(
            milestone("E", "2027-01-11", "2027-01-15", &["A"]),
            "2027-01-11",
            "2027-01-15",
        ),
        // 20 working days planned (1–26 Feb), half done: 10 left from Wed 3 Mar → Tue 16 Mar
        under_way(
            milestone("B", "2027-02-01", "2027-02-26", &["A"]),
            "2027-02-08",
            50.0,
        ),
        // planned 22 Feb – 5 Mar (10 days) before B's planned finish: a conflict; it waits
        // for B and runs Wed 17 – Tue 30 Mar
        milestone("C", "2027-02-22", "2027-03-05", &["B"]),
        // planned 1–12 Feb, never started: its 10 days run from the status date to Tue 16 Mar
        milestone("D", "2027-02-01", "2027-02-12", &[]),
    ]
}

#[test]
fn a_half_finished_program_keeps_its_history_and_schedules_the_work_left() {
    let s = schedule::analyse(&half_finished_program(), date("2027-03-03")).expect("no cycle");
    let a = forecast_of(&s, "A");
    assert_eq!(
        (a.early_start, a.early_finish, a.finished, a.critical),
        (date("2027-01-04"), date("2027-02-05"), true, false),
        "finished work stays at its actual dates and is never critical"
    );
    let b = forecast_of(&s, "B");
    assert_eq!(
        (b.early_start, b.early_finish),
        (date("2027-02-08"), date("2027-03-16")),
        "B keeps its actual start; its 10 days left run from the status date"
    );
    let c = forecast_of(&s, "C");
    assert_eq!(
        (c.early_start, c.early_finish),
        (date("2027-03-17"), date("2027-03-30"))
    );
    let d = forecast_of(&s, "D");
    assert_eq!(
        (d.early_start, d.early_finish, d.slack_days),
        (date("2027-03-03"), date("2027-03-16"), 10),
        "an overdue start is forecast from the status date, and may slip to the end"
    );
    assert_eq!(s.finish, Some(date("2027-03-30")));
    assert_eq!(
        s.critical_path,
        ["B", "C"],
        "only unfinished work is critical"
    );
    assert_eq!(
        s.conflicts,
        vec![("C".to_string(), "B".to_string())],
        "E started before A finished, but both finished long ago"
    );
}

#[test]
fn dependencies_of_finished_work_do_not_move_the_forecast() {
    let with = half_finished_program();
    let mut without = with.clone();
    for m in without.iter_mut().filter(|m| m.finished()) {
        m.depends_on.clear();
    }
    let as_of = date("2027-03-03");
    assert_eq!(
        schedule::analyse(&with, as_of),
        schedule::analyse(&without, as_of)
    );
}

/// The `n`th working day from Monday 6 January 2020.
fn weekday(n: u32) -> NaiveDate {
    date("2020-01-06") + Duration::days(i64::from(n / 5 * 7 + n % 5))
}

fn next_workday(d: NaiveDate) -> NaiveDate {
    let next = d + Duration::days(1);
    match next.weekday() {
        Weekday::Sat => next + Duration::days(2),
        Weekday::Sun => next + Duration::days(1),
        _ => next,
    }
}

/// One milestone's plan and history: start day, working days, predecessors among the earlier
/// ones, and 0 unstarted, 1 under way, 2 finished, with the days its actuals are off the plan.
type Drawn = (u32, u32, Vec<usize>, u8, f64, u32, u32);

fn program() -> impl Strategy<Value = (Vec<Milestone>, NaiveDate)> {
    let one = (
        0u32..300,
        1u32..40,
        proptest::collection::vec(0usize..1000, 0..3),
        0u8..3,
        1.0f64..99.0,
        0u32..10,
        0u32..30,
    );
    (proptest::collection::vec(one, 1..24), 0u32..400).prop_map(|(drawn, status_day)| {
        let milestones = drawn
            .into_iter()
            .enumerate()
            .map(
                |(i, (start, days, deps, state, percent, late_start, late_finish)): (
                    usize,
                    Drawn,
                )| {
                    let deps: Vec<String> = if i == 0 {
                        Vec::new()
                    } else {
                        deps.iter().map(|d| format!("M{}", d % i)).collect()
                    };
                    let dep_refs: Vec<&str> = deps.iter().map(String::as_str).collect();
                    let mut m = milestone(
                        &format!("M{i}"),
                        &weekday(start).to_string(),
                        &weekday(start + days - 1).to_string(),
                        &dep_refs,
                    );
                    m.depends_on.dedup();
                    let began = weekday(start + late_start);
                    match state {
                        0 => {}
                        1 => {
                            m.actual_start = Some(began);
                            m.percent_complete = percent;
                        }
                        _ => {
                            m.actual_start = Some(began);
                            m.actual_finish = Some(weekday(start + late_start + late_finish));
                            m.percent_complete = 100.0;
                        }
                    }
                    m
                },
            )
            .collect();
        (milestones, weekday(status_day))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_forecast_keeps_history_and_never_schedules_work_left_in_the_past(
        (ms, as_of) in program()
    ) {
        let s = schedule::analyse(&ms, as_of).expect("dependencies point backwards only");
        let by_id = |id: &str| forecast_of(&s, id);
        for m in &ms {
            let f = by_id(&m.id);
            prop_assert!(f.slack_days >= 0, "{}: negative slack", m.id);
            if m.finished() {
                prop_assert_eq!(f.early_start, m.actual_start.expect("drawn with one"));
                prop_assert_eq!(f.early_finish, m.actual_finish.expect("drawn with one"));
                prop_assert!(!f.critical && f.slack_days == 0, "{}: finished yet critical", m.id);
                continue;
            }
            prop_assert!(f.early_finish >= as_of, "{}: work left finishes in the past", m.id);
            let after_predecessors = m
                .depends_on
                .iter()
                .map(|p| next_workday(by_id(p).early_finish))
                .max();
            if m.started() {
                prop_assert_eq!(Some(f.early_start), m.actual_start);
                if let Some(after) = after_predecessors {
                    prop_assert!(f.early_finish >= after, "{}: finishes before a predecessor", m.id);
                }
            } else {
                let expected = [Some(m.start), Some(as_of), after_predecessors]
                    .into_iter()
                    .flatten()
                    .max()
                    .expect("the planned start is always there");
                prop_assert_eq!(f.early_start, expected, "{}: start of unstarted work", m.id);
            }
        }
        let finished = |id: &str| ms.iter().any(|m| m.id == id && m.finished());
        for pair in s.critical_path.windows(2) {
            let later = ms.iter().find(|m| m.id == pair[1]).expect("present");
            prop_assert!(later.depends_on.contains(&pair[0]), "{pair:?} is not a dependency");
        }
        for id in &s.critical_path {
            prop_assert!(!finished(id) && by_id(id).critical, "{id} on the path");
        }
        if let Some(last) = s.critical_path.last() {
            let latest = ms.iter().filter(|m| !m.finished()).map(|m| by_id(&m.id).early_finish).max();
            prop_assert_eq!(Some(by_id(last).early_finish), latest, "the path ends last");
        }
        for (m, p) in &s.conflicts {
            prop_assert!(!finished(m) && !finished(p), "conflict {m} ← {p} about finished work");
        }

        let mut unhooked = ms.clone();
        for m in unhooked.iter_mut().filter(|m| m.finished()) {
            m.depends_on.clear();
        }
        prop_assert_eq!(schedule::analyse(&unhooked, as_of), Some(s));
    }
}
