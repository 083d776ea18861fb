//! Practice mode: attempts as copies, the clock and its events, weekly status reports, a
//! finished attempt read-only, and the rubric engine with a hand-worked example per shape.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use flightdeck_core::edit::{ActionKind, Edit};
use flightdeck_core::model::{
    Communication, Effect, Expectation, Milestone, Pack, Rag, Responsibility, Risk, RiskStatus,
    RubricItem, Scenario, ScenarioEvent,
};
use flightdeck_core::practice::{StatusDraft, week_start};
use flightdeck_core::register::{Item, RegisterName};
use flightdeck_core::{Error, Store, bundled};

fn atlas() -> Pack {
    bundled::packs().expect("packs").remove(0)
}

/// A store holding `pack` and an attempt on it by Ana: (store, program, attempt).
pub fn attempt_on(pack: &Pack) -> (Store, i64, i64) {
    let mut store = Store::open_in_memory().expect("open");
    let program = store.import(pack).expect("import");
    let attempt = store.start_attempt(program, "Ana Ruiz").expect("start").id;
    (store, program, attempt)
}

fn item<T: serde::de::DeserializeOwned>(
    s: &Store,
    id: i64,
    register: RegisterName,
    key: &str,
) -> T {
    let row = s.item(id, register, key).expect("the item");
    serde_json::from_value(serde_json::to_value(&row.item).expect("json")["item"].clone())
        .expect("the item's type")
}

fn put(s: &mut Store, id: i64, item: Item) {
    s.apply(id, &Edit::put(item)).expect("the edit is saved");
}

fn conflict(result: Result<impl std::fmt::Debug, Error>, says: &str) {
    match result {
        Err(Error::Conflict(message)) => assert!(message.contains(says), "{message}"),
        other => panic!("expected a refusal saying {says:?}, got {other:?}"),
    }
}

#[test]
fn an_attempt_is_a_copy_of_the_pack_and_the_program_stays_clean() {
    let pack = atlas();
    let (mut s, program, id) = attempt_on(&pack);
    let attempt = s.attempt(id).expect("attempt");
    assert_eq!(attempt.learner, "Ana Ruiz");
    assert_eq!(attempt.of_program, pack.program.id);
    assert_eq!((attempt.clock, attempt.week), (pack.program.as_of(), 1));
    let weeks = pack.scenario.as_ref().expect("a scenario").weeks;
    assert_eq!(
        attempt.ends,
        week_start(pack.program.as_of(), weeks) + Duration::days(6)
    );
    assert_eq!(
        s.programs().expect("programs").len(),
        1,
        "the attempt is not listed as a program"
    );

    let mut risk: Risk = item(&s, id, RegisterName::Risks, &pack.risks[0].id);
    risk.title = "Changed in the attempt".into();
    put(&mut s, id, Item::Risks(risk));
    assert_eq!(
        s.load(program).expect("program").risks,
        pack.risks,
        "the program is untouched"
    );

    let second = s.start_attempt(program, "Bo").expect("a second attempt");
    assert_ne!(second.key, attempt.key);
    assert_eq!(
        s.attempts(Some(&pack.program.id)).expect("attempts").len(),
        2
    );
    conflict(s.start_attempt(id, "Cy"), "this is an attempt");
    conflict(s.start_attempt(program, "  "), "name");
    conflict(s.reset_program(id), "cannot be reset");
}

#[test]
fn a_program_without_a_scenario_has_no_practice() {
    let mut pack = atlas();
    pack.scenario = None;
    pack.rubric.clear();
    let mut s = Store::open_in_memory().expect("open");
    let program = s.import(&pack).expect("import");
    conflict(s.start_attempt(program, "Ana"), "has no scenario");
}

