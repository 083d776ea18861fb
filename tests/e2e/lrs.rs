//! A trainer sends a finished attempt to a learning record store from the window: the store's
//! settings (a wrong address named beside its field, what was typed kept), the password kept
//! in the system's keychain (GNOME Keyring's Secret Service on a private session bus), the
//! statements sent with progress and read back from a real LRS (Ralph), and a second send
//! storing nothing twice.

use std::io::Write;
use std::process::{Child, Command, Stdio};

use fantoccini::Client;
use flightdeck_core::{Store, bundled};

use crate::safety::SessionBus;
use crate::workbench::{click, type_into};
use crate::{Driver, look, until, wait_for, wait_for_text};

// shared with the command line's tests, which also stop and restart the store
#[path = "../../crates/cli/tests/cli/ralph.rs"]
#[allow(dead_code)]
mod ralph;
use ralph::{PASSWORD, Ralph, USER};

/// GNOME Keyring's secrets on the bus, its login keyring made and unlocked in a folder of its
/// own; stopped when dropped.
struct Keyring {
    daemon: Child,
    _home: tempfile::TempDir,
}

impl Keyring {
    fn start(bus: &SessionBus) -> Keyring {
        let home = tempfile::tempdir().expect("tempdir");
        let mut daemon = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--components=secrets", "--unlock"])
            .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_RUNTIME_DIR", home.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon runs (script/bootstrap installs gnome-keyring)");
        // the login keyring's own password, on standard input, then end of input
        let mut stdin = daemon.stdin.take().expect("stdin");
        stdin.write_all(b"keyring-password").expect("unlock");
        drop(stdin);
        // the secrets service is on the bus once the daemon has its name
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let names = Command::new("dbus-send")
                .args([
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.ListNames",
                ])
                .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
                .output()
                .expect("dbus-send runs");
            if String::from_utf8_lossy(&names.stdout).contains("org.freedesktop.secrets") {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the keyring never took its name on the bus"
            );
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        Keyring {
            daemon,
            _home: home,
        }
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

async fn fill(client: &Client, field: &str, text: &str) {
    type_into(client, &format!("#lrs-{field}"), text).await;
}

async fn result(client: &Client) -> String {
    wait_for(client, "[data-testid=lrs-result]")
        .await
        .text()
        .await
        .expect("text")
}

pub async fn a_trainer_sends_an_attempt(db: &std::path::Path) {
    let ralph = Ralph::start();
    let bus = SessionBus::start();
    let _keyring = Keyring::start(&bus);
    let pack = bundled::packs().expect("packs").remove(0);
    let (key, expected) = {
        let mut store = Store::open(db).expect("open");
        let program = store.import(&pack).expect("import");
        let attempt = store.start_attempt(program, "Ana Ruiz").expect("start");
        store.play_model_answer(attempt.id).expect("plays");
        (
            attempt.key,
            store.attempt_file(attempt.id).expect("file").record,
        )
    };
    let statements = 2 + expected.fired.len() + expected.actions.len() + expected.reports.len();

    let driver = Driver::start_with(db, &[("DBUS_SESSION_BUS_ADDRESS", &bus.address)]);
    let client = driver.session().await;
    click(&client, &format!("button[data-slug='{}']", pack.program.id)).await;
    click(&client, "[data-testid=tab-practice]").await;
    click(&client, &format!("[data-testid=open-attempt-{key}]")).await;
    click(&client, "[data-testid=send-to-lrs]").await;

    // the first time: the settings, a wrong address named beside its field, the rest kept
    wait_for(&client, "[data-testid=lrs-settings]").await;
    fill(&client, "endpoint", "lrs.example.org").await;
    fill(&client, "user", USER).await;
    fill(&client, "password", PASSWORD).await;
    fill(&client, "home_page", "https://lms.example.org").await;
    fill(
        &client,
        "namespace",
        "https://training.example.org/flightdeck",
    )
    .await;
    click(&client, "[data-testid=lrs-save]").await;
    wait_for_text(
        &client,
        "#lrs-endpoint-problem",
        "is not an absolute http(s) address, such as https://lrs.example.org/xAPI/",
    )
    .await;
    look(&client, "lrs-settings-refused.png").await;
    crate::axe::check(&client, "the LRS settings, a field refused").await;
    let kept = wait_for(&client, "#lrs-user")
        .await
        .prop("value")
        .await
        .expect("value");
    assert_eq!(kept.as_deref(), Some(USER), "what was typed stays");

    fill(&client, "endpoint", &ralph.endpoint()).await;
    fill(&client, "password", PASSWORD).await;
    click(&client, "[data-testid=lrs-save]").await;
    wait_for(&client, "[data-testid=lrs-send]").await;
    {
        let store = Store::open(db).expect("open");
        let saved = store.lrs_settings().expect("read").expect("saved");
        assert_eq!(saved.endpoint, ralph.endpoint());
        let text = std::fs::read(db).expect("the database's bytes");
        assert!(
            !text
                .windows(PASSWORD.len())
                .any(|w| w == PASSWORD.as_bytes()),
            "the password is never in the database"
        );
    }

    click(&client, "[data-testid=lrs-send]").await;
    let said = result(&client).await;
    assert!(
        said.contains(&format!(
            "{statements} statements stored, 0 already in the store"
        )),
        "{said}"
    );
    look(&client, "lrs-sent.png").await;
    crate::axe::check(&client, "an attempt sent to the LRS").await;
    let stored = ralph.statements();
    assert_eq!(stored.len(), statements);
    assert!(stored.iter().all(|s| s["actor"]["name"] == "Ana Ruiz"));
    assert!(
        stored[0]["object"]["id"]
            .as_str()
            .expect("id")
            .starts_with("https://training.example.org/flightdeck/")
    );

    // again: nothing stored twice
    click(&client, "[data-testid=lrs-send]").await;
    until(
        async || {
            result(&client).await.contains(&format!(
                "0 statements stored, {statements} already in the store"
            ))
        },
        || "the second send says every statement was there already".into(),
    )
    .await;
    assert_eq!(ralph.statements().len(), statements);
    client.close().await.expect("close the app");
}
