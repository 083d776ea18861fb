//! Backups a user can restore: checked before they are kept, never kept twice, swept when a
//! crash or a full disk left them half-written, and put back all or nothing.

use std::path::{Path, PathBuf};

use flightdeck_core::{Error, Store, bundled, store};

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.map(|e| e.expect("entry").path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

fn backups_of(db: &Path) -> Vec<PathBuf> {
    files_in(&db.parent().expect("folder").join("backups"))
}

fn program_names(s: &Store) -> Vec<String> {
    s.programs()
        .expect("programs")
        .into_iter()
        .map(|p| p.slug)
        .collect()
}

/// A database on disk holding one sample program, and the sample. An empty database has
/// nothing to lose, so its first import takes no backup.
fn database_with_a_program(dir: &Path) -> (PathBuf, Store, flightdeck_core::model::Pack) {
    let db = dir.join("fd.db");
    let mut s = Store::open(&db).expect("open");
    let pack = bundled::packs().expect("packs").remove(0);
    s.import(&pack).expect("import");
    assert!(backups_of(&db).is_empty());
    (db, s, pack)
}

#[test]
fn every_kept_backup_checks_out_and_holds_every_program() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, mut s, mut pack) = database_with_a_program(dir.path());
    for id in ["second", "third"] {
        pack.program.id = id.into();
        s.import(&pack).expect("import");
    }
    let backups = backups_of(&db);
    assert_eq!(backups.len(), 2, "one per import: {backups:?}");
    for (file, programs) in backups.iter().zip([1, 2]) {
        let name = file.file_name().expect("name").to_string_lossy();
        assert!(
            name.ends_with(".import.db"),
            "no partial file is left: {name}"
        );
        let conn = rusqlite::Connection::open(file).expect("opens");
        let verdict: String = conn
            .pragma_query_value(None, "quick_check", |r| r.get(0))
            .expect("check");
        let count: i64 = conn
            .query_row("SELECT count(*) FROM programs", [], |r| r.get(0))
            .expect("count");
        assert_eq!((verdict.as_str(), count), ("ok", programs), "{name}");
    }
}

#[test]
fn a_backup_identical_to_the_newest_is_not_kept_twice_and_a_refused_import_takes_none() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, mut s, pack) = database_with_a_program(dir.path());
    let first = s.backup("manual").expect("backup").expect("a file");
    let again = s.backup("manual").expect("backup").expect("a file");
    assert_eq!(
        first, again,
        "nothing changed: the newest backup already holds it"
    );
    let before = backups_of(&db);
    for _ in 0..5 {
        let err = s.import(&pack).expect_err("already loaded");
        assert!(matches!(err, Error::AlreadyLoaded { .. }), "{err}");
    }
    assert_eq!(
        backups_of(&db),
        before,
        "refused imports push out no older backup"
    );
}

#[test]
fn half_written_backups_and_orphan_journals_are_swept_on_the_next_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, s, _) = database_with_a_program(dir.path());
    s.backup("manual").expect("backup");
    let good = backups_of(&db);
    drop(s);
    let backups = dir.path().join("backups");
    let stale = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for (name, bytes) in [
        (
            "fd.20270101T000000.000001Z.import.db.partial",
            &b"half a backup"[..],
        ),
        (
            "fd.20270101T000000.000001Z.import.db.partial-journal",
            &b"journal"[..],
        ),
        ("fd.20270101T000000.000002Z.import.db", &b""[..]),
        (
            "fd.20270101T000000.000003Z.import.db",
            &b"not a database"[..],
        ),
    ] {
        let file = backups.join(name);
        std::fs::write(&file, bytes).expect("write");
        std::fs::File::options()
            .write(true)
            .open(&file)
            .and_then(|f| f.set_modified(stale))
            .expect("age it");
    }
    let young = backups.join("fd.20991231T000000.000000Z.import.db.partial");
    std::fs::write(&young, b"another process's backup, under way").expect("write");

    drop(Store::open(&db).expect("open"));
    let mut left = backups_of(&db);
    left.retain(|f| f != &young);
    assert_eq!(left, good, "only the good backups stay");
    assert!(
        young.exists(),
        "a partial file this young may still be written"
    );
}

#[test]
fn a_restore_puts_the_backup_back_and_keeps_what_it_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, mut s, mut pack) = database_with_a_program(dir.path());
    pack.program.id = "later".into();
    s.import(&pack).expect("import");
    assert_eq!(program_names(&s), ["atlas-migration", "later"]);

    let list = s.backups().expect("list");
    assert_eq!(list.len(), 1);
    let before_later = list
        .iter()
        .find(|b| b.programs == 1)
        .expect("the backup taken before the second import");
    assert_eq!(before_later.reason, "import");
    assert!(before_later.taken.starts_with("20"), "{before_later:?}");
    s.restore(&before_later.name).expect("restore");
    assert_eq!(program_names(&s), ["atlas-migration"]);

    let undo = s
        .backups()
        .expect("list")
        .into_iter()
        .find(|b| b.reason == "restore")
        .expect("the database as it was before the restore is backed up");
    assert_eq!(undo.programs, 2);
    s.restore(&undo.name)
        .expect("and the restore itself can be undone");
    assert_eq!(program_names(&s), ["atlas-migration", "later"]);
    drop(s);
    assert_eq!(
        program_names(&Store::open(&db).expect("reopen")),
        ["atlas-migration", "later"]
    );
}

#[test]
fn a_damaged_database_is_restored_from_a_backup_and_kept_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, mut s, mut pack) = database_with_a_program(dir.path());
    pack.program.id = "later".into();
    s.import(&pack).expect("import");
    drop(s);
    // damage the pages after the header, as a failing disk would
    let mut bytes = std::fs::read(&db).expect("read");
    for b in bytes.iter_mut().skip(4096).take(16_384) {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).expect("write");
    let refused = Store::open(&db).expect_err("the damage is found on open");
    // where and what in words first, then SQLite's own terms
    let said = refused.to_string();
    assert!(
        refused.is_damage()
            && said.starts_with(&format!("the database at {} is damaged: ", db.display()))
            && said.contains("SQLite's integrity check found"),
        "{said}"
    );

    let list = store::list_backups(&db).expect("backups are listed without opening");
    let newest = &list[0];
    let restored = Store::restore_at(&db, &newest.name).expect("restore");
    assert_eq!(program_names(&restored), ["atlas-migration"]);
    let aside: Vec<PathBuf> = files_in(dir.path())
        .into_iter()
        .filter(|f| f.to_string_lossy().contains(".damaged-"))
        .collect();
    assert_eq!(aside.len(), 1, "the damaged file is kept, not deleted");
    assert_eq!(std::fs::read(&aside[0]).expect("read"), bytes);
}

#[test]
fn restoring_a_backup_that_does_not_exist_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, mut s, _) = database_with_a_program(dir.path());
    let before = backups_of(&db);
    let err = s.restore("fd.nope.db").expect_err("no such backup");
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
    assert_eq!(backups_of(&db), before);
    assert_eq!(program_names(&s), ["atlas-migration"]);
}