#[test]
fn each_event_fires_at_the_start_of_its_week_through_the_edit_path_as_the_scenarios_action() {
    let pack = atlas();
    let scenario = pack.scenario.clone().expect("a scenario");
    let start = pack.program.as_of();
    let (mut s, _, id) = attempt_on(&pack);
    let first_week: Vec<&str> = scenario
        .events
        .iter()
        .filter(|e| e.week == 1)
        .map(|e| e.id.as_str())
        .collect();
    let inbox: Vec<String> = s
        .inbox(id)
        .expect("inbox")
        .into_iter()
        .map(|e| e.event)
        .collect();
    assert_eq!(
        inbox, first_week,
        "week 1's events are in the inbox at the start"
    );

    // a day at a time to the end: each event arrives on the first day of its week
    while s.attempt(id).expect("attempt").clock < s.attempt(id).expect("attempt").ends {
        let before = s.attempt(id).expect("attempt").clock;
        let fired = s.advance(id, 1).expect("advance a day");
        for e in &fired {
            assert_eq!(e.fired_on, week_start(start, e.week));
            assert_eq!(
                e.fired_on,
                before + Duration::days(1),
                "{} fired late",
                e.event
            );
        }
    }
    let inbox = s.inbox(id).expect("inbox");
    assert_eq!(inbox.len(), scenario.events.len(), "every event fired once");

    // a milestone shift moved the plan, as the scenario's action, which undo never takes back
    let (event, milestone, days) = scenario
        .events
        .iter()
        .find_map(|e| {
            e.effects.iter().find_map(|f| match f {
                Effect::MilestoneShift {
                    milestone,
                    shift_days,
                } => Some((e, milestone.clone(), *shift_days)),
                _ => None,
            })
        })
        .expect("the sample shifts a milestone");
    let original = pack
        .milestones
        .iter()
        .find(|m| m.id == milestone)
        .expect("milestone");
    let shifted: Milestone = item(&s, id, RegisterName::Milestones, &milestone);
    let total: i64 = scenario
        .events
        .iter()
        .flat_map(|e| &e.effects)
        .filter_map(|f| match f {
            Effect::MilestoneShift {
                milestone: m,
                shift_days,
            } if *m == milestone => Some(i64::from(*shift_days)),
            _ => None,
        })
        .sum();
    assert_eq!(
        shifted.finish,
        original.finish + Duration::days(total),
        "{} by {days}",
        event.id
    );
    let history = s.history(id).expect("history");
    let events: Vec<_> = history
        .iter()
        .filter(|a| a.kind == ActionKind::Event)
        .collect();
    assert_eq!(events.len(), scenario.events.len());
    assert!(
        events[0]
            .target
            .starts_with(&format!("event {}", scenario.events[0].id))
    );
    assert!(
        s.undo(id).expect("undo").is_none(),
        "the scenario's actions are not the learner's to undo"
    );
}

#[test]
fn the_clock_stops_at_the_last_day_and_a_finished_attempt_is_read_only() {
    let pack = atlas();
    let (mut s, _, id) = attempt_on(&pack);
    s.advance(id, 10_000).expect("to the end");
    let attempt = s.attempt(id).expect("attempt");
    assert_eq!(
        attempt.clock, attempt.ends,
        "never past the scenario's last day"
    );
    conflict(s.advance(id, 1), "last week is over");

    s.finish_attempt(id).expect("finish");
    let risk: Risk = item(&s, id, RegisterName::Risks, &pack.risks[0].id);
    conflict(s.apply(id, &Edit::put(Item::Risks(risk))), "read-only");
    conflict(s.undo(id), "read-only");
    conflict(s.advance(id, 1), "read-only");
    let draft = StatusDraft {
        overall: Rag::Green,
        kpis: BTreeMap::new(),
        note: String::new(),
    };
    conflict(s.report_status(id, &draft), "read-only");
    conflict(s.finish_attempt(id), "read-only");
}

