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

/// Runs the CLI as a user the folder's permissions bind: `nobody` when the tests run as root
/// (root writes anywhere), else the current user.
#[cfg(unix)]
fn cli_bound_by_permissions(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let mut command = if root {
        let mut c = std::process::Command::new("runuser");
        c.args(["-u", "nobody", "--", env!("CARGO_BIN_EXE_flightdeck-cli")]);
        c
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_flightdeck-cli"))
    };
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("flightdeck-cli runs")
}

#[cfg(unix)]
#[test]
fn in_a_read_only_folder_reading_commands_work_and_writing_ones_say_why_not() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).expect("mkdir");
    let db = folder.join("fd.db");
    let pack = crate::bundled_pack();
    assert!(
        cli(&db, &["import", pack.to_str().expect("utf-8")])
            .status
            .success()
    );
    let before = std::fs::read(&db).expect("read");
    for path in [dir.path(), folder.as_path()] {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).expect("chmod");

    let o = cli_bound_by_permissions(&db, &["list"]);
    assert!(o.status.success(), "{}", crate::stderr(&o));
    assert!(stdout(&o).contains("atlas-migration"));
    let o = cli_bound_by_permissions(
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

    let o = cli_bound_by_permissions(&db, &["remove", "atlas-migration"]);
    fails_saying(&o, "cannot be written where it is");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(std::fs::read(&db).expect("read"), before, "bytes unchanged");
}

/// A 2 MB tmpfs mounted for the test, unmounted when dropped; `None` where mounting is not
/// allowed (not root).
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(at: &std::path::Path) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).ok()?;
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
            .arg(at)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then(|| SmallDisk(at.to_path_buf()))
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[cfg(unix)]
#[test]
fn on_a_full_disk_reading_commands_still_work() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(disk) = SmallDisk::mount(&dir.path().join("disk")) else {
        eprintln!(
            "SKIPPED: mounting a small tmpfs needs root; the read-only folder test covers the same fallback"
        );
        return;
    };
    let db = disk.0.join("fd.db");
    let pack = crate::bundled_pack();
    assert!(
        cli(&db, &["import", pack.to_str().expect("utf-8")])
            .status
            .success()
    );
    // fill the disk to the last byte
    let filler = disk.0.join("filler");
    let mut file = std::fs::File::create(&filler).expect("filler");
    let block = vec![0u8; 4096];
    while std::io::Write::write_all(&mut file, &block).is_ok() {}
    drop(file);

    let o = cli(&db, &["list"]);
    assert!(o.status.success(), "{}", crate::stderr(&o));
    assert!(stdout(&o).contains("atlas-migration"));
    let o = cli(
        &db,
        &["import", "--keep-both", pack.to_str().expect("utf-8")],
    );
    fails_saying(&o, "cannot be written where it is");
}

/// A database kept where 0.2.0 and earlier builds kept it (the folder named `dev.flightdeck.app`) is
/// found by the command line without `--db`: the folder is moved to the current one, once.
#[cfg(target_os = "linux")]
#[test]
fn the_database_in_the_former_app_folder_is_moved_and_found() {
    use flightdeck_core::files::{APP_ID, FORMER_APP_ID};
    let data = tempfile::tempdir().expect("tempdir");
    let former = data.path().join(FORMER_APP_ID).join("flightdeck.db");
    let pack = crate::bundled_pack();
    let o = cli(
        &former,
        &["--create", "import", pack.to_str().expect("utf-8")],
    );
    assert!(o.status.success(), "{}", crate::stderr(&o));

    let list = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_flightdeck-cli"))
            .arg("list")
            .env_remove("FLIGHTDECK_DB")
            .env("XDG_DATA_HOME", data.path())
            .output()
            .expect("flightdeck-cli runs")
    };
    let o = list();
    assert!(o.status.success(), "{}", crate::stderr(&o));
    assert!(stdout(&o).contains("Atlas"), "{}", stdout(&o));
    assert!(crate::stderr(&o).contains("moved"), "{}", crate::stderr(&o));
    assert!(data.path().join(APP_ID).join("flightdeck.db").is_file());
    assert!(!data.path().join(FORMER_APP_ID).exists());

    let again = list();
    assert!(stdout(&again).contains("Atlas"), "{}", stdout(&again));
    assert!(!crate::stderr(&again).contains("moved"), "moved once");
}
