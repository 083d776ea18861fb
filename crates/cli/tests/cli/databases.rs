//! Databases from the command line: a mistyped path makes nothing, someone else's file is left
//! alone.

use crate::{cli, fails_saying, stdout};

#[test]
fn a_db_path_in_a_folder_that_does_not_exist_is_refused_unless_create() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("tpyo").join("fd.db");
    let o = cli(&db, &["list"]);
    fails_saying(&o, "pass --create to make it");
    assert!(!dir.path().join("tpyo").exists(), "no folder was made");

    let o = cli(&db, &["--create", "list"]);
    assert!(o.status.success(), "{}", crate::stderr(&o));
    assert_eq!(stdout(&o), "", "a new, empty database");
    assert!(db.is_file(), "made, folder and all");
}

#[test]
fn someone_elses_sqlite_file_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("theirs.sqlite");
    rusqlite::Connection::open(&db)
        .expect("open")
        .execute_batch("CREATE TABLE programs (id INTEGER PRIMARY KEY, title TEXT);")
        .expect("seed");
    let before = std::fs::read(&db).expect("read");
    let o = cli(&db, &["list"]);
    fails_saying(&o, "is not a Flightdeck database");
    assert!(crate::stderr(&o).len() < 300, "{}", crate::stderr(&o));
    assert_eq!(std::fs::read(&db).expect("read"), before, "bytes unchanged");
}

#[test]
fn a_damaged_database_points_to_its_backups_and_one_is_restored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("fd.db");
    let pack = crate::bundled_pack();
    let pack = pack.to_str().expect("utf-8 path");
    assert!(cli(&db, &["import", pack]).status.success());
    assert!(
        cli(&db, &["import", "--keep-both", pack]).status.success(),
        "a second import, backed up before"
    );
    let listed = stdout(&cli(&db, &["backups", "list"]));
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 1, "{listed}");
    assert!(lines[0].contains("\timport\t1 programs\t"), "{listed}");
    let name = lines[0].split('\t').next().expect("a name");

    let mut bytes = std::fs::read(&db).expect("read");
    for b in bytes.iter_mut().skip(4096).take(16_384) {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).expect("damage");
    let o = cli(&db, &["list"]);
    assert!(!o.status.success());

    let o = cli(&db, &["backups", "restore", name]);
    assert!(o.status.success(), "{}", crate::stderr(&o));
    assert!(stdout(&o).contains("1 programs"), "{}", stdout(&o));
    assert!(stdout(&cli(&db, &["list"])).contains("atlas-migration"));
}

#[test]
fn out_dash_writes_to_standard_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("fd.db");
    let pack = crate::bundled_pack();
    assert!(
        cli(&db, &["import", pack.to_str().expect("utf-8")])
            .status
            .success()
    );
    let o = cli(
        &db,
        &[
            "export",
            "csv",
            "atlas-migration",
            "--what",
            "risks",
            "--out",
            "-",
        ],
    );
    assert!(o.status.success(), "{}", crate::stderr(&o));
    assert!(stdout(&o).starts_with("id,"), "{}", stdout(&o));
    assert!(!dir.path().join("-").exists(), "no file called -");
}
