//! Edits: each is checked against the rules its item can break, saved with its action record
//! in one transaction, and undoable; problems come all at once, addressed by the item's key.

use flightdeck_core::edit::{ActionKind, Edit, in_words, parse_edit};
use flightdeck_core::model::{Pack, Risk, RiskStatus};
use flightdeck_core::register::{Item, RegisterName};
use flightdeck_core::{Error, Store, bundled};
use serde_json::json;

pub fn store_with_sample() -> (Store, i64, Pack) {
    let mut s = Store::open_in_memory().expect("open");
    let pack = bundled::packs().expect("packs").remove(0);
    let id = s.import(&pack).expect("import");
    (s, id, pack)
}

fn new_risk(id: &str, likelihood: u8) -> Risk {
    serde_json::from_value(json!({
        "id": id, "title": "Vendor API slips", "likelihood": likelihood, "impact": 4,
        "response": "reduce", "status": "open"
    }))
    .expect("a risk")
}

fn put(item: Item) -> Edit {
    Edit::put(item)
}

/// The problems of a refused edit, as `path: message` lines.
fn problems(err: &Error) -> Vec<String> {
    match err {
        Error::Invalid(found) => found.iter().map(ToString::to_string).collect(),
        other => panic!("expected a validation error, got {other}"),
    }
}

#[test]
fn an_edit_crosses_as_json_tagged_by_op_and_register() {
    let edit = put(Item::Risks(new_risk("R-new", 3)));
    let text = serde_json::to_value(&edit).expect("json");
    assert_eq!(text["op"], "put");
    assert_eq!(text["register"], "risks");
    assert_eq!(text["item"]["id"], "R-new");
    assert_eq!(parse_edit(&text).expect("parses back"), edit);
    let remove = json!({"op": "remove", "register": "risks", "key": "R3"});
    assert_eq!(
        parse_edit(&remove).expect("remove"),
        Edit::Remove {
            register: RegisterName::Risks,
            key: "R3".into()
        }
    );
}

#[test]
fn a_valid_edit_is_saved_with_its_action_record() {
    let (mut s, id, before) = store_with_sample();
    let action = s
        .apply(id, &put(Item::Risks(new_risk("R-new", 3))))
        .expect("apply");
    assert_eq!(action.kind, ActionKind::Put);
    assert_eq!(action.target, "risks/R-new");
    assert_eq!(action.in_words, "risk R-new");
    assert_eq!(
        action.at_sim,
        before.program.as_of(),
        "the practice clock has not moved yet"
    );
    let after = s.load(id).expect("load");
    assert_eq!(after.risks.len(), before.risks.len() + 1);
    assert_eq!(after.risks.last().map(|r| r.id.as_str()), Some("R-new"));
    let history = s.history(id).expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(
        history[0].in_words, "risk R-new",
        "read back, it is said the same way"
    );
}

#[test]
fn what_an_action_changed_is_said_in_words_for_people() {
    assert_eq!(in_words("risks/R3"), "risk R3");
    assert_eq!(
        in_words("costs/35"),
        "a cost",
        "a log entry's row number means nothing to people"
    );
    assert_eq!(in_words("risks/R5, issues/I-R5"), "risk R5, issue I-R5");
    assert_eq!(in_words("milestones: 12 items"), "12 milestones");
    assert_eq!(
        in_words("kpis/K2 and 40 more items"),
        "KPI K2 and 40 more items"
    );
    // what it does not know stays as written
    assert_eq!(in_words("program atlas"), "program atlas");
    assert_eq!(in_words("scenario/E9"), "scenario/E9");
}

#[test]
fn every_shape_problem_is_reported_at_once_beside_its_field_in_plain_words() {
    let edit = json!({"op": "put", "register": "risks", "item": {
        "id": "R7", "title": "x", "likelihood": "high", "impact": 300,
        "response": "ignore", "status": "open", "review": "next week", "colour": "red"
    }});
    let err = parse_edit(&edit).expect_err("bad shape");
    let found = problems(&err);
    for expected in [
        "risks[R7].likelihood: expected a whole number from 1 to 5, found \"high\"",
        "risks[R7].impact: expected a whole number from 1 to 5, found 300",
        "risks[R7].response: expected one of avoid, reduce, transfer, accept, found \"ignore\"",
        "risks[R7].review: expected a date such as 2027-03-14, found \"next week\"",
        "risks[R7].colour: unknown field",
    ] {
        assert!(
            found.iter().any(|p| p.starts_with(expected)),
            "missing {expected:?} in {found:#?}"
        );
    }
    assert!(
        !err.to_string().contains("u8"),
        "no Rust type in a learner's message: {err}"
    );
}