#[test]
fn a_weekly_status_is_one_per_week_and_revisable_within_it() {
    let pack = atlas();
    let kpi = pack.kpis[0].id.clone();
    let (mut s, _, id) = attempt_on(&pack);
    let draft = |rag| StatusDraft {
        overall: Rag::Amber,
        kpis: BTreeMap::from([(kpi.clone(), rag)]),
        note: " On track apart from latency. ".into(),
    };
    s.report_status(id, &draft(Rag::Green)).expect("week 1");
    s.advance(id, 2).expect("two days");
    s.report_status(id, &draft(Rag::Red))
        .expect("week 1, revised");
    s.advance(id, 7).expect("a week");
    s.report_status(id, &draft(Rag::Amber)).expect("week 2");
    let reports = s.status_reports(id).expect("reports");
    assert_eq!(reports.iter().map(|r| r.week).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(
        reports[0].kpis[&kpi],
        Rag::Red,
        "the revision is the week's report"
    );
    assert_eq!(reports[0].note, "On track apart from latency.");
    assert_eq!(reports[0].at_sim, pack.program.as_of() + Duration::days(2));

    let unknown = StatusDraft {
        overall: Rag::Green,
        kpis: BTreeMap::from([("no-such-kpi".to_string(), Rag::Red)]),
        note: String::new(),
    };
    match s.report_status(id, &unknown) {
        Err(Error::NotFound { what, id }) => {
            assert_eq!((what, id.as_str()), ("KPI", "no-such-kpi"))
        }
        other => panic!("an unknown KPI is refused: {other:?}"),
    }
    assert_eq!(
        s.status_reports(id).expect("reports").len(),
        2,
        "nothing saved"
    );
}

// --- the rubric engine, by hand ---------------------------------------------------------

/// Atlas with one quiet event, E1, in week 2, and one rubric item, due within 5 days of it.
fn one_item(expect: Expectation) -> Pack {
    let mut pack = atlas();
    pack.scenario = Some(Scenario {
        title: "By hand".into(),
        briefing: String::new(),
        weeks: 4,
        events: vec![ScenarioEvent {
            id: "E1".into(),
            week: 2,
            title: "Something happens".into(),
            narrative: String::new(),
            effects: vec![],
        }],
        xapi_namespace: None,
    });
    pack.rubric = vec![RubricItem {
        id: "X1".into(),
        after: "E1".into(),
        within_days: 5,
        responsibility: Responsibility::Risk,
        points: 10,
        expect,
        explain: "Because.".into(),
    }];
    pack
}

/// The store at E1's day plus `days`, with E1 fired.
fn at_day(pack: &Pack, days: i64) -> (Store, i64, NaiveDate) {
    let (mut s, _, id) = attempt_on(pack);
    let e1 = pack.program.as_of() + Duration::days(7);
    let to = u32::try_from((e1 - pack.program.as_of()).num_days() + days).expect("forward");
    s.advance(id, to).expect("advance");
    (s, id, e1)
}

fn judged(s: &Store, id: i64) -> (bool, String, f64) {
    let debrief = s.debrief(id).expect("debrief");
    let item = &debrief.scored.items[0];
    (
        item.met,
        item.evidence.clone(),
        debrief.scored.total.percent,
    )
}

fn new_risk(id: &str, title: &str, impact: u8) -> Risk {
    let mut risk = atlas().risks[0].clone();
    risk.id = id.into();
    risk.title = title.into();
    risk.cause = String::new();
    risk.event = String::new();
    risk.effect = String::new();
    risk.impact = impact;
    risk.owner = None;
    risk.status = RiskStatus::Open;
    risk
}

#[test]
fn rubric_risk_a_new_risk_with_a_keyword_and_enough_impact_within_the_window() {
    let pack = one_item(Expectation::Risk {
        keywords: vec!["vendor".into(), "API".into()],
        min_impact: 4,
    });
    // day 2 after E1: a new risk naming the API with impact 4 meets it
    let (mut s, id, _) = at_day(&pack, 2);
    put(
        &mut s,
        id,
        Item::Risks(new_risk("R-api", "Payment api rate limits", 4)),
    );
    let (met, evidence, percent) = judged(&s, id);
    assert!(met, "{evidence}");
    assert!(
        evidence.contains("risks/R-api") && evidence.contains("2 days after E1"),
        "{evidence}"
    );
    assert_eq!(percent, 100.0);

    // impact 3, or no keyword, or an existing risk reworded: not met
    let (mut s, id, _) = at_day(&pack, 2);
    put(
        &mut s,
        id,
        Item::Risks(new_risk("R-low", "Vendor slips", 3)),
    );
    put(
        &mut s,
        id,
        Item::Risks(new_risk("R-other", "Team morale", 5)),
    );
    let mut old: Risk = item(&s, id, RegisterName::Risks, &pack.risks[0].id);
    old.title = "Vendor API outage".into();
    old.impact = 5;
    put(&mut s, id, Item::Risks(old));
    let (met, evidence, percent) = judged(&s, id);
    assert!(!met);
    assert!(
        evidence.contains("no matching action within 5 days of E1"),
        "{evidence}"
    );
    assert_eq!(percent, 0.0);
}

#[test]
fn rubric_communication_counts_on_the_last_day_and_not_the_day_after() {
    let pack = one_item(Expectation::Communication {
        stakeholder: "cfo".into(),
    });
    let log = |s: &mut Store, id: i64, date: NaiveDate| {
        let entry = Communication {
            date,
            stakeholders: vec!["cfo".into()],
            channel: "call".into(),
            summary: "Walked through the slip".into(),
            decisions: String::new(),
            follow_up: None,
        };
        s.log_communication(id, &entry).expect("log");
    };
    let (mut s, id, e1) = at_day(&pack, 5);
    log(&mut s, id, e1 + Duration::days(5));
    let (met, evidence, _) = judged(&s, id);
    assert!(met && evidence.contains("5 days after E1"), "{evidence}");

    let (mut s, id, e1) = at_day(&pack, 6);
    log(&mut s, id, e1 + Duration::days(6));
    assert!(!judged(&s, id).0, "day 6 is past a 5-day window");

    // logged before the event: not a response to it
    let (mut s, _, id) = attempt_on(&pack);
    log(&mut s, id, pack.program.as_of());
    s.advance(id, 8).expect("past E1");
    assert!(!judged(&s, id).0, "before the event does not count");
}

#[test]
fn rubric_milestone_replanned_needs_its_dates_changed() {
    let pack = one_item(Expectation::MilestoneReplanned("M4".into()));
    let (mut s, id, _) = at_day(&pack, 1);
    let mut m: Milestone = item(&s, id, RegisterName::Milestones, "M4");
    m.title = "Renamed only".into();
    put(&mut s, id, Item::Milestones(m.clone()));
    assert!(!judged(&s, id).0, "a new title is not a new plan");
    m.finish += Duration::days(14);
    put(&mut s, id, Item::Milestones(m));
    let (met, evidence, _) = judged(&s, id);
    assert!(
        met && evidence.contains("milestones/M4") && evidence.contains("1 day after E1"),
        "{evidence}"
    );
}

#[test]
fn rubric_kpi_status_reads_the_weekly_report_and_says_what_it_gave() {
    let pack = one_item(Expectation::KpiStatus {
        kpi: "p99-latency".into(),
        rag: Rag::Red,
    });
    let report = |s: &mut Store, id: i64, rag| {
        let draft = StatusDraft {
            overall: Rag::Amber,
            kpis: BTreeMap::from([("p99-latency".to_string(), rag)]),
            note: String::new(),
        };
        s.report_status(id, &draft).expect("report");
    };
    let (mut s, id, _) = at_day(&pack, 0);
    report(&mut s, id, Rag::Amber);
    let (met, evidence, _) = judged(&s, id);
    assert!(!met);
    assert_eq!(evidence, "expected RED: week 2 says AMBER");
    report(&mut s, id, Rag::Red);
    let (met, evidence, _) = judged(&s, id);
    assert!(met && evidence.starts_with("week 2 status"), "{evidence}");
}

#[test]
fn rubric_risk_response_needs_the_response_or_actions_changed() {
    let pack = one_item(Expectation::RiskResponse { risk: "R2".into() });
    let (mut s, id, _) = at_day(&pack, 3);
    let mut r: Risk = item(&s, id, RegisterName::Risks, "R2");
    r.category = "changed".into();
    put(&mut s, id, Item::Risks(r.clone()));
    assert!(!judged(&s, id).0, "the category is not the response");
    r.actions = format!("{} Escalated to the steering group.", r.actions);
    put(&mut s, id, Item::Risks(r));
    assert!(judged(&s, id).0);
}

#[test]
fn rubric_raci_fixed_needs_a_broken_raci_made_valid_and_an_undo_takes_it_back() {
    let mut pack = one_item(Expectation::RaciFixed("M8".into()));
    let m8 = pack
        .milestones
        .iter_mut()
        .find(|m| m.id == "M8")
        .expect("M8");
    m8.raci.accountable = None;
    let (mut s, id, _) = at_day(&pack, 4);
    let mut m: Milestone = item(&s, id, RegisterName::Milestones, "M8");
    m.raci.accountable = Some(pack.stakeholders[0].id.clone());
    put(&mut s, id, Item::Milestones(m));
    assert!(judged(&s, id).0);
    s.undo(id).expect("undo").expect("an action to undo");
    let (met, evidence, _) = judged(&s, id);
    assert!(!met, "an undone action is no answer: {evidence}");
}

#[test]
fn an_event_that_never_fired_leaves_its_items_missed() {
    let pack = one_item(Expectation::MilestoneReplanned("M4".into()));
    let (mut s, _, id) = attempt_on(&pack);
    s.finish_attempt(id).expect("finish in week 1");
    let (met, evidence, _) = judged(&s, id);
    assert!(!met && evidence.contains("E1 never happened"), "{evidence}");
}

#[test]
fn scores_add_up_by_responsibility_and_in_total() {
    let mut pack = one_item(Expectation::MilestoneReplanned("M4".into()));
    let second = RubricItem {
        id: "X2".into(),
        responsibility: Responsibility::Stakeholders,
        points: 30,
        expect: Expectation::Communication {
            stakeholder: "cfo".into(),
        },
        ..pack.rubric[0].clone()
    };
    pack.rubric.push(second);
    let (mut s, id, _) = at_day(&pack, 1);
    let mut m: Milestone = item(&s, id, RegisterName::Milestones, "M4");
    m.finish += Duration::days(7);
    put(&mut s, id, Item::Milestones(m));
    let scored = s.debrief(id).expect("debrief").scored;
    // met: X1 (risk, 10 points); missed: X2 (stakeholders, 30 points)
    assert_eq!((scored.total.met, scored.total.possible), (10, 40));
    assert_eq!(scored.total.percent, 25.0);
    let by: Vec<_> = scored
        .responsibilities
        .iter()
        .map(|r| (r.responsibility, r.score.met, r.score.possible))
        .collect();
    assert_eq!(
        by,
        [
            (Responsibility::Stakeholders, 0, 30),
            (Responsibility::Risk, 10, 10)
        ]
    );
}

// --- whole scenarios --------------------------------------------------------------------

/// A store with an attempt on `pack` played as the model answer (every rubric item answered
/// on the day its event fired) and finished: (store, attempt).
pub fn play_diligently(pack: &Pack) -> (Store, i64) {
    let (mut s, _, id) = attempt_on(pack);
    s.play_model_answer(id).expect("the model answer plays");
    (s, id)
}

#[test]
fn on_every_bundled_scenario_a_diligent_learner_scores_high_and_an_idle_one_low() {
    for pack in bundled::packs().expect("packs") {
        let name = pack.program.id.clone();
        let (s, id) = play_diligently(&pack);
        let debrief = s.debrief(id).expect("debrief");
        let missed: Vec<String> = debrief
            .scored
            .items
            .iter()
            .filter(|i| !i.met)
            .map(|i| format!("{}: {}", i.id, i.evidence))
            .collect();
        assert!(debrief.scored.total.percent >= 90.0, "{name}: {missed:?}");
        assert_eq!(
            debrief,
            s.debrief(id).expect("again"),
            "{name}: the same record, the same score"
        );

        let (mut idle, _, id) = attempt_on(&pack);
        idle.advance(id, 10_000).expect("to the end");
        idle.finish_attempt(id).expect("finish");
        let score = idle.debrief(id).expect("debrief").scored.total.percent;
        assert!(
            score <= 10.0,
            "{name}: only advancing the clock scored {score}"
        );
    }
}

#[test]
fn the_debrief_page_draws_every_item_at_a_readable_size() {
    let pack = atlas();
    let (s, id) = play_diligently(&pack);
    let svg = s
        .debrief_svg(id, flightdeck_core::practice::report::DEBRIEF_SIZE, true)
        .expect("the debrief page");
    let doc = roxmltree::Document::parse(&svg).expect("xml");
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    let all = texts.join("\n");
    assert!(all.contains("Ana Ruiz"), "the learner is named");
    for item in &pack.rubric {
        assert!(
            all.contains(&format!("{} (", item.id)),
            "{} is listed",
            item.id
        );
    }
    let smallest = doc
        .descendants()
        .filter_map(|n| {
            n.attribute("font-size")?
                .trim_end_matches("px")
                .parse::<f64>()
                .ok()
        })
        .fold(f64::INFINITY, f64::min);
    assert!(smallest >= 12.0, "the smallest text is {smallest} px");
}

#[test]
fn an_attempts_status_date_is_its_clock() {
    let pack = atlas();
    let (mut s, program, id) = attempt_on(&pack);
    s.advance(id, 16).expect("advance");
    let clock = s.attempt(id).expect("attempt").clock;
    assert_eq!(clock, pack.program.as_of() + Duration::days(16));
    assert_eq!(s.overview(id).expect("overview").as_of, clock);
    assert_eq!(
        s.status(id).expect("status").date,
        clock,
        "late and overdue as of the clock"
    );
    assert_eq!(
        s.attempt(id).expect("attempt").week,
        3,
        "weeks still count from the start"
    );
    let attempt = s.attempt(id).expect("attempt");
    // day 16 is in week 3 (days 14-20): 5 days to week 4; the last day is day 83
    assert_eq!((attempt.days_to_next_week, attempt.days_left), (5, 83 - 16));
    assert_eq!(
        s.status(program).expect("status").date,
        pack.program.as_of(),
        "the program keeps its date"
    );
}

#[test]
fn in_an_attempt_a_stakeholder_never_contacted_falls_due_a_cadence_after_the_learner_joined() {
    let mut pack = atlas();
    pack.scenario.as_mut().expect("a scenario").events.clear();
    pack.rubric.clear();
    let silent = pack.stakeholders[0].clone();
    pack.communications
        .retain(|c| !c.stakeholders.contains(&silent.id));
    let (mut s, _, id) = attempt_on(&pack);
    let overdue = |s: &Store| {
        s.status(id)
            .expect("status")
            .overdue
            .into_iter()
            .find(|o| o.stakeholder == silent.id)
    };
    assert!(
        overdue(&s).is_none(),
        "on the day the learner joins, {} is not yet due",
        silent.name
    );
    s.advance(id, silent.cadence_days + 7).expect("advance");
    let o = overdue(&s).expect("overdue once a cadence has passed with no contact");
    assert_eq!(o.last, None);
    assert_eq!(o.days_overdue, 7, "counted from the day the learner joined");
    assert!(
        o.describe().contains("has no contact logged"),
        "{}",
        o.describe()
    );
}
