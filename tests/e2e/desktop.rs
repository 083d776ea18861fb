//! The desktop's own ways in, which WebDriver cannot reach: the native menu, driven from the
//! keyboard as a person would (F10 and the arrows), and a pack file dragged from another
//! window and dropped on Flightdeck's, a real XDND drag made with the mouse. Each test runs the
//! app on its own X display, so that the keys and the mouse reach its window alone while other
//! tests run beside it; `xdotool` does the typing and the mouse (script/bootstrap installs it).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, Locator};
use flightdeck_core::register::RegisterName;
use flightdeck_core::{Store, bundled};

use crate::workbench::click;
use crate::{Driver, screenshot, until, wait_for, wait_for_text};

/// A private X server, stopped when dropped.
struct Display {
    server: Child,
    name: String,
}

impl Display {
    fn start() -> Display {
        // -displayfd: the server picks a free display number and writes it to stdout
        let mut server = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1440x900x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb runs (script/bootstrap installs xvfb)");
        let mut number = String::new();
        BufReader::new(server.stdout.take().expect("stdout"))
            .read_line(&mut number)
            .expect("the display's number");
        Display {
            server,
            name: format!(":{}", number.trim()),
        }
    }

    /// xdotool on this display; panics with its words when it fails, or after 30 s (a
    /// `search --sync` for a window that never shows would wait for ever).
    fn xdotool(&self, args: &[&str]) -> String {
        let out = Command::new("timeout")
            .args(["30", "xdotool"])
            .args(args)
            .env("DISPLAY", &self.name)
            .output()
            .expect("xdotool runs (script/bootstrap installs it)");
        assert!(
            out.status.success(),
            "xdotool {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Gives Flightdeck's window the keyboard, as clicking on it would.
    fn focus_app(&self) {
        let window = self.xdotool(&[
            "search",
            "--sync",
            "--onlyvisible",
            "--name",
            "^Flightdeck$",
        ]);
        let window = window.lines().next().expect("the app's window").to_string();
        self.xdotool(&["windowfocus", "--sync", &window]);
    }

    /// Chooses a menu item from the keyboard: F10 opens the menu bar on File, `across` steps
    /// right (negative: left) reach the menu, `down` steps reach the item.
    fn menu(&self, across: i32, down: usize) {
        self.focus_app();
        let mut keys = vec!["F10"];
        let step = if across < 0 { "Left" } else { "Right" };
        keys.extend(std::iter::repeat_n(step, across.unsigned_abs() as usize));
        keys.extend(std::iter::repeat_n("Down", down));
        keys.push("Return");
        let mut args = vec!["key", "--delay", "120"];
        args.extend(keys);
        self.xdotool(&args);
    }

    fn screenshot(&self, path: &Path) {
        let _ = Command::new("import")
            .args(["-window", "root"])
            .arg(path)
            .env("DISPLAY", &self.name)
            .status();
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// The app on its own display.
fn start(db: &Path, display: &Display) -> Driver {
    Driver::start_with(db, &[("DISPLAY", &display.name)])
}

/// The app on its own display, with its data (and so its log folder) in `data`, and an
/// `xdg-open` first on its PATH that writes what it was asked to open into `data/opened`.
fn start_with_opener(db: &Path, display: &Display, data: &Path) -> Driver {
    let bin = data.join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    let opener = bin.join("xdg-open");
    let script = format!(
        "#!/bin/sh\necho \"$1\" > '{}'\n",
        data.join("opened").display()
    );
    std::fs::write(&opener, script).expect("xdg-open");
    let mode = std::os::unix::fs::PermissionsExt::from_mode(0o755);
    std::fs::set_permissions(&opener, mode).expect("chmod");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let data_home = data.to_string_lossy().to_string();
    Driver::start_with(
        db,
        &[
            ("DISPLAY", &display.name),
            ("PATH", &path),
            ("XDG_DATA_HOME", &data_home),
        ],
    )
}

async fn row_count(client: &Client, want: &str) {
    until(
        async || match client.find(Locator::Css("[data-testid=row-count]")).await {
            Ok(e) => e.text().await.is_ok_and(|t| t == want),
            Err(_) => false,
        },
        || format!("the table never showed {want}"),
    )
    .await;
}

#[tokio::test]
#[ignore = "needs Xvfb, xdotool, tauri-driver and WebKitWebDriver: run by script/test"]
async fn the_native_menu_opens_views_undoes_names_the_version_and_opens_the_logs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("menu.db");
    let pack = bundled::packs().expect("packs").remove(0);
    let display = Display::start();
    let driver = start_with_opener(&db, &display, dir.path());
    let client = driver.session().await;
    click(&client, &format!("button[data-slug='{}']", pack.program.id)).await;
    wait_for_text(&client, "[data-testid=program-name]", &pack.program.name).await;

    // View → Risks (the ninth item: four views, then the registers from Goals)
    display.menu(2, 9);
    let risks = |n: usize| format!("{n} risks");
    row_count(&client, &risks(pack.risks.len())).await;

    // a script adds a risk and the window shows it; Edit → Undo takes it back
    crate::safety::add_a_risk_from_a_script(&db, &pack.program.id);
    // (the window has the focus already: it is told it came back, as safety.rs does)
    client
        .execute(
            "window.dispatchEvent(new Event('focus')); return true",
            vec![],
        )
        .await
        .expect("script runs");
    row_count(&client, &risks(pack.risks.len() + 1)).await;
    display.menu(1, 1);
    row_count(&client, &risks(pack.risks.len())).await;
    let store = Store::open(&db).expect("the database");
    let id = store.find_program(&pack.program.id).expect("the program");
    let titles = store.titles(id, RegisterName::Risks).expect("risks");
    assert!(
        titles.iter().all(|t| t.key != "R77"),
        "Edit → Undo took the script's risk back in the database"
    );

    // View → Status
    display.menu(2, 2);
    wait_for(&client, "[data-testid=status-rag]").await;
    screenshot(&client, "menu-status.png").await;

    // Help → About: a native dialog titled "About Flightdeck"
    display.menu(-1, 1);
    let about = display.xdotool(&[
        "search",
        "--sync",
        "--onlyvisible",
        "--name",
        "About Flightdeck",
    ]);
    assert!(!about.is_empty(), "the About dialog is shown");
    display.screenshot(&Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e/menu-about.png"));
    display.xdotool(&["key", "Escape"]);

    // an error the window is given is logged with its kind
    let kind = client
        .execute(
            "return window.__TAURI_INTERNALS__.invoke('chart_svg', \
             { id: 1, chart: 'pie', width: 800, height: 600 }).then(() => 'no error', (e) => e.kind)",
            vec![],
        )
        .await
        .expect("script runs");
    assert_eq!(kind, "not_found");

    // Help → Open logs folder: the system's opener is asked for the app's log folder
    display.menu(-1, 2);
    let opened = dir.path().join("opened");
    until(
        async || opened.exists(),
        || "Help → Open logs folder never ran the opener".into(),
    )
    .await;
    let folder = std::fs::read_to_string(&opened).expect("what was opened");
    let folder = Path::new(folder.trim());
    assert!(
        folder.starts_with(dir.path()) && folder.ends_with("logs"),
        "the log folder was opened: {}",
        folder.display()
    );
    let log: String = std::fs::read_dir(folder)
        .expect("the log folder")
        .map(|f| std::fs::read_to_string(f.expect("entry").path()).unwrap_or_default())
        .collect();
    assert!(
        log.contains("chart_svg: not_found: chart not found"),
        "the error is in the log with its kind:\n{log}"
    );
    client.close().await.expect("close the app");
}

#[tokio::test]
#[ignore = "needs Xvfb, xdotool, python3-gi, tauri-driver and WebKitWebDriver: run by script/test"]
async fn a_pack_dragged_from_another_window_and_dropped_is_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("drop.db");
    let mut pack = bundled::packs().expect("packs").remove(0);
    pack.program.id = "dropped-program".into();
    pack.program.name = "Dropped on the window".into();
    let file = dir.path().join("dropped.toml");
    flightdeck_core::pack::write_file(&pack, &file).expect("write the pack");

    let display = Display::start();
    let driver = start(&db, &display);
    let client = driver.session().await;
    wait_for(&client, "button[data-slug]").await;

    // a file manager's window on the right of the screen, holding the pack
    let mut source = Command::new("/usr/bin/python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/support/drag_source.py"))
        .arg(&file)
        .args(["1300", "100"])
        .env("DISPLAY", &display.name)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the drag source runs (python3-gi, from script/bootstrap)");
    let mut ready = String::new();
    BufReader::new(source.stdout.take().expect("stdout"))
        .read_line(&mut ready)
        .expect("the drag source is ready");
    assert_eq!(ready.trim(), "ready");
    tokio::time::sleep(Duration::from_millis(500)).await;

    // press on it, move over Flightdeck's window a step at a time, and let go
    display.xdotool(&["mousemove", "1350", "130", "mousedown", "1"]);
    for x in ["1330", "1300", "1200", "1000", "800", "700"] {
        display.xdotool(&["mousemove", x, "300"]);
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    // while the file is over the window, the window says it may be dropped
    wait_for(&client, ".shell.dragging").await;
    screenshot(&client, "dropping.png").await;
    display.xdotool(&["mouseup", "1"]);

    let button = "button[data-slug='dropped-program']";
    wait_for(&client, button).await;
    wait_for_text(&client, "[data-testid=program-name]", &pack.program.name).await;
    screenshot(&client, "dropped.png").await;
    let store = Store::open(&db).expect("the database");
    assert!(
        store.find_program("dropped-program").is_ok(),
        "the dropped pack is in the database"
    );
    let _ = source.kill();
    let _ = source.wait();
    client.close().await.expect("close the app");
}
