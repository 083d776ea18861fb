//! End to end: the real app binary in a real window, driven through tauri-driver and
//! WebKitWebDriver as a person would use it. Needs a display (`xvfb-run`), `tauri-driver` and
//! `WebKitWebDriver`; `script/test` provides them and runs this with `--ignored`.

// Tests and benchmarks may panic on a broken fixture: that is their failure report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod axe;
mod bench;
mod desktop;
mod lrs;
mod practice;
mod safety;
mod tpm;
mod workbench;

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use flightdeck_core::bundled;
use flightdeck_core::model::Pack;

const WAIT: Duration = Duration::from_secs(30);
/// How long the app may take to start and answer WebDriver (a few seconds on a quiet machine).
const SESSION: Duration = Duration::from_secs(90);

/// tauri-driver on a free port, stopped with SIGTERM so it takes WebKitWebDriver with it.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(db: &Path) -> Driver {
        Driver::start_with(db, &[])
    }

    /// With more environment for the app, such as a dark GTK theme.
    fn start_with(db: &Path, env: &[(&str, &str)]) -> Driver {
        let port = free_port();
        let native_port = free_port();
        let child = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .args(["--native-driver", "/usr/bin/WebKitWebDriver"])
            .env("FLIGHTDECK_DB", db)
            .envs(env.iter().copied())
            // tauri-driver prints why it dropped a request (such as a refused connection to
            // WebKitWebDriver) on its stdout: to the test's stderr, where a failure is read
            .stdout(std::io::stderr())
            .spawn()
            .expect("tauri-driver starts (script/bootstrap installs it)");
        // tauri-driver listens at once, but forwards every request to WebKitWebDriver, which
        // it started alongside and which may still be starting on a busy machine; a session
        // asked for before then is dropped unanswered (hyper's IncompleteMessage), so both wait
        listening(port, "tauri-driver");
        listening(native_port, "WebKitWebDriver");
        Driver { child, port }
    }

    async fn session(&self) -> Client {
        // rustls is built here with two crypto providers (ring for the app's LRS client,
        // aws-lc-rs for WebDriver's client), so it cannot pick one itself: ring it is
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": env!("CARGO_BIN_EXE_flightdeck") }),
        );
        // An app that dies as it starts (once, a restarted app's "Failed to initialize GTK",
        // 2026-12-02) leaves WebKitWebDriver's answer to the session pending for good; a new
        // request to the same driver after the first is dropped is answered, so a session not
        // made in SESSION is asked for again, twice (seen working with an app that died at its
        // first start and started at its second).
        let url = format!("http://127.0.0.1:{}", self.port);
        for attempt in 1..=3 {
            let mut builder = ClientBuilder::rustls().expect("tls setup");
            builder.capabilities(caps.clone());
            match tokio::time::timeout(SESSION, builder.connect(&url)).await {
                Ok(client) => return client.expect("a WebDriver session with the app"),
                Err(_) => eprintln!(
                    "no WebDriver session with the app within {SESSION:?} (attempt {attempt} of 3)"
                ),
            }
        }
        panic!("the app never started: no WebDriver session in three attempts of {SESSION:?}")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

fn tauri_driver() -> PathBuf {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let installed = home.join(".cargo/bin/tauri-driver");
    if installed.exists() {
        installed
    } else {
        PathBuf::from("tauri-driver")
    }
}