#[test]
fn every_rule_an_item_breaks_is_reported_at_once_and_nothing_changes() {
    let (mut s, id, before) = store_with_sample();
    let mut m = before.milestones[0].clone();
    m.finish = m.start - chrono::Duration::days(3);
    m.workstream = "nowhere".into();
    m.percent_complete = 120.0;
    m.raci.responsible.push("ghost".into());
    let err = s
        .apply(id, &put(Item::Milestones(m.clone())))
        .expect_err("refused");
    assert_eq!(err.kind(), "validation");
    let found = problems(&err);
    let at = format!("milestones[{}]", m.id);
    for expected in [
        format!("{at}.finish: "),
        format!("{at}.workstream: no workstream has the id `nowhere`"),
        format!("{at}.percent_complete: 120 is out of range"),
        format!("{at}.raci.responsible[1]: no team or stakeholder has the id `ghost`"),
    ] {
        assert!(
            found.iter().any(|p| p.starts_with(&expected)),
            "missing {expected:?} in {found:#?}"
        );
    }
    assert_eq!(s.load(id).expect("load"), before, "nothing was written");
    assert!(
        s.history(id).expect("history").is_empty(),
        "no action recorded for a refused edit"
    );
}

#[test]
fn a_dependency_cycle_is_refused_naming_the_loop() {
    let (mut s, id, pack) = store_with_sample();
    let first = pack
        .milestones
        .iter()
        .find(|m| m.depends_on.is_empty())
        .expect("a root milestone");
    let dependent = pack
        .milestones
        .iter()
        .find(|m| m.depends_on.contains(&first.id))
        .expect("a dependent");
    let mut looped = first.clone();
    looped.depends_on = vec![dependent.id.clone()];
    let err = s
        .apply(id, &put(Item::Milestones(looped)))
        .expect_err("cycle");
    let expected = format!(
        "milestones[{}].depends_on: dependency cycle: {} → {} → {}",
        first.id, first.id, dependent.id, first.id
    );
    assert!(problems(&err).contains(&expected), "{err}");
    assert_eq!(s.load(id).expect("load"), pack);
}

#[test]
fn removing_an_item_others_refer_to_is_refused_naming_them() {
    let (mut s, id, pack) = store_with_sample();
    let mut sponsor = pack.stakeholders[0].clone();
    sponsor.id = "S-new".into();
    s.apply(id, &put(Item::Stakeholders(sponsor))).expect("add");
    let mut owned = new_risk("R-new", 2);
    owned.owner = Some("S-new".into());
    s.apply(id, &put(Item::Risks(owned)))
        .expect("add an owned risk");
    let before = s.load(id).expect("load");
    let err = s
        .apply(
            id,
            &Edit::Remove {
                register: RegisterName::Stakeholders,
                key: "S-new".into(),
            },
        )
        .expect_err("still referenced");
    assert_eq!(
        problems(&err),
        [
            "stakeholders[S-new]: S-new can't be removed while others refer to it: risk R-new (owner)"
        ]
    );
    assert_eq!(s.load(id).expect("load"), before);

    // a much-referenced item names the first few and counts the rest
    let owner = pack.risks[0]
        .owner
        .clone()
        .expect("the first risk has an owner");
    let all = s
        .referrers(id, RegisterName::Stakeholders, &owner)
        .expect("referrers");
    assert!(
        all.len() > 8,
        "the sample's sponsor is named widely: {all:?}"
    );
    let err = s
        .apply(
            id,
            &Edit::Remove {
                register: RegisterName::Stakeholders,
                key: owner,
            },
        )
        .expect_err("referenced");
    assert!(
        err.to_string()
            .contains(&format!("and {} more", all.len() - 8)),
        "{err}"
    );
}

