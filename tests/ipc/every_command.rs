//! Every other command the UI may call, once, through a real IPC request: each reaches core
//! with its arguments as the UI names them and answers in the shape `api.ts` expects.

use flightdeck_core::bundled;
use flightdeck_core::model::{Pack, RiskStatus};
use flightdeck_core::register::catalogue;
use serde_json::{Value, json};

use crate::harness::{in_child, ok, open_app, refused, run_with_own_database};

/// The program's bundled pack and its source text, by the slug the store lists.
fn bundled_pack(slug: &str) -> (Pack, &'static str) {
    let packs = bundled::packs().expect("the bundled packs");
    let sources = bundled::sources();
    packs
        .into_iter()
        .zip(sources)
        .find(|(pack, _)| pack.program.id == slug)
        .map(|(pack, (_, text))| (pack, text))
        .expect("a listed program is a bundled one")
}

fn kind(action: &Value) -> &str {
    action["kind"].as_str().unwrap_or("(no kind)")
}

#[test]
fn every_command_answers_through_ipc() {
    if !in_child() {
        return run_with_own_database("every_command::every_command_answers_through_ipc");
    }
    let (_app, main) = open_app();
    let program = &ok(&main, "list_programs", json!({}))[0];
    let id = program["id"].clone();
    let (pack, source) = bundled_pack(program["slug"].as_str().expect("a slug"));
    let out = tempfile::tempdir().expect("a temporary folder");

    let registers = ok(&main, "list_registers", json!({}));
    assert_eq!(
        registers.as_array().map(Vec::len),
        Some(catalogue().len()),
        "every register with its form"
    );
    let overview = ok(&main, "program_overview", json!({ "id": id }));
    assert_eq!(overview["counts"]["risks"], json!(pack.risks.len()));
    assert!(ok(&main, "program_status", json!({ "id": id }))["rag"].is_string());
    let charts = ok(&main, "chart_names", json!({ "id": id }));
    assert!(
        charts
            .as_array()
            .is_some_and(|c| c.contains(&json!("report"))),
        "{charts}"
    );
    let png = out.path().join("status.png");
    ok(
        &main,
        "export_chart_png",
        json!({ "id": id, "chart": "report", "path": png }),
    );
    let bytes = std::fs::read(&png).expect("the PNG was written");
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG file");
    let csv = out.path().join("risks.csv");
    ok(
        &main,
        "export_csv",
        json!({ "id": id, "register": "risks", "path": csv }),
    );
    assert!(csv.exists(), "the CSV was written");

    // A stakeholder who owns a risk is referred to by it.
    let owner = pack
        .risks
        .iter()
        .find_map(|r| r.owner.clone())
        .expect("a bundled risk with an owner");
    let referrers = ok(
        &main,
        "item_referrers",
        json!({ "id": id, "register": "stakeholders", "key": owner }),
    );
    assert!(
        referrers.as_array().is_some_and(|r| !r.is_empty()),
        "{owner} is referred to: {referrers}"
    );

    // The domain actions, each recorded as its own kind.
    let kpi = &pack.kpis[0].id;
    let action = ok(
        &main,
        "record_measurement",
        json!({ "id": id, "kpi": kpi, "date": pack.program.start, "value": 1.5 }),
    );
    assert_eq!(kind(&action), "record", "{action}");
    let entry = json!({
        "date": pack.program.start,
        "stakeholders": [owner],
        "channel": "email",
        "summary": "Sent through IPC",
    });
    let action = ok(
        &main,
        "log_communication",
        json!({ "id": id, "entry": entry }),
    );
    assert_eq!(kind(&action), "log", "{action}");
    let open_risk = pack
        .risks
        .iter()
        .find(|r| r.status == RiskStatus::Open)
        .expect("an open bundled risk");
    let action = ok(
        &main,
        "realise_risk",
        json!({ "id": id, "risk": open_risk.id }),
    );
    assert_eq!(kind(&action), "realise", "{action}");
    let drifted = pack
        .milestones
        .iter()
        .find(|m| m.baseline_start != Some(m.start) || m.baseline_finish != Some(m.finish))
        .expect("a bundled milestone whose baseline differs from its plan");
    let action = ok(
        &main,
        "rebaseline",
        json!({ "id": id, "milestone": drifted.id }),
    );
    assert_eq!(kind(&action), "rebaseline", "{action}");
    let action = ok(&main, "rebaseline", json!({ "id": id, "milestone": null }));
    assert_eq!(
        kind(&action),
        "rebaseline",
        "every other milestone: {action}"
    );
    let err = refused(&main, "rebaseline", json!({ "id": id, "milestone": null }));
    assert_eq!(
        err["kind"], "conflict",
        "after re-baselining all, nothing is left to re-baseline: {err}"
    );
    let progress = json!({ "percent_complete": 55.0 });
    let action = ok(
        &main,
        "update_progress",
        json!({ "id": id, "milestone": drifted.id, "progress": progress }),
    );
    assert_eq!(kind(&action), "progress", "{action}");
    let undone = ok(&main, "undo", json!({ "id": id }));
    assert_eq!(kind(&undone), "undo", "{undone}");
    let redone = ok(&main, "redo", json!({ "id": id }));
    assert_eq!(kind(&redone), "redo", "{redone}");
    assert_eq!(
        ok(&main, "redo", json!({ "id": id })),
        Value::Null,
        "nothing is left to redo"
    );

    let reset = ok(&main, "reset_program", json!({ "id": id }));
    assert_eq!(kind(&reset), "reset", "{reset}");
    ok(&main, "remove_program", json!({ "id": id }));
    let err = refused(&main, "program_overview", json!({ "id": id }));
    assert_eq!(err["kind"], "not_found", "a removed program is gone: {err}");

    // The removed pack imports again from a file, as a new program.
    let file = out.path().join("pack.toml");
    std::fs::write(&file, source).expect("the pack file is written");
    let new_id = ok(&main, "import_pack", json!({ "path": file }));
    assert!(new_id.is_i64() && new_id != id, "a new id: {new_id}");

    // Again, while loaded: the app is told so, and may keep both or replace it.
    let err = refused(&main, "import_pack", json!({ "path": file }));
    assert_eq!(err["kind"], "already_loaded", "{err}");
    let both = ok(
        &main,
        "import_pack",
        json!({ "path": file, "on": "keep_both" }),
    );
    let replaced = ok(
        &main,
        "import_pack",
        json!({ "path": file, "on": "replace" }),
    );
    assert!(both != new_id && replaced != new_id && replaced != both);
    let err = refused(&main, "program_overview", json!({ "id": new_id }));
    assert_eq!(err["kind"], "not_found", "the replaced one is gone: {err}");

    // It saves as a pack that reads back.
    let saved = out.path().join("saved.json");
    ok(
        &main,
        "export_pack",
        json!({ "id": replaced, "path": saved }),
    );
    flightdeck_core::pack::read_file(&saved).expect("the exported pack reads back");
    assert_eq!(ok(&main, "ready", json!({})), Value::Null);
}