/// Waits up to WAIT for something to accept connections on `port`.
fn listening(port: u16, what: &str) {
    let deadline = Instant::now() + WAIT;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{what} did not listen on {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

async fn wait_for(client: &Client, css: &str) -> Element {
    match client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
    {
        Ok(element) => element,
        Err(e) => {
            // what the window showed when it went wrong, for whoever reads the failure
            screenshot(client, "failure.png").await;
            let body = client.source().await.unwrap_or_default();
            panic!(
                "{css} did not appear: {e}\npage: {}",
                &body[..body.len().min(3000)]
            );
        }
    }
}

/// Asks `holds` every 100 ms until it says yes; after WAIT, fails saying what never happened
/// (`what` is asked then, so it can say what the window showed instead).
async fn until(mut holds: impl AsyncFnMut() -> bool, what: impl FnOnce() -> String) {
    let deadline = Instant::now() + WAIT;
    while !holds().await {
        assert!(Instant::now() < deadline, "{}", what());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until `script` (a function body that returns a boolean) returns true.
async fn until_script(client: &Client, script: &str, what: impl FnOnce() -> String) {
    until(
        async || {
            let holds = client.execute(script, vec![]).await.expect("script runs");
            holds.as_bool() == Some(true)
        },
        what,
    )
    .await;
}

/// Waits until the element shows exactly `want`, finding it afresh each time: the view is
/// rebuilt when the program changes.
async fn wait_for_text(client: &Client, css: &str, want: &str) {
    until(
        async || match client.find(Locator::Css(css)).await {
            Ok(element) => element.text().await.is_ok_and(|t| t == want),
            Err(_) => false,
        },
        || format!("{css} never showed {want}"),
    )
    .await;
}

async fn text_of(client: &Client, css: &str) -> String {
    wait_for(client, css)
        .await
        .text()
        .await
        .expect("element text")
}

fn thousands(n: f64) -> String {
    let digits = format!("{:.0}", n);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn long_date(d: chrono::NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

async fn program_buttons(client: &Client) -> Vec<Element> {
    wait_for(client, "[data-testid=program-list] button").await;
    client
        .find_all(Locator::Css("[data-testid=program-list] button"))
        .await
        .expect("program buttons")
}

async fn check_overview(client: &Client, pack: &Pack) {
    let p = &pack.program;
    let button = wait_for(client, &format!("button[data-slug='{}']", p.id)).await;
    button.click().await.expect("click the program");

    wait_for_text(client, "[data-testid=program-name]", &p.name).await;
    assert_eq!(text_of(client, "[data-testid=summary]").await, p.summary);
    assert_eq!(
        text_of(client, "[data-testid=start]").await,
        long_date(p.start)
    );
    assert_eq!(text_of(client, "[data-testid=end]").await, long_date(p.end));
    let budget = text_of(client, "[data-testid=budget]").await;
    assert!(
        budget.contains(&thousands(p.budget)),
        "budget {budget} shows {}",
        p.budget
    );
    for (key, count) in [
        ("milestones", pack.milestones.len()),
        ("risks", pack.risks.len()),
        ("stakeholders", pack.stakeholders.len()),
        ("kpis", pack.kpis.len()),
        ("workstreams", pack.workstreams.len()),
    ] {
        let shown = text_of(client, &format!("[data-testid=count-{key}] .n")).await;
        assert_eq!(shown, count.to_string(), "count of {key}");
    }

    image_loaded(client, "img[data-testid=roadmap]").await;
}

/// Waits until the image has loaded and decoded to a real size.
async fn image_loaded(client: &Client, css: &str) -> fantoccini::elements::Element {
    let element = wait_for(client, css).await;
    let img = serde_json::to_value(&element).expect("element ref");
    until(
        async || {
            let width = client
                .execute(
                    "return arguments[0].complete ? arguments[0].naturalWidth : 0",
                    vec![img.clone()],
                )
                .await
                .expect("script runs");
            width.as_u64().unwrap_or(0) > 0
        },
        || format!("{css} never loaded"),
    )
    .await;
    element
}

/// The status tab shows the status core computes, and the charts tab draws the heat map.
async fn check_status_and_charts(client: &Client, pack: &Pack) {
    let expected = flightdeck_core::status::program_status(pack, pack.program.as_of());
    let button = format!("button[data-slug='{}']", pack.program.id);
    wait_for(client, &button)
        .await
        .click()
        .await
        .expect("choose the program");
    wait_for_text(client, "[data-testid=program-name]", &pack.program.name).await;

    wait_for(client, "[data-testid=tab-status]")
        .await
        .click()
        .await
        .expect("open the status tab");
    let rag = text_of(client, "[data-testid=status-rag]").await;
    look(client, "status.png").await;
    assert_eq!(rag, format!("{:?}", expected.rag).to_uppercase());
    let path = text_of(client, "[data-testid=critical-path]").await;
    let want = expected
        .schedule
        .map(|s| s.critical_path.join(" → "))
        .unwrap_or_default();
    assert_eq!(path, want, "the critical path core computed");

    wait_for(client, "[data-testid=tab-charts]")
        .await
        .click()
        .await
        .expect("open the charts tab");
    image_loaded(client, "img[data-testid=chart]").await;
}

/// Each chart of the Charts tab is shown at the size it was drawn at, never scaled down, and
/// fills its pane's width; again after the window is resized, at another size.
async fn check_charts_fit_their_pane(client: &Client) {
    let (width, height) = client.get_window_size().await.expect("window size");
    let (width, height) = (width as u32, height as u32);
    let choice = wait_for(client, "[data-testid=chart-choice]").await;
    // the pane's width at the window's own size, which each chart starts from
    let start = client
        .execute(
            "return document.querySelector('img[data-testid=chart]').parentElement.clientWidth",
            vec![],
        )
        .await
        .expect("script runs")
        .as_u64()
        .expect("a width");
    for chart in ["report", "gantt", "evm", "stakeholders", "heatmap"] {
        choice
            .clone()
            .select_by_value(chart)
            .await
            .expect("choose a chart");
        let mut drawn = vec![start];
        for (w, h) in [(1024, 700), (width, height)] {
            client
                .set_window_size(w, h)
                .await
                .expect("resize the window");
            let seen = std::cell::RefCell::new(String::new());
            until(
                async || {
                    let sizes: serde_json::Value = client
                        .execute(
                            r#"const img = document.querySelector("img[data-testid=chart]");
                               const pane = img.parentElement;
                               return img.complete ? [img.naturalWidth, img.naturalHeight,
                                 img.clientWidth, img.clientHeight, pane.clientWidth,
                                 img.alt] : null;"#,
                            vec![],
                        )
                        .await
                        .expect("script runs");
                    *seen.borrow_mut() = sizes.to_string();
                    let n = |i: usize| sizes[i].as_u64().unwrap_or(0);
                    // the window has taken its new size (the pane is not the width it was), and
                    // the drawing is the pane's width and shown at its own size
                    drawn.last() != Some(&n(4))
                        && n(0) > 0
                        && n(0) == n(2)
                        && n(1) == n(3)
                        && n(0) == n(4)
                },
                || {
                    let seen = seen.borrow();
                    format!("{chart} at {w}×{h}: [natural w, h, shown w, h, pane w, alt] {seen}")
                },
            )
            .await;
            let pane: serde_json::Value = serde_json::from_str(&seen.borrow()).expect("json");
            drawn.push(pane[4].as_u64().unwrap_or(0));
        }
        screenshot(client, &format!("chart-{chart}.png")).await;
    }
}

/// The exports tab offers a CSV of every table core exports: every register and earned value.
async fn check_exports(client: &Client) {
    wait_for(client, "[data-testid=tab-exports]")
        .await
        .click()
        .await
        .expect("open the exports tab");
    let css = "section[aria-label=Exports] .grid button";
    wait_for(client, css).await;
    let buttons = client
        .find_all(Locator::Css(css))
        .await
        .expect("CSV buttons");
    assert_eq!(
        buttons.len(),
        flightdeck_core::export::tables().len(),
        "one CSV button per table core exports"
    );
}

/// A view as the learner sees it: its screenshot in target/e2e, and axe-core's check.
async fn look(client: &Client, name: &str) {
    screenshot(client, name).await;
    axe::check(client, name).await;
}

async fn screenshot(client: &Client, name: &str) {
    // the picture lags the DOM by a frame or so
    tokio::time::sleep(Duration::from_millis(600)).await;
    let png = client.screenshot().await.expect("screenshot");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    std::fs::write(dir.join(name), png).expect("write screenshot");
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run by script/test"]
async fn a_learner_opens_each_sample_program_and_finds_it_again_after_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("e2e.db");
    let packs = bundled::packs().expect("bundled packs");
    let driver = Driver::start(&db);

    let client = driver.session().await;
    assert_eq!(
        program_buttons(&client).await.len(),
        packs.len(),
        "every bundled program is listed"
    );
    for pack in &packs {
        check_overview(&client, pack).await;
    }
    look(&client, "overview.png").await;
    check_status_and_charts(&client, &packs[0]).await;
    look(&client, "charts.png").await;
    check_charts_fit_their_pane(&client).await;
    check_exports(&client).await;
    look(&client, "exports.png").await;
    client.close().await.expect("close the app");

    // A second start reads the same database: the same programs, none loaded twice.
    let client = driver.session().await;
    assert_eq!(
        program_buttons(&client).await.len(),
        packs.len(),
        "programs survive a restart, once each"
    );
    // the list was painted from the snapshot handed to the page with it, not asked for
    let handed = client
        .execute(
            "return (window.__FLIGHTDECK_START__?.programs ?? []).map((p) => p.name)",
            vec![],
        )
        .await
        .expect("read the start snapshot");
    let mut listed = Vec::new();
    for button in program_buttons(&client).await {
        listed.push(button.text().await.expect("a program's text"));
    }
    let handed: Vec<String> = serde_json::from_value(handed).expect("names");
    assert_eq!(
        handed.len(),
        packs.len(),
        "the window was handed every program"
    );
    for (name, text) in handed.iter().zip(&listed) {
        assert!(
            text.contains(name.as_str()),
            "{text:?} is listed as handed, {name:?}"
        );
    }
    check_overview(&client, &packs[0]).await;
    client.close().await.expect("close the app");
    assert!(
        db.exists(),
        "the app wrote its database where FLIGHTDECK_DB said"
    );
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run by script/test"]
async fn a_learner_works_every_register_in_the_window_and_finds_the_work_after_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("workbench.db");
    let pack = bundled::packs().expect("bundled packs").remove(0);
    let driver = Driver::start(&db);

    let client = driver.session().await;
    let made = workbench::every_register(&client, &pack).await;
    tpm::tpm_actions(&client, &pack, &db).await;
    client.close().await.expect("close the app");

    let client = driver.session().await;
    workbench::find_again(&client, &pack, &made).await;
    client.close().await.expect("close the app");
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run by script/test"]
async fn dark_mode_covers_the_window_and_its_charts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let driver = Driver::start_with(
        &dir.path().join("dark.db"),
        &[("GTK_THEME", "Adwaita:dark")],
    );
    let client = driver.session().await;
    let dark = client
        .execute(
            "return matchMedia('(prefers-color-scheme: dark)').matches",
            vec![],
        )
        .await
        .expect("script runs");
    assert_eq!(
        dark,
        serde_json::json!(true),
        "the webview follows the dark GTK theme"
    );
    let pack = &bundled::packs().expect("bundled packs")[0];
    wait_for(&client, &format!("button[data-slug='{}']", pack.program.id))
        .await
        .click()
        .await
        .expect("open the program");
    let chart = image_loaded(&client, "img.drawn").await;
    let filter = client
        .execute(
            "return getComputedStyle(arguments[0]).filter",
            vec![serde_json::to_value(&chart).expect("element")],
        )
        .await
        .expect("script runs");
    assert!(
        filter.as_str().is_some_and(|f| f.contains("invert")),
        "a chart is shown inverted on the dark ground: {filter}"
    );
    look(&client, "dark-overview.png").await;
    wait_for(&client, "[data-testid=tab-registers]")
        .await
        .click()
        .await
        .expect("the registers tab");
    wait_for(&client, "[data-testid=risk-matrix] td button").await;
    look(&client, "dark-risks.png").await;
    wait_for(&client, "[data-testid=register-milestones]")
        .await
        .click()
        .await
        .expect("the milestones");
    image_loaded(&client, "img[data-testid=gantt]").await;
    look(&client, "dark-roadmap.png").await;
    client.close().await.expect("close the app");
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver, a Ralph LRS and GNOME Keyring: run by script/test"]
async fn a_trainer_sends_a_finished_attempt_to_a_learning_record_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    lrs::a_trainer_sends_an_attempt(&dir.path().join("trainer.db")).await;
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run by script/test"]
async fn a_learner_plays_a_scenario_and_is_debriefed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("practice.db");
    let pack = bundled::packs().expect("bundled packs").remove(0);
    let driver = Driver::start(&db);
    let client = driver.session().await;
    practice::a_learner_practises(&client, &pack, &db).await;
    client.close().await.expect("close the app");
}
