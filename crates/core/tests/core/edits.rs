//! Edits: each is validated, saved with its action record in one transaction, and undoable.

use flightdeck_core::edit::{Edit, Section};
use flightdeck_core::{Store, bundled};
use serde_json::json;

fn store_with_sample() -> (Store, i64) {
    let mut s = Store::open_in_memory().expect("open");
    let pack = bundled::packs().expect("packs").remove(0);
    let id = s.import(&pack).expect("import");
    (s, id)
}

fn new_risk(id: &str, likelihood: u8) -> serde_json::Value {
    json!({
        "id": id, "title": "Vendor API slips", "likelihood": likelihood, "impact": 4,
        "response": "reduce", "status": "open"
    })
}

#[test]
fn a_valid_edit_is_saved_with_its_action_record() {
    let (mut s, id) = store_with_sample();
    let before = s.load(id).expect("load");
    let action = s
        .apply(
            id,
            &Edit::Put {
                section: Section::Risks,
                item: new_risk("R-new", 3),
            },
        )
        .expect("apply");
    assert_eq!(action.kind, "put");
    assert_eq!(action.target, "risks/R-new");
    assert_eq!(
        action.at_sim,
        before.program.as_of(),
        "the practice clock has not moved yet"
    );
    let after = s.load(id).expect("load");
    assert_eq!(after.risks.len(), before.risks.len() + 1);
    assert_eq!(after.risks.last().map(|r| r.id.as_str()), Some("R-new"));
    assert_eq!(s.actions(id).expect("actions").len(), 1);
}

#[test]
fn an_invalid_edit_says_where_and_what_and_changes_nothing() {
    let (mut s, id) = store_with_sample();
    let before = s.load(id).expect("load");
    let err = s
        .apply(
            id,
            &Edit::Put {
                section: Section::Risks,
                item: new_risk("R-bad", 9),
            },
        )
        .expect_err("out of range");
    assert_eq!(err.kind(), "validation");
    let n = before.risks.len();
    assert!(
        err.to_string()
            .contains(&format!("risks[{n}].likelihood: 9 is out of range")),
        "{err}"
    );
    assert_eq!(s.load(id).expect("load"), before);
    assert!(
        s.actions(id).expect("actions").is_empty(),
        "no action recorded for a refused edit"
    );
}

#[test]
fn a_dependency_cycle_or_a_dangling_reference_is_refused() {
    let (mut s, id) = store_with_sample();
    let pack = s.load(id).expect("load");
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
    let mut looped = serde_json::to_value(first).expect("json");
    looped["depends_on"] = json!([dependent.id]);
    let err = s
        .apply(
            id,
            &Edit::Put {
                section: Section::Milestones,
                item: looped,
            },
        )
        .expect_err("cycle");
    assert!(err.to_string().contains("dependency cycle"), "{err}");

    let owner = pack.risks[0]
        .owner
        .clone()
        .expect("the first risk has an owner");
    let err = s
        .apply(
            id,
            &Edit::Remove {
                section: Section::Stakeholders,
                id: owner.clone(),
            },
        )
        .expect_err("still referenced");
    assert!(
        err.to_string()
            .contains(&format!("no stakeholder has the id `{owner}`")),
        "{err}"
    );
    assert_eq!(s.load(id).expect("load"), pack);
}

#[test]
fn undo_and_redo_walk_the_history() {
    let (mut s, id) = store_with_sample();
    let original = s.load(id).expect("load");
    // a risk that neither the scenario nor the rubric names, so removing it is allowed
    let practice = serde_json::to_string(&(&original.scenario, &original.rubric)).expect("json");
    let removed = original
        .risks
        .iter()
        .skip(1)
        .find(|r| !practice.contains(&format!("\"{}\"", r.id)))
        .expect("an unreferenced risk")
        .clone();
    s.apply(
        id,
        &Edit::Remove {
            section: Section::Risks,
            id: removed.id.clone(),
        },
    )
    .expect("remove");
    let mut changed = serde_json::to_value(&original.risks[0]).expect("json");
    changed["likelihood"] = json!(1);
    s.apply(
        id,
        &Edit::Put {
            section: Section::Risks,
            item: changed,
        },
    )
    .expect("update");

    assert_eq!(
        s.undo(id).expect("undo").map(|a| a.kind),
        Some("undo".into())
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
        !s.load(id).expect("load").risks.contains(&removed),
        "redo removes it again"
    );

    // a new edit after an undo ends the redo stack
    s.apply(
        id,
        &Edit::Put {
            section: Section::Risks,
            item: new_risk("R-x", 2),
        },
    )
    .expect("new edit");
    assert!(
        s.redo(id).expect("redo").is_none(),
        "nothing to redo after a new edit"
    );
    let kinds: Vec<String> = s
        .actions(id)
        .expect("actions")
        .into_iter()
        .map(|a| a.kind)
        .collect();
    assert_eq!(
        kinds,
        ["remove", "put", "undo", "undo", "redo", "put"],
        "every step is on the record"
    );
}

#[test]
fn log_entries_are_appended_and_removed_by_position() {
    let (mut s, id) = store_with_sample();
    let pack = s.load(id).expect("load");
    let who = pack.stakeholders[0].id.clone();
    let entry = json!({ "date": pack.program.as_of().to_string(), "stakeholders": [who], "channel": "email", "summary": "Weekly update" });
    let action = s
        .apply(
            id,
            &Edit::Put {
                section: Section::Communications,
                item: entry,
            },
        )
        .expect("log");
    assert_eq!(
        action.target,
        format!("communications#{}", pack.communications.len())
    );
    assert_eq!(
        s.load(id).expect("load").communications.len(),
        pack.communications.len() + 1
    );
    s.undo(id).expect("undo");
    assert_eq!(
        s.load(id).expect("load").communications,
        pack.communications
    );
}
