//! Practice from the command line, as a trainer's script drives it: start an attempt, read the
//! inbox, act through the register commands with the attempt's key, report, advance, finish,
//! and the debrief; bad input fails with a message and changes nothing.

use super::{cli, fails_saying, imported, stdout};

const P: &str = "atlas-migration";

/// Moves M4's finish with an edit (what Atlas's X1 asks within 7 days of E1); returns the edit.
fn replan_m4(db: &std::path::Path, key: &str) -> serde_json::Value {
    let items = cli(
        db,
        &["--json", "items", key, "milestones", "--limit", "100"],
    );
    let page: serde_json::Value = serde_json::from_slice(&items.stdout).expect("json");
    let mut m4 = page["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["key"] == "M4")
        .expect("M4")["item"]
        .clone();
    m4["finish"] = serde_json::json!("2027-04-30");
    let edit = serde_json::json!({ "op": "put", "register": "milestones", "item": m4 });
    let done = cli(db, &["edit", key, &edit.to_string()]);
    assert!(done.status.success(), "{done:?}");
    edit
}

#[test]
fn a_learner_plays_the_scenario_from_the_command_line_and_is_debriefed() {
    let (_dir, db) = imported();
    let started = cli(&db, &["practice", "start", P, "--learner", "Ana Ruiz"]);
    assert!(started.status.success(), "{started:?}");
    let key = stdout(&started).trim().to_string();
    assert_eq!(key, "atlas-migration-ana-ruiz");
    let list = stdout(&cli(&db, &["list"]));
    assert!(!list.contains(&key), "an attempt is not a program: {list}");

    let inbox = stdout(&cli(&db, &["practice", "inbox", &key]));
    assert!(
        inbox.contains("E1:"),
        "week 1's event is in the inbox: {inbox}"
    );

    // X1 asks to re-plan M4 within 7 days of E1: move its finish with an edit
    let edit = replan_m4(&db, &key);

    let advanced = cli(&db, &["practice", "advance", &key]);
    assert!(
        stdout(&advanced).contains("week 2 of 12"),
        "{}",
        stdout(&advanced)
    );
    assert!(stdout(&advanced).contains("new in the inbox: E2"));
    let reported = cli(
        &db,
        &[
            "practice",
            "report",
            &key,
            "--overall",
            "amber",
            "--kpi",
            "p99-latency=red",
            "--note",
            "Latency up",
        ],
    );
    assert!(
        stdout(&reported).contains("week 2 status: AMBER"),
        "{reported:?}"
    );

    let finished = cli(&db, &["practice", "finish", &key]);
    assert!(finished.status.success());
    let debrief = cli(&db, &["--json", "practice", "debrief", &key]);
    let d: serde_json::Value = serde_json::from_slice(&debrief.stdout).expect("json");
    let x1 = d["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["id"] == "X1")
        .expect("X1");
    assert_eq!(x1["met"], true, "{x1}");
    assert_eq!(d["attempt"]["learner"], "Ana Ruiz");
    assert!(d["total"]["met"].as_u64().expect("points") >= 8);
    let (png, csv) = (
        db.with_file_name("debrief.png"),
        db.with_file_name("debrief.csv"),
    );
    let files = cli(
        &db,
        &[
            "practice",
            "debrief",
            &key,
            "--png",
            png.to_str().expect("utf8"),
            "--csv",
            csv.to_str().expect("utf8"),
        ],
    );
    assert!(files.status.success(), "{files:?}");
    let bytes = std::fs::read(&png).expect("the debrief PNG");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(
        u32::from_be_bytes(bytes[16..20].try_into().expect("width")),
        1600
    );
    let rows = std::fs::read_to_string(&csv).expect("the debrief CSV");
    assert!(
        rows.starts_with("item,responsibility,points,result"),
        "{rows}"
    );
    assert_eq!(
        rows.lines().count(),
        1 + d["items"].as_array().expect("items").len()
    );
    let text = stdout(&cli(&db, &["practice", "debrief", &key]));
    assert!(
        text.contains("met    X1") && text.contains("missed X2"),
        "{text}"
    );

    // finished: read-only, with a clear refusal
    fails_saying(&cli(&db, &["practice", "advance", &key]), "read-only");
    fails_saying(&cli(&db, &["undo", &key]), "read-only");
    fails_saying(&cli(&db, &["edit", &key, &edit.to_string()]), "read-only");
}

#[test]
fn bad_practice_input_fails_with_a_message_and_changes_nothing() {
    let (_dir, db) = imported();
    let key = stdout(&cli(&db, &["practice", "start", P, "--learner", "Bo"]))
        .trim()
        .to_string();
    fails_saying(
        &cli(
            &db,
            &[
                "practice",
                "report",
                &key,
                "--overall",
                "red",
                "--kpi",
                "nope=red",
            ],
        ),
        "KPI not found: nope",
    );
    fails_saying(
        &cli(&db, &["practice", "report", &key, "--overall", "purple"]),
        "not a colour",
    );
    fails_saying(&cli(&db, &["practice", "inbox", P]), "attempt not found");
    fails_saying(
        &cli(&db, &["practice", "start", &key, "--learner", "Cy"]),
        "this is an attempt",
    );
    let reports = cli(&db, &["--json", "practice", "debrief", &key]);
    assert!(reports.status.success());
    fails_saying(
        &cli(&db, &["practice", "advance", &key, "--days", "0"]),
        "at least one day",
    );

    // a program without a scenario has no practice mode
    let pack = std::fs::read_to_string(super::bundled_pack()).expect("pack");
    let cut = pack.find("[scenario]").expect("the sample has a scenario");
    let bare = pack[..cut].replace("id = \"atlas-migration\"", "id = \"bare\"");
    let path = db.with_file_name("bare.toml");
    std::fs::write(&path, bare).expect("write");
    let imported = cli(&db, &["import", path.to_str().expect("utf8")]);
    assert!(imported.status.success(), "{imported:?}");
    fails_saying(
        &cli(&db, &["practice", "start", "bare", "--learner", "Di"]),
        "has no scenario",
    );
}

#[test]
fn grading_a_folder_scores_the_good_files_and_names_what_is_wrong_with_the_others() {
    let (dir, db) = imported();
    let class = dir.path().join("class");
    std::fs::create_dir(&class).expect("class folder");
    // a learner whose name would be a formula in a spreadsheet, who re-plans M4 in time
    let key = stdout(&cli(
        &db,
        &["practice", "start", P, "--learner", "=HYPERLINK(\"x\")"],
    ))
    .trim()
    .to_string();
    replan_m4(&db, &key);
    assert!(cli(&db, &["practice", "finish", &key]).status.success());
    let good = class.join("good.fdattempt");
    let exported = cli(
        &db,
        &[
            "attempt",
            "export",
            &key,
            "--out",
            good.to_str().expect("utf8"),
        ],
    );
    assert!(exported.status.success(), "{exported:?}");

    let text = std::fs::read_to_string(&good).expect("read");
    std::fs::write(
        class.join("tampered.fdattempt"),
        text.replace("2027-04-30", "2027-05-30"),
    )
    .expect("write");
    std::fs::write(class.join("truncated.fdattempt"), &text[..text.len() / 3]).expect("write");
    std::fs::copy(
        super::bundled_pack(),
        class.join("not-an-attempt.fdattempt"),
    )
    .expect("copy");

    let book = dir.path().join("gradebook.csv");
    let graded = cli(
        &db,
        &[
            "grade",
            "--pack",
            super::bundled_pack().to_str().expect("utf8"),
            class.to_str().expect("utf8"),
            "--out",
            book.to_str().expect("utf8"),
        ],
    );
    assert_eq!(
        graded.status.code(),
        Some(3),
        "three files failed: {graded:?}"
    );
    assert!(
        stdout(&graded).contains("graded 1 of 4 attempts"),
        "{}",
        stdout(&graded)
    );
    let csv = std::fs::read_to_string(&book).expect("gradebook");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 5, "a header and a row per file: {csv}");
    assert!(lines[0].starts_with(
        "learner,file,planning,stakeholders,risk,collaboration,performance,total,met,missed,problem"
    ));
    let good_row = lines
        .iter()
        .find(|l| l.contains("good.fdattempt"))
        .expect("the good file's row");
    assert!(
        good_row.starts_with("\"'=HYPERLINK"),
        "formula-safe: {good_row}"
    );
    assert!(good_row.contains("X1"), "X1 met: {good_row}");
    let says = |file: &str, what: &str| {
        let row = lines.iter().find(|l| l.contains(file)).expect("a row");
        assert!(row.contains(what), "{file}: {row}");
    };
    says("tampered", "changed after it was exported");
    says("truncated", "not a readable attempt file");
    says("not-an-attempt", "not a readable attempt file");

    // the trainer opens the learner's attempt in their own database
    let trainer = dir.path().join("trainer.db");
    assert!(
        cli(
            &trainer,
            &["import", super::bundled_pack().to_str().expect("utf8")]
        )
        .status
        .success()
    );
    let opened = cli(
        &trainer,
        &["attempt", "import", good.to_str().expect("utf8")],
    );
    assert!(opened.status.success(), "{opened:?}");
    let text = stdout(&cli(
        &trainer,
        &["practice", "debrief", stdout(&opened).trim()],
    ));
    assert!(
        text.contains("met    X1") && text.contains("finished"),
        "{text}"
    );
}
