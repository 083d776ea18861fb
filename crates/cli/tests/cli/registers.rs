//! The register commands as a script uses them: typed edits, JSON errors, listing, history,
//! domain actions, and two processes editing one program at once.

use std::process::Command;

use super::{cli, fails_saying, imported, stderr, stdout};

const P: &str = "atlas-migration";

#[test]
fn a_refused_edit_prints_every_problem_as_json_with_json() {
    let (_dir, db) = imported();
    let o = cli(
        &db,
        &[
            "--json",
            "edit",
            P,
            r#"{"op":"put","register":"risks","item":{"id":"R98","title":"Bad","likelihood":"high","impact":9,"response":"accept","status":"open"}}"#,
        ],
    );
    assert!(!o.status.success());
    let err: serde_json::Value = serde_json::from_str(stderr(&o).trim()).expect("one JSON object");
    assert_eq!(err["kind"], "validation");
    let paths: Vec<&str> = err["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["path"].as_str())
        .collect();
    assert_eq!(paths, ["risks[R98].likelihood", "risks[R98].impact"]);

    let o = cli(&db, &["--json", "items", P, "nonsense"]);
    let err: serde_json::Value = serde_json::from_str(stderr(&o).trim()).expect("JSON");
    assert_eq!(err["kind"], "not_found");
    assert!(
        err["message"]
            .as_str()
            .expect("message")
            .contains("the registers are goals")
    );
}

#[test]
fn items_lists_a_register_sorted_filtered_and_as_json() {
    let (_dir, db) = imported();
    let o = cli(
        &db,
        &[
            "items",
            P,
            "risks",
            "--sort",
            "likelihood",
            "--desc",
            "--limit",
            "3",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 3);
    let o = cli(
        &db,
        &["items", P, "risks", "--where", "status=open", "--json"],
    );
    let page: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON page");
    let rows = page["rows"].as_array().expect("rows");
    assert_eq!(page["total"].as_u64(), Some(rows.len() as u64));
    assert!(
        rows.iter()
            .all(|r| r["item"]["status"] == "open" && r["register"] == "risks")
    );
    fails_saying(
        &cli(&db, &["items", P, "risks", "--sort", "colour"]),
        "the fields are id, title",
    );
}

#[test]
fn domain_actions_are_recorded_in_the_history_and_undone_one_by_one() {
    let (dir, db) = imported();
    let steps: [&[&str]; 5] = [
        &[
            "record",
            P,
            "--kpi",
            "lead-time",
            "--date",
            "2027-03-01",
            "--value",
            "-3.5",
        ],
        &[
            "log",
            P,
            "--stakeholder",
            "mei",
            "--date",
            "2027-03-01",
            "--channel",
            "call",
            "--summary",
            "Walked through the slip",
        ],
        &["realise", P, "--risk", "R1"],
        &["rebaseline", P, "--milestone", "M1"],
        &[
            "progress",
            P,
            "--milestone",
            "M1",
            "--percent",
            "50",
            "--started",
            "2027-02-01",
        ],
    ];
    let before = dir.path().join("before.toml");
    assert!(
        cli(
            &db,
            &["export", "pack", P, "--out", before.to_str().expect("utf8")]
        )
        .status
        .success()
    );
    for step in steps {
        let o = cli(&db, step);
        assert!(o.status.success(), "{step:?}: {}", stderr(&o));
    }
    let history = stdout(&cli(&db, &["history", P]));
    let kinds: Vec<&str> = history
        .lines()
        .map(|l| l.split('\t').nth(3).unwrap_or(""))
        .collect();
    assert_eq!(
        kinds,
        ["record", "log", "realise", "rebaseline", "progress"],
        "{history}"
    );
    // what each changed, as keys and in words: realising a risk changed it and made an issue
    let realised: Vec<&str> = history.lines().nth(2).unwrap_or("").split('\t').collect();
    assert_eq!(
        realised.get(4..),
        Some(&["risks/R1, issues/I-R1", "risk R1, issue I-R1"][..]),
        "{history}"
    );
    for _ in 0..5 {
        assert!(cli(&db, &["undo", P]).status.success());
    }
    let after = dir.path().join("after.toml");
    assert!(
        cli(
            &db,
            &["export", "pack", P, "--out", after.to_str().expect("utf8")]
        )
        .status
        .success()
    );
    assert_eq!(
        std::fs::read_to_string(&before).expect("before"),
        std::fs::read_to_string(&after).expect("after"),
        "undoing every action gives back the pack"
    );
}

#[test]
fn reset_puts_the_pack_back_and_remove_takes_the_program_away() {
    let (_dir, db) = imported();
    assert!(cli(&db, &["realise", P, "--risk", "R1"]).status.success());
    let o = cli(&db, &["reset", P]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), format!("reset program {P}"));
    let o = cli(&db, &["items", P, "risks", "--where", "status=realised"]);
    assert_eq!(stdout(&o), "", "the realised risk is open again");
    assert_eq!(stdout(&cli(&db, &["undo", P])).trim(), "nothing to undo");
    assert!(cli(&db, &["remove", P]).status.success());
    assert_eq!(stdout(&cli(&db, &["list"])), "");
}

/// Two processes edit different risks of one program at the same time: every edit survives
/// and every undo works afterwards.
#[test]
fn two_processes_editing_one_program_lose_nothing() {
    let (_dir, db) = imported();
    const EDITS: usize = 20;
    let writer = |risk: &'static str| {
        let db = db.clone();
        std::thread::spawn(move || {
            for i in 0..EDITS {
                let edit = format!(
                    r#"{{"op":"put","register":"risks","item":{{"id":"{risk}","title":"Edit {i}","likelihood":2,"impact":3,"response":"accept","status":"open"}}}}"#
                );
                let o = Command::new(env!("CARGO_BIN_EXE_flightdeck-cli"))
                    .arg("--db")
                    .arg(&db)
                    .args(["edit", P, &edit])
                    .output()
                    .expect("runs");
                assert!(
                    o.status.success(),
                    "{risk} edit {i}: {}",
                    String::from_utf8_lossy(&o.stderr)
                );
            }
        })
    };
    let (a, b) = (writer("RA"), writer("RB"));
    a.join().expect("writer A");
    b.join().expect("writer B");
    let history = stdout(&cli(&db, &["history", P]));
    assert_eq!(
        history.lines().count(),
        2 * EDITS,
        "every edit is on the record"
    );
    for who in ["RA", "RB"] {
        let o = cli(&db, &["items", P, "risks", "--where", &format!("id={who}")]);
        assert_eq!(
            stdout(&o).trim(),
            format!("{who}\tEdit {}", EDITS - 1),
            "the last edit of {who} survived"
        );
    }
    for i in 0..2 * EDITS {
        let o = cli(&db, &["undo", P]);
        assert!(o.status.success(), "undo {i}: {}", stderr(&o));
    }
    let o = cli(&db, &["items", P, "risks", "--filter", "Edit "]);
    assert_eq!(stdout(&o), "", "every edit undone, both new risks gone");
}
