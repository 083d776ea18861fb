//! The critical path and slack, against hand-worked examples.

use flightdeck_core::schedule;

use crate::builders::{date, milestone};

#[test]
fn the_longest_chain_is_critical_and_the_side_branch_has_slack() {
    // A (5 days) → B (10 days) → D (2 days); A → C (3 days) → D.
    // B's branch is 7 days longer than C's, so C carries 7 days of slack.
    let ms = vec![
        milestone("A", "2027-01-04", "2027-01-09", &[]),
        milestone("B", "2027-01-09", "2027-01-19", &["A"]),
        milestone("C", "2027-01-09", "2027-01-12", &["A"]),
        milestone("D", "2027-01-19", "2027-01-21", &["B", "C"]),
    ];
    let s = schedule::analyse(&ms).expect("no cycle");
    assert_eq!(s.critical_path, ["A", "B", "D"]);
    let slack = |id: &str| {
        s.milestones
            .iter()
            .find(|m| m.id == id)
            .expect("present")
            .slack_days
    };
    assert_eq!(
        (slack("A"), slack("B"), slack("C"), slack("D")),
        (0, 0, 7, 0)
    );
    assert_eq!(s.finish, Some(date("2027-01-21")));
    assert!(s.conflicts.is_empty());
}

#[test]
fn a_slipped_predecessor_pushes_its_successor_and_is_a_conflict() {
    let ms = vec![
        milestone("A", "2027-01-04", "2027-01-15", &[]),
        milestone("B", "2027-01-11", "2027-01-13", &["A"]),
    ];
    let s = schedule::analyse(&ms).expect("no cycle");
    assert_eq!(s.conflicts, vec![("B".to_string(), "A".to_string())]);
    let b = s.milestones.iter().find(|m| m.id == "B").expect("B");
    assert_eq!(
        b.early_finish,
        date("2027-01-17"),
        "B starts when A finishes and keeps its 2 days"
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
    assert!(schedule::analyse(&ms).is_none());
}