#[test]
fn practice_commands_answer_through_ipc() {
    if !in_child() {
        return run_with_own_database("every_command::practice_commands_answer_through_ipc");
    }
    let (_app, main) = open_app();
    let program = &ok(&main, "list_programs", json!({}))[0];
    let (id, slug) = (program["id"].clone(), program["slug"].clone());
    let brief = ok(&main, "scenario_brief", json!({ "id": id }));
    assert!(brief["weeks"].as_u64().is_some_and(|w| w > 0), "{brief}");
    assert!(
        brief.get("events").is_some() && brief.get("narrative").is_none(),
        "{brief}"
    );
    assert_eq!(
        ok(&main, "get_attempt", json!({ "id": id })),
        Value::Null,
        "a program is not an attempt"
    );

    let attempt = ok(
        &main,
        "start_attempt",
        json!({ "id": id, "learner": "Ana" }),
    );
    let aid = attempt["id"].clone();
    assert_eq!(attempt["week"], 1, "{attempt}");
    assert_eq!(
        ok(&main, "get_attempt", json!({ "id": aid }))["learner"],
        "Ana"
    );
    assert_eq!(
        ok(&main, "list_attempts", json!({ "program": slug }))
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let fired = ok(&main, "advance", json!({ "id": aid, "days": 7 }));
    assert!(fired.is_array(), "{fired}");
    assert!(
        !ok(&main, "inbox", json!({ "id": aid }))
            .as_array()
            .expect("inbox")
            .is_empty()
    );

    let draft = json!({ "overall": "amber", "kpis": { "no-such-kpi": "red" }, "note": "" });
    let err = refused(&main, "report_status", json!({ "id": aid, "draft": draft }));
    assert_eq!(err["kind"], "not_found", "{err}");
    let draft = json!({ "overall": "amber", "note": "On it" });
    assert_eq!(
        ok(&main, "report_status", json!({ "id": aid, "draft": draft }))["week"],
        2
    );
    assert_eq!(
        ok(&main, "status_reports", json!({ "id": aid }))
            .as_array()
            .map(Vec::len),
        Some(1)
    );

    let finished = ok(&main, "finish_attempt", json!({ "id": aid }));
    assert!(finished["finished_at"].is_string(), "{finished}");
    let debrief = ok(&main, "debrief", json!({ "id": aid }));
    assert!(
        debrief["total"]["possible"].as_u64().is_some_and(|p| p > 0),
        "{debrief}"
    );
    let err = refused(&main, "advance", json!({ "id": aid, "days": 1 }));
    assert_eq!(
        err["kind"], "conflict",
        "a finished attempt is read-only: {err}"
    );

    let out = tempfile::tempdir().expect("a temporary folder");
    let file = out.path().join("ana.fdattempt");
    ok(&main, "export_attempt", json!({ "id": aid, "path": file }));
    let (png, csv) = (
        out.path().join("debrief.png"),
        out.path().join("debrief.csv"),
    );
    ok(
        &main,
        "export_debrief_png",
        json!({ "id": aid, "path": png }),
    );
    ok(
        &main,
        "export_debrief_csv",
        json!({ "id": aid, "path": csv }),
    );
    assert!(
        std::fs::read(&png)
            .expect("the PNG")
            .starts_with(b"\x89PNG")
    );
    let rows = std::fs::read_to_string(&csv).expect("the CSV");
    assert_eq!(
        rows.lines().count(),
        1 + debrief["items"].as_array().map_or(0, Vec::len)
    );
    let imported = ok(&main, "import_attempt", json!({ "path": file }));
    assert_eq!(imported["learner"], "Ana");
    assert_eq!(
        ok(&main, "debrief", json!({ "id": imported["id"] }))["total"],
        debrief["total"],
        "the imported attempt scores the same"
    );
}