#[test]
fn renaming_an_item_is_allowed_only_while_nothing_refers_to_it() {
    let (mut s, id, pack) = store_with_sample();
    s.apply(id, &put(Item::Risks(new_risk("R-tmp", 2))))
        .expect("add");
    let renamed = new_risk("R-renamed", 2);
    let action = s
        .apply(
            id,
            &Edit::Put {
                key: Some("R-tmp".into()),
                item: Box::new(Item::Risks(renamed)),
            },
        )
        .expect("rename");
    assert_eq!(action.target, "risks/R-renamed");
    let ids: Vec<String> = s
        .load(id)
        .expect("load")
        .risks
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert!(ids.contains(&"R-renamed".to_string()) && !ids.contains(&"R-tmp".to_string()));

    let owner = pack.risks[0].owner.clone().expect("an owner");
    let mut stakeholder = pack
        .stakeholders
        .iter()
        .find(|x| x.id == owner)
        .expect("the owner")
        .clone();
    stakeholder.id = "S-elsewhere".into();
    let err = s
        .apply(
            id,
            &Edit::Put {
                key: Some(owner.clone()),
                item: Box::new(Item::Stakeholders(stakeholder)),
            },
        )
        .expect_err("referenced");
    assert!(
        err.to_string().contains(&format!(
            "{owner} can't be renamed while others refer to it"
        )),
        "{err}"
    );
}

#[test]
fn undo_and_redo_walk_the_history() {
    let (mut s, id, original) = store_with_sample();
    let removable = original
        .risks
        .iter()
        .find(|r| {
            s.referrers(id, RegisterName::Risks, &r.id)
                .expect("referrers")
                .is_empty()
        })
        .expect("an unreferenced risk")
        .clone();
    s.apply(
        id,
        &Edit::Remove {
            register: RegisterName::Risks,
            key: removable.id.clone(),
        },
    )
    .expect("remove");
    let mut changed = original.risks[0].clone();
    changed.likelihood = 1;
    s.apply(id, &put(Item::Risks(changed))).expect("update");

    assert_eq!(
        s.undo(id).expect("undo").map(|a| a.kind),
        Some(ActionKind::Undo)
    );
    assert_eq!(
        s.load(id).expect("load").risks[0],
        original.risks[0],
        "the update is taken back"
    );
    s.undo(id).expect("undo again");
    assert_eq!(
        s.load(id).expect("load"),
        original,
        "the removed risk is back in its place"
    );
    assert!(s.undo(id).expect("nothing left").is_none());

    s.redo(id).expect("redo");
    assert!(
        !s.load(id).expect("load").risks.contains(&removable),
        "redo removes it again"
    );

    // a new edit after an undo ends the redo stack
    s.apply(id, &put(Item::Risks(new_risk("R-x", 2))))
        .expect("new edit");
    assert!(
        s.redo(id).expect("redo").is_none(),
        "nothing to redo after a new edit"
    );
    let kinds: Vec<ActionKind> = s
        .history(id)
        .expect("history")
        .into_iter()
        .map(|a| a.kind)
        .collect();
    use ActionKind::*;
    assert_eq!(
        kinds,
        [Remove, Put, Undo, Undo, Redo, Put],
        "every step is on the record"
    );
}

#[test]
fn undo_refuses_only_when_its_own_item_changed_since_and_touches_no_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fd.db");
    let mut s = Store::open(&path).expect("open");
    let pack = bundled::packs().expect("packs").remove(0);
    let id = s.import(&pack).expect("import");
    let (r0, r1) = (pack.risks[0].clone(), pack.risks[1].clone());
    let mut first = r0.clone();
    first.actions = "Escalate to the steering group".into();
    s.apply(id, &put(Item::Risks(first.clone())))
        .expect("edit R0");
    let mut second = r1.clone();
    second.actions = "Weekly vendor call".into();
    s.apply(id, &put(Item::Risks(second))).expect("edit R1");

    // a tool outside Flightdeck's history changes R0 behind its back
    let raw = rusqlite::Connection::open(&path).expect("raw");
    raw.execute(
        "UPDATE risks SET actions = 'changed by hand' WHERE key = ?1",
        [&r0.id],
    )
    .expect("raw update");

    s.undo(id).expect("undoing R1's edit touches R1 only");
    let now = s.load(id).expect("load");
    assert_eq!(now.risks[1], r1);
    assert_eq!(now.risks[0].actions, "changed by hand", "R0 untouched");
    let err = s.undo(id).expect_err("R0 moved on");
    assert_eq!(err.kind(), "conflict");
    assert!(
        err.to_string().contains(&format!(
            "risks/{} changed since this action; undo refused",
            r0.id
        )),
        "{err}"
    );
    assert_eq!(
        s.load(id).expect("load").risks[0].actions,
        "changed by hand",
        "the refused undo kept the later change"
    );
}

