//! The SQLite store: first start, round trips, refusals that leave data untouched, backups.

use flightdeck_core::{Error, Store, bundled, store};

#[test]
fn first_start_loads_every_bundled_program_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fd.db");
    let mut s = Store::open(&path).expect("open");
    let n = s.load_bundled_if_empty().expect("load");
    assert_eq!(n, bundled::sources().len());
    assert_eq!(
        s.load_bundled_if_empty().expect("second start"),
        0,
        "a second start loads nothing"
    );
    drop(s);
    let s = Store::open(&path).expect("reopen");
    assert_eq!(
        s.programs().expect("list").len(),
        n,
        "programs survive a restart"
    );
}

#[test]
fn an_imported_pack_loads_back_unchanged() {
    let mut s = Store::open_in_memory().expect("open");
    for pack in bundled::packs().expect("packs") {
        let id = s.import(&pack).expect("import");
        assert_eq!(s.load(id).expect("load"), pack);
    }
}

#[test]
fn importing_the_same_program_twice_is_a_conflict_and_writes_nothing() {
    let mut s = Store::open_in_memory().expect("open");
    let pack = bundled::packs().expect("packs").remove(0);
    s.import(&pack).expect("first import");
    let err = s.import(&pack).expect_err("second import");
    assert_eq!(err.kind(), "conflict");
    assert_eq!(s.programs().expect("list").len(), 1);
}

#[test]
fn a_database_from_a_newer_build_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("raw open");
        conn.pragma_update(None, "user_version", store::schema_version() + 1)
            .expect("set version");
    }
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(&path).expect_err("newer database");
    assert!(matches!(err, Error::NewerDatabase { .. }), "{err}");
    assert!(err.to_string().contains("newer Flightdeck"));
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the file is byte for byte the same"
    );
}

#[test]
fn imports_are_backed_up_and_old_backups_pruned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fd.db");
    let mut s = Store::open(&path).expect("open");
    let mut pack = bundled::packs().expect("packs").remove(0);
    for i in 0..(store::MAX_BACKUPS + 3) {
        pack.program.id = format!("copy-{i}");
        s.import(&pack).expect("import");
    }
    let backups = std::fs::read_dir(dir.path().join("backups"))
        .expect("backups dir")
        .count();
    assert_eq!(backups, store::MAX_BACKUPS);
}
