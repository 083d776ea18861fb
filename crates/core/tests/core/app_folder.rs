//! The app-data folder named by the former identifier is moved to the current one once, and
//! never over a folder that is already there.

use std::path::{Path, PathBuf};

use flightdeck_core::files::{APP_ID, FORMER_APP_ID, adopt_former_folder};

/// A base folder holding the former app folder with a database in it.
fn former_with_database(base: &Path) -> PathBuf {
    let former = base.join(FORMER_APP_ID);
    std::fs::create_dir(&former).expect("the former folder");
    std::fs::write(former.join("flightdeck.db"), b"the learner's programs").expect("a database");
    former
}

#[test]
fn the_former_folder_is_moved_with_its_files_when_the_new_one_is_missing() {
    let base = tempfile::tempdir().expect("tempdir");
    let former = former_with_database(base.path());
    let folder = base.path().join(APP_ID);
    let moved = adopt_former_folder(&folder).expect("the move");
    assert_eq!(moved.as_deref(), Some(former.as_path()));
    assert!(!former.exists(), "the former folder is gone");
    assert_eq!(
        std::fs::read(folder.join("flightdeck.db")).expect("the database, moved"),
        b"the learner's programs"
    );
    assert_eq!(adopt_former_folder(&folder).expect("a second call"), None);
}

#[test]
fn an_existing_folder_is_never_replaced_and_the_former_one_is_left() {
    let base = tempfile::tempdir().expect("tempdir");
    let former = former_with_database(base.path());
    let folder = base.path().join(APP_ID);
    std::fs::create_dir(&folder).expect("the current folder");
    std::fs::write(folder.join("flightdeck.db"), b"newer").expect("a database");
    assert_eq!(adopt_former_folder(&folder).expect("no move"), None);
    assert_eq!(
        std::fs::read(folder.join("flightdeck.db")).expect("db"),
        b"newer"
    );
    assert!(
        former.join("flightdeck.db").exists(),
        "the former folder is left as it was"
    );
}

#[test]
fn nothing_happens_without_a_former_folder_or_for_a_folder_of_another_name() {
    let base = tempfile::tempdir().expect("tempdir");
    let folder = base.path().join(APP_ID);
    assert_eq!(adopt_former_folder(&folder).expect("nothing to move"), None);
    assert!(!folder.exists(), "no folder is created");

    former_with_database(base.path());
    let elsewhere = base.path().join("my-own-folder");
    assert_eq!(adopt_former_folder(&elsewhere).expect("not ours"), None);
    assert!(!elsewhere.exists());
}