#[test]
fn log_entries_are_keyed_by_a_row_number_that_undo_and_redo_keep() {
    let (mut s, id, pack) = store_with_sample();
    let who = pack.stakeholders[0].id.clone();
    let entry = serde_json::from_value(json!({
        "date": pack.program.as_of().to_string(), "stakeholders": [who],
        "channel": "email", "summary": "Weekly update"
    }))
    .expect("entry");
    let action = s.apply(id, &put(Item::Communications(entry))).expect("log");
    let key = action
        .target
        .strip_prefix("communications/")
        .expect("addressed by register and key")
        .to_string();
    assert!(key.parse::<i64>().is_ok(), "a row number: {key}");
    assert_eq!(
        s.load(id).expect("load").communications.len(),
        pack.communications.len() + 1
    );
    s.undo(id).expect("undo");
    assert_eq!(
        s.load(id).expect("load").communications,
        pack.communications
    );
    s.redo(id).expect("redo");
    let row = s
        .item(id, RegisterName::Communications, &key)
        .expect("back under the same key");
    assert_eq!(row.key, key);
    assert!(matches!(
        s.item(id, RegisterName::Risks, "R-none")
            .expect_err("missing"),
        Error::NotFound { .. }
    ));
}

#[test]
fn realising_a_risk_opens_an_issue_linked_to_it_in_one_undoable_action() {
    let (mut s, id, pack) = store_with_sample();
    let risk = pack
        .risks
        .iter()
        .find(|r| r.status == RiskStatus::Open)
        .expect("an open risk");
    let action = s.realise_risk(id, &risk.id).expect("realise");
    assert_eq!(action.kind, ActionKind::Realise);
    let after = s.load(id).expect("load");
    let marked = after.risks.iter().find(|r| r.id == risk.id).expect("risk");
    assert_eq!(marked.status, RiskStatus::Realised);
    let issue = after.issues.last().expect("an issue");
    assert_eq!(issue.risk.as_deref(), Some(risk.id.as_str()));
    assert_eq!(issue.title, risk.title);
    assert_eq!(
        issue.raised,
        pack.program.as_of(),
        "raised on the clock's date"
    );
    assert!(
        s.realise_risk(id, &risk.id).is_err(),
        "a realised risk is not realised twice"
    );
    s.undo(id).expect("undo");
    assert_eq!(s.load(id).expect("load"), pack, "both changes taken back");
}

