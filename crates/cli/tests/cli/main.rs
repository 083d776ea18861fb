//! The command line as a trainer uses it: real processes, real files.

// Tests and benchmarks may panic on a broken fixture: that is their failure report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod databases;
mod practice;
mod ralph;
mod registers;
mod xapi;

fn packs_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../packs")
}

fn bundled_pack() -> PathBuf {
    packs_dir().join("atlas-migration.toml")
}

fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flightdeck-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("flightdeck-cli runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The command failed, saying `what` on stderr.
fn fails_saying(o: &Output, what: &str) {
    assert!(
        !o.status.success(),
        "expected a failure, got success: {}",
        stdout(o)
    );
    assert!(
        stderr(o).contains(what),
        "stderr should say {what:?}: {}",
        stderr(o)
    );
}

#[test]
fn validate_says_ok_for_each_good_pack() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let packs: Vec<String> = std::fs::read_dir(packs_dir())
        .expect("packs/")
        .map(|e| e.expect("entry").path().display().to_string())
        .collect();
    let args: Vec<&str> = std::iter::once("validate")
        .chain(packs.iter().map(String::as_str))
        .collect();
    let out = cli(&db, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).matches(": ok").count(), packs.len());
}

#[test]
fn validate_reports_every_problem_with_its_place_and_fails() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.toml");
    let text = std::fs::read_to_string(bundled_pack())
        .expect("pack")
        .replacen("likelihood = ", "likelihood = 9 # was ", 1)
        .replacen("[program]", "[program]\nsponsor = \"nobody\"", 1);
    std::fs::write(&bad, text).expect("write");
    let out = cli(
        &dir.path().join("t.db"),
        &["validate", bad.to_str().expect("utf8")],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("bad.toml:4:1: program.sponsor: unknown field `sponsor`"),
        "{err}"
    );
    assert!(
        err.contains(".likelihood: 9 is out of range: expected 1 to 5"),
        "{err}"
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn import_prints_the_id_and_list_shows_the_program() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let out = cli(&db, &["import", bundled_pack().to_str().expect("utf8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let id = stdout(&out).trim().to_string();
    assert!(id.parse::<i64>().is_ok(), "prints the id: {id}");
    let list = stdout(&cli(&db, &["list"]));
    assert!(list.contains("atlas-migration"), "{list}");

    let again = cli(&db, &["import", bundled_pack().to_str().expect("utf8")]);
    assert!(
        !again.status.success(),
        "a second import of the same program is refused"
    );
    assert!(
        stderr(&again).contains("already loaded"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn an_exported_pack_validates_and_imports_as_the_same_program() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    assert!(
        cli(&db, &["import", bundled_pack().to_str().expect("utf8")])
            .status
            .success()
    );
    for name in ["out.toml", "out.json"] {
        let out = dir.path().join(name);
        let o = cli(
            &db,
            &[
                "export",
                "pack",
                "atlas-migration",
                "--out",
                out.to_str().expect("utf8"),
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let other = dir.path().join(format!("{name}.db"));
        assert!(
            cli(&other, &["import", out.to_str().expect("utf8")])
                .status
                .success()
        );
        let a = stdout(&cli(&db, &["show", "atlas-migration"]));
        let b = stdout(&cli(&other, &["show", "atlas-migration"]));
        assert_eq!(a, b, "{name} carries the whole program");
    }
}

#[test]
fn a_failed_export_writes_nothing_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    assert!(
        cli(&db, &["import", bundled_pack().to_str().expect("utf8")])
            .status
            .success()
    );
    let target = dir.path().join("missing-dir/out.toml");
    let o = cli(
        &db,
        &[
            "export",
            "pack",
            "atlas-migration",
            "--out",
            target.to_str().expect("utf8"),
        ],
    );
    assert!(!o.status.success());
    assert!(stderr(&o).contains("cannot write"), "{}", stderr(&o));
    assert!(!target.exists());

    let o = cli(&db, &["show", "no-such-program"]);
    fails_saying(&o, "program not found: no-such-program");
}

fn imported() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    assert!(
        cli(&db, &["import", bundled_pack().to_str().expect("utf8")])
            .status
            .success()
    );
    (dir, db)
}

#[test]
fn export_csv_writes_a_register_and_names_the_registers_on_a_typo() {
    let (dir, db) = imported();
    let out = dir.path().join("risks.csv");
    let o = cli(
        &db,
        &[
            "export",
            "csv",
            "atlas-migration",
            "--what",
            "risks",
            "--out",
            out.to_str().expect("utf8"),
            "--bom",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).expect("csv written");
    assert!(
        text.starts_with("\u{feff}id,title,"),
        "{}",
        &text[..40.min(text.len())]
    );

    let o = cli(
        &db,
        &[
            "export",
            "csv",
            "atlas-migration",
            "--what",
            "riskz",
            "--out",
            "/tmp/never.csv",
        ],
    );
    fails_saying(
        &o,
        "register not found: `riskz`; the registers are goals, teams, workstreams, milestones, risks",
    );
}

#[test]
fn export_png_and_report_write_images_of_the_asked_size() {
    let (dir, db) = imported();
    let out = dir.path().join("heat.png");
    let o = cli(
        &db,
        &[
            "export",
            "png",
            "atlas-migration",
            "--chart",
            "heatmap",
            "--out",
            out.to_str().expect("utf8"),
            "--width",
            "800",
            "--height",
            "500",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&out).expect("png written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(
        u32::from_be_bytes(bytes[16..20].try_into().expect("width")),
        800
    );
    assert_eq!(
        u32::from_be_bytes(bytes[20..24].try_into().expect("height")),
        500
    );

    let report = dir.path().join("status.png");
    let o = cli(
        &db,
        &[
            "export",
            "report",
            "atlas-migration",
            "--out",
            report.to_str().expect("utf8"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&report).expect("report written");
    assert_eq!(
        u32::from_be_bytes(bytes[16..20].try_into().expect("width")),
        1600,
        "a landscape page"
    );

    let o = cli(
        &db,
        &[
            "export",
            "png",
            "atlas-migration",
            "--chart",
            "pie",
            "--out",
            "/tmp/never.png",
        ],
    );
    fails_saying(
        &o,
        "the charts are gantt, heatmap, stakeholders, evm, report, kpi:",
    );
}

#[test]
fn edits_undo_and_redo_from_the_command_line() {
    let (_dir, db) = imported();
    let o = cli(
        &db,
        &[
            "edit",
            "atlas-migration",
            r#"{"op":"put","register":"risks","item":{"id":"R99","title":"New","likelihood":2,"impact":3,"response":"accept","status":"open"}}"#,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "put risks/R99");
    assert_eq!(
        stdout(&cli(&db, &["undo", "atlas-migration"])).trim(),
        "undo risks/R99"
    );
    assert_eq!(
        stdout(&cli(&db, &["undo", "atlas-migration"])).trim(),
        "nothing to undo"
    );
    assert_eq!(
        stdout(&cli(&db, &["redo", "atlas-migration"])).trim(),
        "redo risks/R99"
    );

    let o = cli(
        &db,
        &[
            "edit",
            "atlas-migration",
            r#"{"op":"put","register":"risks","item":{"id":"R98","title":"Bad","likelihood":7,"impact":3,"response":"accept","status":"open"}}"#,
        ],
    );
    fails_saying(
        &o,
        "risks[R98].likelihood: expected a whole number from 1 to 5, found 7",
    );
}

#[test]
fn gen_pack_writes_a_pack_that_validates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("gen.toml");
    let o = cli(
        &dir.path().join("t.db"),
        &[
            "gen-pack",
            "--milestones",
            "300",
            "--risks",
            "50",
            "--stakeholders",
            "20",
            "--communications",
            "100",
            "--kpis",
            "5",
            "--points",
            "30",
            "--out",
            out.to_str().expect("utf8"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cli(
        &dir.path().join("t.db"),
        &["validate", out.to_str().expect("utf8")],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = cli(
        &dir.path().join("t.db"),
        &["import", out.to_str().expect("utf8")],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&cli(&dir.path().join("t.db"), &["show", "synthetic"])).contains(
            "holds: 3 goals, 8 workstreams, 300 milestones, 50 risks, 20 stakeholders, 5 KPIs"
        )
    );
}
