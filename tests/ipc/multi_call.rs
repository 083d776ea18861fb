//! The Linux package links `flightdeck-cli` to the app's binary: called by that name, the app's
//! binary is the whole command line, and by its own name it is not.

use std::path::Path;
use std::process::{Command, Output};

fn run(binary: &Path, args: &[&str]) -> Output {
    Command::new(binary)
        .args(args)
        .output()
        .expect("the binary runs")
}

#[cfg(unix)]
#[test]
fn the_apps_binary_called_flightdeck_cli_is_the_command_line() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let cli = dir.path().join("flightdeck-cli");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_flightdeck"), &cli).expect("link");
    let db = dir.path().join("cli.db");
    let db = db.to_str().expect("a UTF-8 path");
    let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/atlas-migration.toml");

    let version = run(&cli, &["--version"]);
    assert!(version.status.success());
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        concat!("flightdeck-cli ", env!("CARGO_PKG_VERSION"))
    );
    let import = run(
        &cli,
        &[
            "--db",
            db,
            "--create",
            "import",
            pack.to_str().expect("path"),
        ],
    );
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    let list = run(&cli, &["--db", db, "list"]);
    assert!(list.status.success());
    assert!(String::from_utf8_lossy(&list.stdout).contains("atlas-migration"));

    // a command the command line does not know is refused by it, with its usage, not by the app
    let wrong = run(&cli, &["--db", db, "fly"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("Usage: flightdeck-cli"));
}
