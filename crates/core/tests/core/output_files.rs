//! Output files are written whole or not at all, keep what the user set on them, and leave no
//! stray files behind.

use std::path::Path;

use flightdeck_core::files::write_atomically;

fn strays(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial"))
        .collect()
}

#[test]
fn a_failed_write_leaves_no_partial_file_and_the_old_file_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    // a folder where the file should go: the rename fails after the bytes were written
    let target = dir.path().join("report.png");
    std::fs::create_dir(&target).expect("a folder in the way");
    assert!(write_atomically(&target, b"new").is_err());
    assert!(strays(dir.path()).is_empty(), "{:?}", strays(dir.path()));
}

#[test]
fn stale_partial_files_beside_the_target_are_swept_and_young_ones_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let stale = dir.path().join(".risks.csv.4242.partial");
    let young = dir.path().join(".risks.csv.4343.partial");
    let other = dir.path().join(".other.csv.4242.partial");
    for f in [&stale, &young, &other] {
        std::fs::write(f, b"half").expect("write");
    }
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for f in [&stale, &other] {
        std::fs::File::options()
            .write(true)
            .open(f)
            .and_then(|h| h.set_modified(old))
            .expect("age it");
    }
    write_atomically(&dir.path().join("risks.csv"), b"id\n").expect("write");
    assert!(!stale.exists(), "a killed export's leftover is swept");
    assert!(
        young.exists(),
        "one this young may be another writer's, under way"
    );
    assert!(other.exists(), "only the same target's leftovers are swept");
}

#[cfg(unix)]
#[test]
fn a_file_written_over_keeps_its_permissions_and_a_symlink_stays_a_symlink() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let real = dir.path().join("real.csv");
    std::fs::write(&real, b"old").expect("write");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let link = dir.path().join("latest.csv");
    std::os::unix::fs::symlink("real.csv", &link).expect("symlink");

    write_atomically(&link, b"new").expect("write through the link");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(
        std::fs::read(&real).expect("read"),
        b"new",
        "its target was written"
    );
    let mode = std::fs::metadata(&real).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the file keeps its permissions");
}
