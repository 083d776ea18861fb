//! Data safety in the real window: one app per user, a change another writer made shows when
//! the window is back, and hostile pack text stays inert text in every view.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use flightdeck_core::model::Pack;
use flightdeck_core::register::{Item, RegisterName};
use flightdeck_core::{Store, bundled, edit::Edit};
use serde_json::Value;

use crate::workbench::click;
use crate::{Driver, WAIT, image_loaded, look, until, wait_for, wait_for_text};

/// A private D-Bus session bus, as a desktop session has, stopped when dropped.
pub(crate) struct SessionBus {
    daemon: Child,
    pub(crate) address: String,
}

impl SessionBus {
    pub(crate) fn start() -> SessionBus {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("dbus-daemon runs (Debian's dbus-daemon package)");
        let mut address = String::new();
        BufReader::new(daemon.stdout.take().expect("stdout"))
            .read_line(&mut address)
            .expect("the bus's address");
        SessionBus {
            daemon,
            address: address.trim().to_string(),
        }
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

fn launch(db: &Path, bus: &SessionBus) -> Child {
    Command::new(env!("CARGO_BIN_EXE_flightdeck"))
        .env("FLIGHTDECK_DB", db)
        .env("DBUS_SESSION_BUS_ADDRESS", &bus.address)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the app starts")
}

/// Waits for the process to end, up to `within`; its status if it did.
fn ended(child: &mut Child, within: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().expect("status") {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    None
}

#[tokio::test]
#[ignore = "needs a display and dbus-daemon: run by script/test"]
async fn a_second_launch_gives_way_to_the_first_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("one.db");
    let bus = SessionBus::start();
    let mut first = launch(&db, &bus);
    // the first window is up once it has made its database and loaded the samples
    let deadline = Instant::now() + WAIT;
    while !db.exists() || Store::open(&db).map_or(0, |s| s.programs().map_or(0, |p| p.len())) == 0 {
        assert!(
            Instant::now() < deadline,
            "the first app never opened its database"
        );
        assert!(
            first.try_wait().expect("status").is_none(),
            "the first app died"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let mut second = launch(&db, &bus);
    let status = ended(&mut second, WAIT).expect("the second launch exits by itself");
    assert!(status.success(), "and says it did nothing wrong: {status}");
    assert!(
        ended(&mut first, Duration::from_secs(2)).is_none(),
        "the first window stays open"
    );
    let _ = first.kill();
    let _ = first.wait();
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run by script/test"]
async fn a_change_made_by_a_script_shows_when_the_window_is_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("catchup.db");
    let pack = bundled::packs().expect("packs").remove(0);
    let driver = Driver::start(&db);
    let client = driver.session().await;
    click(&client, &format!("button[data-slug='{}']", pack.program.id)).await;
    click(&client, "[data-testid=tab-registers]").await;
    click(&client, "[data-testid=register-risks]").await;
    let count = |n: usize| format!("{n} risks");
    wait_for_text(&client, "[data-testid=row-count]", &count(pack.risks.len())).await;

    // a script adds a risk while the window is in the background
    add_a_risk_from_a_script(&db, &pack.program.id);
    // the window comes back to the front (again on every look, should one be missed)
    let want = count(pack.risks.len() + 1);
    until(
        async || {
            let _ = client
                .execute(
                    "window.dispatchEvent(new Event('focus')); return true",
                    vec![],
                )
                .await;
            tokio::time::sleep(Duration::from_millis(300)).await;
            match client.find(Locator::Css("[data-testid=row-count]")).await {
                Ok(e) => e.text().await.is_ok_and(|t| t == want),
                Err(_) => false,
            }
        },
        || format!("the table never showed the script's risk ({want})"),
    )
    .await;
    let notice = crate::text_of(&client, "[data-testid=notice]").await;
    assert!(notice.contains("Changed outside this window"), "{notice}");
    client.close().await.expect("close the app");
}

/// A second writer, as a script would be: adds risk R77 to the program in the database.
pub(crate) fn add_a_risk_from_a_script(db: &Path, program: &str) {
    let mut store = Store::open(db).expect("a second writer");
    let id = store.find_program(program).expect("the program");
    let risk: Item = serde_json::from_value(serde_json::json!({
        "register": "risks",
        "item": {"id": "R77", "title": "Raised from a script", "likelihood": 2,
                 "impact": 3, "response": "accept", "status": "open"}
    }))
    .expect("a risk");
    store
        .apply(id, &Edit::put(risk))
        .expect("the script's edit");
}

/// Text that would run as script, break out of markup or an attribute, or wreck the layout,
/// if any view rendered pack text as anything but text.
fn payloads() -> Vec<String> {
    vec![
        "<script>window.__pwned='script'</script>".into(),
        "<img src=x onerror=\"window.__pwned='img'\">".into(),
        "<svg onload=\"window.__pwned='svg'\"><circle r=9 /></svg>".into(),
        "javascript:window.__pwned='url'".into(),
        "</title></textarea></style><script>window.__pwned='close'</script>".into(),
        "\" onmouseover=\"window.__pwned='attr'\" data-x=\"".into(),
        "' autofocus onfocus='window.__pwned=1' x='".into(),
        "<div style=\"width:expression(window.__pwned='css');background:url(javascript:1)\">"
            .into(),
        "\u{202e}txt.exe\u{200b}\u{200d}\u{feff} reversed".into(),
        "W".repeat(20_000),
    ]
}

/// Every free-text field of the pack set to one of the payloads, in turn.
fn hostile(pack: &Pack) -> Pack {
    const TEXT: [&str; 16] = [
        "name",
        "title",
        "summary",
        "cause",
        "event",
        "effect",
        "actions",
        "role",
        "org",
        "decisions",
        "description",
        "detail",
        "narrative",
        "briefing",
        "unit",
        "category",
    ];
    fn walk(value: &mut Value, payloads: &[String], next: &mut usize) {
        match value {
            Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    if TEXT.contains(&key.as_str()) && v.is_string() {
                        *v = Value::String(payloads[*next % payloads.len()].clone());
                        *next += 1;
                    } else {
                        walk(v, payloads, next);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, payloads, next)),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(pack).expect("json");
    walk(&mut value, &payloads(), &mut 0);
    let mut hostile: Pack = serde_json::from_value(value).expect("still a pack");
    hostile.program.id = "hostile".into();
    hostile
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run by script/test"]
async fn hostile_pack_text_stays_text_in_every_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("hostile.db");
    let pack = hostile(&bundled::packs().expect("packs").remove(0));
    {
        let mut store = Store::create(&db).expect("store");
        store.load_bundled_if_empty().expect("samples");
        store
            .import(&pack)
            .expect("the hostile pack is valid, and imports");
    }
    let driver = Driver::start(&db);
    let client = driver.session().await;
    click(&client, "button[data-slug='hostile']").await;
    wait_for(&client, "[data-testid=program-name]").await;

    // each view, waited for until it has drawn what it holds
    for (tab, drawn) in [
        ("overview", "img[data-testid=roadmap]"),
        ("status", "[data-testid=status-rag]"),
        ("charts", "img[data-testid=chart]"),
        ("practice", "[data-testid=practice-start]"),
        ("exports", "[data-testid=tab-exports][aria-selected=true]"),
    ] {
        click(&client, &format!("[data-testid=tab-{tab}]")).await;
        if drawn.starts_with("img") {
            image_loaded(&client, drawn).await;
        } else {
            wait_for(&client, drawn).await;
        }
        inert(&client, tab).await;
    }
    click(&client, "[data-testid=tab-registers]").await;
    for &register in RegisterName::ALL {
        click(
            &client,
            &format!("[data-testid=register-{}]", register.name()),
        )
        .await;
        let n = count(&pack, register);
        let css = "[data-testid=row-count]";
        until(
            async || match client.find(Locator::Css(css)).await {
                Ok(e) => e
                    .text()
                    .await
                    .is_ok_and(|t| t.starts_with(&format!("{n} "))),
                Err(_) => false,
            },
            || format!("{}: the table never counted {n}", register.name()),
        )
        .await;
        inert(&client, register.name()).await;
    }
    look(&client, "hostile-registers.png").await;
    click(&client, "[data-testid=tab-overview]").await;
    look(&client, "hostile-overview.png").await;
    client.close().await.expect("close the app");
}

/// How many items the pack holds in `register`, as the table counts them.
fn count(pack: &Pack, register: RegisterName) -> usize {
    match register {
        RegisterName::Goals => pack.goals.len(),
        RegisterName::Teams => pack.teams.len(),
        RegisterName::Workstreams => pack.workstreams.len(),
        RegisterName::Milestones => pack.milestones.len(),
        RegisterName::Risks => pack.risks.len(),
        RegisterName::Assumptions => pack.assumptions.len(),
        RegisterName::Issues => pack.issues.len(),
        RegisterName::Decisions => pack.decisions.len(),
        RegisterName::Stakeholders => pack.stakeholders.len(),
        RegisterName::Communications => pack.communications.len(),
        RegisterName::Kpis => pack.kpis.len(),
        RegisterName::Measurements => pack.kpis.iter().map(|k| k.measurements.len()).sum(),
        RegisterName::Costs => pack.costs.len(),
    }
}

/// No payload ran, and the window still fits its width: the tabs are on screen to click.
async fn inert(client: &Client, view: &str) {
    let pwned = client
        .execute(
            "return window.__pwned === undefined ? null : String(window.__pwned)",
            vec![],
        )
        .await
        .expect("script runs");
    assert_eq!(pwned, Value::Null, "{view}: a payload ran");
    until(
        async || {
            client
                .execute(
                    // neither the page nor the view beside the sidebar scrolls sideways
                    "const main = document.querySelector('main');
                     return document.documentElement.scrollWidth <= window.innerWidth + 1
                       && main.scrollWidth <= main.clientWidth + 1",
                    vec![],
                )
                .await
                .is_ok_and(|v| v == Value::Bool(true))
        },
        || format!("{view}: the page is wider than the window"),
    )
    .await;
    let tabs = client
        .find_all(Locator::Css("[role=tab]"))
        .await
        .expect("tabs");
    assert!(tabs.len() >= 5, "{view}: the tabs are there");
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run by script/test"]
async fn a_damaged_database_opens_on_its_backups_and_one_is_put_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("damaged.db");
    {
        let mut store = Store::create(&db).expect("store");
        store.load_bundled_if_empty().expect("samples");
        store.backup("manual").expect("a backup of the samples");
    }
    let newest = flightdeck_core::store::list_backups(&db).expect("backups")[0].programs;
    let mut bytes = std::fs::read(&db).expect("read");
    for b in bytes.iter_mut().skip(4096).take(16_384) {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).expect("a failing disk");

    let driver = Driver::start(&db);
    let client = driver.session().await;
    wait_for(&client, "[data-testid=damaged] [data-testid=restore]").await;
    look(&client, "damaged.png").await;
    click(&client, "[data-testid=damaged] [data-testid=restore]").await;
    click(&client, "[data-testid=restore-confirm]").await;
    until(
        async || {
            client
                .find_all(Locator::Css("[data-testid=program-list] button"))
                .await
                .is_ok_and(|b| b.len() as i64 == newest)
        },
        || format!("the {newest} programs of the newest backup never showed"),
    )
    .await;
    look(&client, "restored.png").await;
    let aside = std::fs::read_dir(dir.path())
        .expect("list")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().contains(".damaged-"))
        })
        .count();
    assert_eq!(
        aside, 1,
        "the damaged database is kept beside the restored one"
    );
    client.close().await.expect("close the app");
}
