//! Other people's databases are left alone, and a mistyped path makes nothing: a database is
//! Flightdeck's by its mark, or by its tables when it predates the mark.

use flightdeck_core::ipc::ErrorKind;
use flightdeck_core::{Error, Store, store};

fn refused_untouched(path: &std::path::Path, says: &str) {
    let before = std::fs::read(path).expect("read");
    let err = Store::open(path).expect_err("someone else's database");
    assert_eq!(err.kind(), ErrorKind::ForeignDatabase, "{err}");
    let message = err.to_string();
    assert!(message.contains(says), "{message}");
    assert!(
        message.len() < 200,
        "one short message, not a schema dump: {message}"
    );
    assert_eq!(
        std::fs::read(path).expect("read"),
        before,
        "the file is byte for byte the same"
    );
    assert!(
        !path.with_extension("db-wal").exists(),
        "not switched to WAL"
    );
}

fn mark_of(path: &std::path::Path) -> i32 {
    rusqlite::Connection::open(path)
        .expect("open")
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .expect("application_id")
}

#[test]
fn another_applications_sqlite_file_is_refused_before_anything_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("other.db");
    rusqlite::Connection::open(&path)
        .expect("open")
        .execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');")
        .expect("seed");
    refused_untouched(&path, "holds another application's tables: recipes");
}

#[test]
fn a_file_with_a_programs_table_of_its_own_is_still_not_ours() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("crm.db");
    rusqlite::Connection::open(&path)
        .expect("open")
        .execute_batch(
            "CREATE TABLE programs (id INTEGER PRIMARY KEY, title TEXT, owner TEXT, budget REAL);
             INSERT INTO programs (title) VALUES ('Loyalty');",
        )
        .expect("seed");
    refused_untouched(&path, "is not a Flightdeck database");
}

#[test]
fn a_database_marked_by_another_application_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("marked.db");
    rusqlite::Connection::open(&path)
        .expect("open")
        .pragma_update(None, "application_id", 0x0f0f_0f0f)
        .expect("mark");
    refused_untouched(&path, "belongs to another application");
}

#[test]
fn bytes_that_are_not_sqlite_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("notes.db");
    std::fs::write(&path, b"my notes, which must survive").expect("write");
    refused_untouched(&path, "not an SQLite database");
}

#[test]
fn an_empty_file_or_a_new_path_becomes_a_marked_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").expect("touch");
    for path in [empty, dir.path().join("new.db")] {
        drop(Store::open(&path).expect("a new database"));
        assert_eq!(mark_of(&path), store::APPLICATION_ID, "{}", path.display());
        drop(Store::open(&path).expect("and it opens again"));
    }
}

#[test]
fn a_mistyped_folder_makes_nothing_unless_asked_to_create() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("no-such-folder").join("fd.db");
    let err = Store::open(&path).expect_err("no folder");
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
    assert!(
        !dir.path().join("no-such-folder").exists(),
        "no folder was made"
    );
    drop(Store::create(&path).expect("create makes the folder"));
    assert_eq!(mark_of(&path), store::APPLICATION_ID);
}
