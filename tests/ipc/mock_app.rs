//! The real app on Tauri's mock runtime: its real configuration and capabilities, its store
//! opened by its own startup rule, and its commands answering real IPC requests.

use std::path::Path;

use flightdeck_app::{context, database_path};
use flightdeck_core::files;
use serde_json::json;
use tauri::test::{MockRuntime, mock_builder};
use tauri::{Manager, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

use crate::harness::{in_child, ok, open_app, refused, run_in_child, run_with_own_database};

#[test]
fn the_ui_lists_edits_and_undoes_through_real_ipc_requests() {
    if !in_child() {
        return run_with_own_database(
            "mock_app::the_ui_lists_edits_and_undoes_through_real_ipc_requests",
        );
    }
    let (app, main) = open_app();

    let programs = ok(&main, "list_programs", json!({}));
    let programs = programs.as_array().expect("a list of programs");
    assert!(
        !programs.is_empty(),
        "the bundled programs are loaded on first start"
    );
    let id = programs[0]["id"].clone();
    let slug = programs[0]["slug"].as_str().expect("a slug");
    let pack = flightdeck_core::bundled::packs()
        .expect("the bundled packs")
        .into_iter()
        .find(|p| p.program.id == slug)
        .expect("the first program is a bundled one");

    let page = ok(
        &main,
        "list_items",
        json!({ "id": id, "query": { "register": "risks" } }),
    );
    let rows = page["rows"].as_array().expect("rows");
    assert_eq!(
        (page["total"].as_u64(), rows.len()),
        (Some(pack.risks.len() as u64), pack.risks.len()),
        "every risk of {slug} is listed, and the total says so"
    );
    // a badly shaped query is answered like a badly shaped edit
    let err = refused(
        &main,
        "list_items",
        json!({ "id": id, "query": { "register": "risks", "limit": "ten" } }),
    );
    assert_eq!(err["kind"], "validation", "{err}");
    assert_eq!(err["problems"][0]["path"], "limit", "{err}");
    let risk = &rows[0];
    let key = risk["key"].as_str().expect("a risk's key").to_string();
    let before = risk["item"].clone();

    // A bad edit: the command takes JSON and core names each problem at its field.
    let mut bad = before.clone();
    bad["id"] = json!("R99");
    bad["likelihood"] = json!("high");
    let err = refused(
        &main,
        "apply_edit",
        json!({ "id": id, "edit": { "op": "put", "register": "risks", "item": bad } }),
    );
    assert_eq!(err["kind"], "validation", "{err}");
    let paths: Vec<&str> = err["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["path"].as_str())
        .collect();
    assert!(
        paths.contains(&"risks[R99].likelihood"),
        "the problem sits at the field: {err}"
    );

    // The form's check as the learner types answers the same, and saves nothing.
    let err = refused(
        &main,
        "check_edit",
        json!({ "id": id, "edit": { "op": "put", "register": "risks", "item": bad } }),
    );
    assert_eq!(err["problems"][0]["path"], "risks[R99].likelihood", "{err}");

    // A good edit, seen by a read, then undone.
    let mut good = before.clone();
    good["title"] = json!("Retitled through IPC");
    let action = ok(
        &main,
        "apply_edit",
        json!({ "id": id, "edit": { "op": "put", "register": "risks", "item": good } }),
    );
    assert_eq!(
        (&action["kind"], &action["target"], &action["state"]),
        (
            &json!("put"),
            &json!(format!("risks/{key}")),
            &json!("done")
        ),
        "{action}"
    );
    let read = |main: &WebviewWindow<MockRuntime>| {
        ok(
            main,
            "get_item",
            json!({ "id": id, "register": "risks", "key": key }),
        )["item"]["title"]
            .clone()
    };
    assert_eq!(read(&main), json!("Retitled through IPC"));
    let undone = ok(&main, "undo", json!({ "id": id }));
    assert_eq!(undone["kind"], "undo", "{undone}");
    assert_eq!(read(&main), before["title"], "undo puts the title back");
    let history = ok(&main, "history", json!({ "id": id }));
    assert!(
        history.as_array().is_some_and(|h| h.len() >= 2),
        "the edit and its undo are on the record: {history}"
    );

    // An unknown register is core's not_found, not Tauri's argument error.
    let err = refused(
        &main,
        "get_item",
        json!({ "id": id, "register": "nonsense", "key": key }),
    );
    assert_eq!(err["kind"], "not_found", "{err}");

    // A chart renders through IPC.
    let svg = ok(
        &main,
        "chart_svg",
        json!({ "id": id, "chart": "heatmap", "width": 640, "height": 480 }),
    );
    assert!(
        svg.as_str().is_some_and(|s| s.contains("<svg")),
        "an SVG comes back"
    );

    assert_eq!(
        ok(&main, "export_tables", json!({})),
        json!(flightdeck_core::export::tables())
    );

    // The capability grants the commands to the main window only.
    let other = WebviewWindowBuilder::new(&app, "other", WebviewUrl::default())
        .build()
        .expect("a second window");
    let err = refused(&other, "list_programs", json!({}));
    assert!(
        err.get("kind").is_none(),
        "a window the capability does not name is refused by Tauri's ACL, before the command \
         runs: {err}"
    );
}

/// Tauri's app-data folder for this app, joined with `flightdeck.db`, is where core's
/// `files::default_database_path` (the command line's rule, computed without Tauri) says the
/// database is: one definition, checked on this OS.
#[test]
fn the_app_and_the_command_line_find_the_same_database() {
    const TEST: &str = "mock_app::the_app_and_the_command_line_find_the_same_database";
    if !in_child() {
        run_in_child(TEST, |c| {
            c.env_remove("FLIGHTDECK_DB");
        });
        let data = tempfile::tempdir().expect("a temporary folder");
        run_in_child(TEST, |c| {
            c.env_remove("FLIGHTDECK_DB")
                .env("XDG_DATA_HOME", data.path());
        });
        return;
    }
    // Built without opening a store: this test only asks where it would be.
    let app = mock_builder()
        .build(context::<MockRuntime>())
        .expect("the app builds");
    let tauri_path = app
        .path()
        .app_data_dir()
        .expect("an app-data folder")
        .join("flightdeck.db");
    assert_eq!(
        app.config().identifier,
        files::APP_ID,
        "tauri.conf.json's identifier is core's"
    );
    let core_path = files::default_database_path().expect("a default database path");
    assert_eq!(tauri_path, core_path, "Tauri and core agree on this OS");
    assert_eq!(
        database_path(&app).expect("the app's database path"),
        tauri_path,
        "with FLIGHTDECK_DB unset the app uses the app-data folder"
    );
    if let Some(data) = std::env::var_os("XDG_DATA_HOME").filter(|_| cfg!(target_os = "linux")) {
        assert!(
            core_path.starts_with(Path::new(&data)),
            "{} is under XDG_DATA_HOME",
            core_path.display()
        );
    }
}