#[test]
fn readings_communications_baselines_and_progress_are_domain_actions() {
    let (mut s, id, pack) = store_with_sample();
    let kpi = &pack.kpis[0];
    let date = pack.program.as_of();
    s.record_measurement(id, &kpi.id, date, 42.5)
        .expect("record");
    let after = s.load(id).expect("load");
    let readings = &after.kpis[0].measurements;
    assert!(readings.iter().any(|m| m.date == date && m.value == 42.5));
    assert!(
        s.record_measurement(id, "K-none", date, 1.0).is_err(),
        "a reading of an unknown KPI is refused"
    );

    let log = serde_json::from_value(json!({
        "date": date.to_string(), "stakeholders": [pack.stakeholders[1].id],
        "channel": "call", "summary": "Walked through the slip"
    }))
    .expect("entry");
    let logged = s.log_communication(id, &log).expect("log");
    assert_eq!(logged.kind, ActionKind::Log);

    let m = &pack.milestones[0];
    let one = s.rebaseline(id, Some(&m.id)).expect("rebaseline one");
    assert_eq!(one.target, format!("milestones/{}", m.id));
    let all = s.rebaseline(id, None).expect("rebaseline all");
    assert!(all.target.starts_with("milestones"), "{}", all.target);
    assert!(
        s.rebaseline(id, None).is_err(),
        "nothing left to re-baseline says so"
    );
    let rebased = s.load(id).expect("load");
    assert!(
        rebased
            .milestones
            .iter()
            .all(|m| m.baseline_start == Some(m.start) && m.baseline_finish == Some(m.finish))
    );

    let progress = flightdeck_core::edit::Progress {
        percent_complete: 60.0,
        actual_start: Some(m.start),
        actual_finish: None,
    };
    s.update_progress(id, &m.id, &progress).expect("progress");
    let bad = flightdeck_core::edit::Progress {
        percent_complete: 160.0,
        ..progress
    };
    let err = s.update_progress(id, &m.id, &bad).expect_err("over 100");
    assert!(err.to_string().contains("percent_complete"), "{err}");

    for _ in 0..5 {
        s.undo(id).expect("undo");
    }
    assert_eq!(
        s.load(id).expect("load"),
        pack,
        "every domain action undone"
    );
}

#[test]
fn removing_a_kpi_takes_its_readings_and_undo_brings_them_back() {
    let (mut s, id, pack) = store_with_sample();
    let kpi = pack
        .kpis
        .iter()
        .find(|k| {
            !k.measurements.is_empty()
                && s.referrers(id, RegisterName::Kpis, &k.id)
                    .expect("referrers")
                    .is_empty()
        })
        .expect("a KPI nothing names");
    let action = s
        .apply(
            id,
            &Edit::Remove {
                register: RegisterName::Kpis,
                key: kpi.id.clone(),
            },
        )
        .expect("remove");
    assert!(
        action.target.starts_with(&format!("kpis/{}", kpi.id)),
        "{}",
        action.target
    );
    s.undo(id).expect("undo");
    assert_eq!(s.load(id).expect("load"), pack);
}

#[test]
fn checking_an_edit_reports_what_saving_would_and_saves_nothing() {
    let (mut s, id, before) = store_with_sample();
    let owner_unknown = json!({"op": "put", "register": "risks", "item": {
        "id": "R-new", "title": "Vendor API slips", "likelihood": 3, "impact": 4,
        "response": "reduce", "status": "open", "owner": "nobody"
    }});
    let edit = parse_edit(&owner_unknown).expect("well shaped");
    let checked = problems(&s.check_edit(id, &edit).expect_err("unknown owner"));
    let applied = problems(&s.apply(id, &edit).expect_err("unknown owner"));
    assert_eq!(checked, applied, "the check says what a save would");
    assert!(
        checked.iter().any(|p| p.contains("owner")),
        "the problem is at the owner: {checked:?}"
    );

    let good = put(Item::Risks(new_risk("R-new", 3)));
    s.check_edit(id, &good)
        .expect("a good edit passes the check");
    assert_eq!(
        s.load(id).expect("load").risks.len(),
        before.risks.len(),
        "a check writes nothing"
    );
    assert!(
        s.history(id).expect("history").is_empty(),
        "nor records an action"
    );
}

#[test]
fn what_refers_to_an_item_is_named_by_its_noun_and_a_scenario_event_as_one() {
    let (s, id, pack) = store_with_sample();
    // the Atlas scenario's events name some of its risks
    let events: Vec<String> = pack
        .risks
        .iter()
        .flat_map(|r| {
            s.referrers(id, RegisterName::Risks, &r.id)
                .expect("referrers")
        })
        .filter(|said| said.starts_with("scenario event "))
        .collect();
    assert!(!events.is_empty(), "a scenario event is named as one");
    let owner = pack.risks[0].owner.clone().expect("an owner");
    let said = s
        .referrers(id, RegisterName::Stakeholders, &owner)
        .expect("referrers");
    assert!(
        said.contains(&format!("risk {} (owner)", pack.risks[0].id)),
        "{said:?}"
    );
}
