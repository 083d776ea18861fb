//! The workbench's speed in the real webview, on the benchmark program (`gen-pack` defaults:
//! 5,000 milestones, 2,000 risks) beside a bundled program of 18 milestones and 12 risks,
//! measured in the same run. Run by `script/bench`, never by `script/test`.
//!
//! Method: each timing is taken inside the page with `performance.now()`, from the moment the
//! page receives the input (a click, a filter's input event, a form's submit, a typed key's
//! `keydown`) to the first animation frame after the table shows the result, plus a task (the
//! paint has happened by then). Filter keystrokes are measured twice: as input events on the
//! filter, back to back, and as real keys typed by WebDriver into the focused filter. The row
//! count says which filter text the rows are for (`data-shown-text`), so a reply that changes
//! nothing on screen still counts when it arrives.

use std::time::Duration;

use fantoccini::Client;
use flightdeck_core::Store;
use flightdeck_core::synthetic::{self, Sizes};
use serde_json::{Value, json};

use super::workbench::click;
use super::{Driver, wait_for};

/// Two times from `t0`: when the DOM shows the change, and after the paint that follows it
/// (the frame after the change, then a task).
const PAINTED: &str = "const painted = (t0, done) => { const dom = performance.now() - t0; requestAnimationFrame(() => setTimeout(() => done([dom, performance.now() - t0]), 0)); };
const when = (holds, then) => { const seen = new MutationObserver(() => { if (holds()) { seen.disconnect(); then(); } }); seen.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true }); };";

/// (to the DOM, to the paint) in ms.
type Timing = (f64, f64);

async fn timed(client: &Client, script: &str, args: Vec<Value>) -> Timing {
    let body = format!("{PAINTED}\nconst done = arguments[arguments.length - 1];\n{script}");
    // a script whose change never shows would wait for it as long as WebDriver lets it: two
    // runs sat idle for many minutes (2026-12-01), so the bench fails after a minute instead,
    // showing the script
    let reply = tokio::time::timeout(Duration::from_secs(60), client.execute_async(&body, args))
        .await
        .unwrap_or_else(|_| panic!("a timing script had no answer within a minute:\n{script}"))
        .expect("the timing script runs");
    let at = |i: usize| {
        reply[i]
            .as_f64()
            .unwrap_or(reply.as_f64().unwrap_or(f64::NAN))
    };
    (at(0), at(1))
}

async fn open_register(client: &Client, register: &str) -> Timing {
    timed(
        client,
        r#"const name = arguments[0];
           const shown = () => document.querySelector(`table[data-register=${name}] tbody[data-testid=rows] tr[data-key]`);
           const t0 = performance.now();
           if (shown()) { painted(t0, done); return; }
           when(shown, () => painted(t0, done));
           document.querySelector(`[data-testid=register-${name}]`).click();"#,
        vec![json!(register)],
    )
    .await
}

async fn keystroke(client: &Client, text: &str) -> Timing {
    timed(
        client,
        r#"const text = arguments[0];
           const input = document.querySelector("[data-testid=filter]");
           const count = () => document.querySelector("[data-testid=row-count]");
           const t0 = performance.now();
           // the DOM change is seen as it happens (a mutation observer), then the paint after it
           when(() => count()?.dataset.shownText === text, () => painted(t0, done));
           input.value = text;
           input.dispatchEvent(new Event("input", { bubbles: true }));"#,
        vec![json!(text)],
    )
    .await
}

/// The floor under a keystroke: the same page of rows asked of core through IPC, nothing drawn.
async fn round_trip(client: &Client, program: i64, register: &str, text: &str) -> Timing {
    timed(
        client,
        r#"const [id, register, text] = [arguments[0], arguments[1], arguments[2]];
           const t0 = performance.now();
           window.__TAURI_INTERNALS__.invoke("list_items", { id, query: { register, text, offset: 0, limit: 100 } })
             .then(() => { const t = performance.now() - t0; done([t, t]); });"#,
        vec![json!(program), json!(register), json!(text)],
    )
    .await
}

/// The webview's own floor: one character of text on screen changed, nothing asked of core.
async fn paint_floor(client: &Client, n: usize) -> Timing {
    timed(
        client,
        r#"let mark = document.getElementById("bench-floor");
           if (!mark) {
             mark = document.createElement("span");
             mark.id = "bench-floor";
             mark.style = "position: fixed; bottom: 0; right: 0";
             document.body.append(mark);
           }
           const t0 = performance.now();
           mark.textContent = String(arguments[0] % 10);
           painted(t0, done);"#,
        vec![json!(n)],
    )
    .await
}

/// Real key events, typed by WebDriver into the focused filter of the risks, a tenth of a
/// second apart (a fast typist): each timed from its `keydown` to the DOM showing the rows for
/// the filter's text, and to the paint after that.
async fn typed_keystrokes(client: &Client) -> Vec<Timing> {
    open_register(client, "risks").await;
    type_timed(
        client,
        "[data-testid=filter]",
        r#"const count = () => document.querySelector("[data-testid=row-count]");
           const shown = () => count()?.dataset.shownText === input.value;"#,
    )
    .await
}

/// The floor under a typed key: the same keys typed into a copy of the filter that nothing
/// listens to, each timed from its `keydown` to the paint after its input event.
async fn typed_floor(client: &Client) -> Vec<Timing> {
    typed_into_copy(client, "").await
}

/// The floor under a typed key that repaints the table: the same keys typed into a copy of the
/// filter whose input event gives every visible cell of the table another row's text by hand,
/// with nothing asked of core and no framework.
async fn typed_repaint_floor(client: &Client) -> Vec<Timing> {
    typed_into_copy(
        client,
        r#"const cells = [...document.querySelectorAll("tbody[data-testid=rows] td")]
             .filter((c) => c.firstChild?.nodeType === Node.TEXT_NODE);
           const texts = cells.map((c) => c.firstChild.data);
           let n = 0;
           copy.addEventListener("input", () => {
             n++;
             cells.forEach((c, i) => { c.firstChild.data = texts[(i + 7 * n) % texts.length]; });
           });"#,
    )
    .await
}

/// Keys typed into a copy of the risks' filter (`type_timed`), which `listen` (a script with
/// the copy as `copy`) may give an input listener; the copy is removed after.
async fn typed_into_copy(client: &Client, listen: &str) -> Vec<Timing> {
    open_register(client, "risks").await;
    let make = format!(
        "{}\n{listen}",
        r#"const filter = document.querySelector("[data-testid=filter]");
           const copy = filter.cloneNode();
           copy.removeAttribute("data-testid");
           copy.id = "bench-typed-floor";
           filter.after(copy);"#
    );
    client
        .execute(&make, vec![])
        .await
        .expect("a copy of the filter");
    let timings = type_timed(client, "#bench-typed-floor", "const shown = () => true;").await;
    client
        .execute(
            "document.getElementById('bench-typed-floor').remove();",
            vec![],
        )
        .await
        .expect("the copy removed");
    timings
}

/// Types "Risk 1234" and deletes it again, three times, into the field `css`, a tenth of a
/// second between keys; each key timed from its `keydown` to when `shown()` (defined by
/// `shown`, with the field as `input`) holds after its input event, and to the paint after.
async fn type_timed(client: &Client, css: &str, shown: &str) -> Vec<Timing> {
    let listen = format!(
        "{PAINTED}\nconst input = document.querySelector(arguments[0]);\n{shown}\n{}",
        r#"window.__typed = [];
           input.addEventListener("keydown", () => {
             const t0 = performance.now();
             input.addEventListener("input", () => {
               const then = () => painted(t0, (t) => window.__typed.push(t));
               if (shown()) then(); else when(shown, then);
             }, { capture: true, once: true });
           }, true);"#
    );
    client
        .execute(&listen, vec![json!(css)])
        .await
        .expect("the timing listener");
    let field = wait_for(client, css).await;
    field.click().await.expect("focus the field");
    tokio::time::sleep(Duration::from_millis(500)).await;
    const BACKSPACE: &str = "\u{E003}";
    for _ in 0..3 {
        let keys = "Risk 1234"
            .chars()
            .map(String::from)
            .chain(std::iter::repeat_n(BACKSPACE.to_string(), 9));
        for key in keys {
            field.send_keys(&key).await.expect("a key");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    let reply = client
        .execute("return window.__typed", vec![])
        .await
        .expect("the typed timings");
    reply
        .as_array()
        .expect("a list")
        .iter()
        .map(|t| {
            (
                t[0].as_f64().unwrap_or(f64::NAN),
                t[1].as_f64().unwrap_or(f64::NAN),
            )
        })
        .collect()
}

/// The floor under a keystroke's repaint: the typed text put in the filter and every visible
/// cell of the table given another row's text by hand, with nothing asked of core and no
/// framework; timed like a keystroke.
async fn repaint_floor(client: &Client, text: &str) -> Timing {
    timed(
        client,
        r#"const text = arguments[0];
           const input = document.querySelector("[data-testid=filter]");
           const count = document.querySelector("[data-testid=row-count]");
           const cells = [...document.querySelectorAll("tbody[data-testid=rows] td")]
             .filter((c) => c.firstChild?.nodeType === Node.TEXT_NODE);
           const texts = cells.map((c) => c.firstChild.data);
           const t0 = performance.now();
           cells.forEach((c, i) => { c.firstChild.data = texts[(i + 7) % texts.length]; });
           input.value = text;
           count.dataset.shownText = text;
           painted(t0, done);"#,
        vec![json!(text)],
    )
    .await
}

/// The floor under an edit: the same put of the milestone through IPC, nothing drawn.
async fn edit_round_trip(client: &Client, program: i64, key: &str, title: &str) -> Timing {
    timed(
        client,
        r#"const [id, key, title] = [arguments[0], arguments[1], arguments[2]];
           const call = window.__TAURI_INTERNALS__.invoke;
           call("get_item", { id, register: "milestones", key }).then((row) => {
             const t0 = performance.now();
             const edit = { op: "put", register: "milestones", key, item: { ...row.item, title } };
             call("apply_edit", { id, edit }).then(() => { const t = performance.now() - t0; done([t, t]); });
           });"#,
        vec![json!(program), json!(key), json!(title)],
    )
    .await
}

async fn edit_title(client: &Client, key: &str, title: &str) -> Timing {
    timed(
        client,
        r##"const [key, title] = [arguments[0], arguments[1]];
           const input = document.querySelector("#form-milestones-title");
           input.value = title;
           input.dispatchEvent(new Event("input", { bubbles: true }));
           const row = () => document.querySelector(`tbody[data-testid=rows] tr[data-key="${key}"]`);
           // Enter comes after the typed title is on screen, as it does for a person: its paint
           // is the typing's, not the edit's
           painted(performance.now(), () => {
             const t0 = performance.now();
             when(() => row()?.textContent.includes(title), () => painted(t0, done));
             document.querySelector("[data-testid=item-form]").requestSubmit();
           });"##,
        vec![json!(key), json!(title)],
    )
    .await
}

fn percentile(samples: &[f64], p: f64) -> f64 {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at]
}

/// One step measured: what it is, its budget for the paint in ms, and its samples.
type Step = (&'static str, f64, Vec<Timing>);

/// What one program's workbench takes, step by step.
async fn measure(client: &Client, slug: &str, program: i64) -> Vec<Step> {
    click(client, &format!("button[data-slug='{slug}']")).await;
    click(client, "[data-testid=tab-registers]").await;
    wait_for(
        client,
        "table[data-register=risks] tbody[data-testid=rows] tr[data-key]",
    )
    .await;

    // opened as a learner does, from a window that has shown the register before with its view
    // (the first of these is the register's first opening); then back to back, each right after
    // the risks' rows are painted, while the risks' view is still loading and the milestones'
    // view of the open before may be too (work deferred past the rows lands in the next open)
    let mut open = Vec::new();
    for _ in 0..10 {
        open_register(client, "risks").await;
        tokio::time::sleep(Duration::from_secs(1)).await;
        open.push(open_register(client, "milestones").await);
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    let mut open_rushed = Vec::new();
    for _ in 0..10 {
        open_register(client, "risks").await;
        open_rushed.push(open_register(client, "milestones").await);
    }
    // typing a title and deleting it again, a keystroke at a time
    let typing = |register: &'static str| async move {
        open_register(client, register).await;
        let word = if register == "risks" {
            "Risk 1234"
        } else {
            "Milestone 4321"
        };
        let mut samples = Vec::new();
        for _ in 0..3 {
            for n in (1..=word.len()).chain((0..word.len()).rev()) {
                samples.push(keystroke(client, &word[..n]).await);
            }
        }
        samples
    };
    let risk_keys = typing("risks").await;
    let milestone_keys = typing("milestones").await;
    let typed = typed_keystrokes(client).await;
    let typed_bare = typed_floor(client).await;
    let typed_repaint = typed_repaint_floor(client).await;
    let mut floor = Vec::new();
    for n in 0..20 {
        floor.push(paint_floor(client, n).await);
    }
    open_register(client, "risks").await;
    let mut repaint = Vec::new();
    for n in (1..=9).chain((0..9).rev()) {
        repaint.push(repaint_floor(client, &"Risk 1234"[..n]).await);
    }
    // (the risks' cells are left scrambled: the milestones are opened next)
    let mut ipc = Vec::new();
    for n in 1..=9 {
        ipc.push(round_trip(client, program, "risks", &"Risk 1234"[..n]).await);
    }

    // edits from Enter to the repainted row, on the first milestone
    open_register(client, "milestones").await;
    // as the end-to-end tests click: scrolled into view once the views above the table have
    // stopped pushing it down. Two runs of stop 27's UI sat idle here for minutes
    // (2026-12-01: this register shown, no form open, the pointer over the variance table
    // above the rows), so the bench fails after a minute instead
    let opened = click(client, "tbody[data-testid=rows] tr[data-key] button.open");
    tokio::time::timeout(Duration::from_secs(60), opened)
        .await
        .expect("the click that opens the first milestone answered within a minute");
    let key = wait_for(client, "tbody[data-testid=rows] tr[data-key]")
        .await
        .attr("data-key")
        .await
        .expect("attr")
        .expect("a key");
    wait_for(client, "#form-milestones-title").await;
    let mut edits = Vec::new();
    // twenty, so that the p95 is not simply the slowest of them (of ten, it was)
    for i in 0..20 {
        // each edit from a settled window: the views above the table have reloaded (their
        // reads and the roadmap's drawing ended 0.6-0.8 s after an edit in the probes)
        tokio::time::sleep(Duration::from_secs(2)).await;
        edits.push(edit_title(client, &key, &format!("Benchmark edit {i}")).await);
    }
    let mut edit_ipc = Vec::new();
    for i in 0..10 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        edit_ipc.push(edit_round_trip(client, program, &key, &format!("Benchmark put {i}")).await);
    }
    vec![
        ("filter keystroke, risks", 16.0, risk_keys),
        ("filter keystroke, milestones", 16.0, milestone_keys),
        ("keys typed in the risks' filter", 16.0, typed),
        ("keys typed, no listener (floor)", 16.0, typed_bare),
        ("keys typed, cells by hand (floor)", 16.0, typed_repaint),
        ("open the milestones register", 150.0, open),
        ("open it back to back (no pause)", 150.0, open_rushed),
        ("edit, Enter to repainted row", 50.0, edits),
        ("IPC round trip of a page (floor)", 16.0, ipc),
        ("the table's text changed (floor)", 16.0, repaint),
        ("IPC round trip of the edit (floor)", 50.0, edit_ipc),
        ("a character changed (paint floor)", 16.0, floor),
    ]
}

#[tokio::test]
#[ignore = "a benchmark: script/bench runs it under Xvfb"]
async fn bench_the_workbench_in_the_real_webview() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("bench.db");
    let big = synthetic::pack(Sizes::BENCHMARK);
    let small = flightdeck_core::bundled::packs().expect("packs").remove(0);
    let (big_id, small_id) = {
        let mut store = Store::open(&db).expect("open");
        (
            store.import(&big).expect("the benchmark program"),
            store.import(&small).expect("a bundled program"),
        )
    };
    let driver = Driver::start(&db);
    let client = driver.session().await;
    let small_figures = measure(&client, &small.program.id, small_id).await;
    let big_figures = measure(&client, &big.program.id, big_id).await;
    client.close().await.expect("close");

    let compositing = std::env::var("WEBKIT_DISABLE_COMPOSITING_MODE").map_or("on", |_| "off");
    println!("\nWebKitGTK's accelerated compositing: {compositing}");
    println!(
        "{:<34} {:>8} {:>8} {:>8} {:>8} {:>9} {:>9}  samples",
        "in the webview (ms)", "DOM p50", "DOM p95", "p50", "p95", "budget", "×18-mil."
    );
    for ((what, budget, big), (_, _, small)) in big_figures.iter().zip(&small_figures) {
        let dom: Vec<f64> = big.iter().map(|t| t.0).collect();
        let paint: Vec<f64> = big.iter().map(|t| t.1).collect();
        let small_paint: Vec<f64> = small.iter().map(|t| t.1).collect();
        let p95 = percentile(&paint, 0.95);
        println!(
            "{:<34} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>7}{:>2} {:>9.2}  {}",
            what,
            percentile(&dom, 0.5),
            percentile(&dom, 0.95),
            percentile(&paint, 0.5),
            p95,
            format!("< {budget}"),
            if p95 < *budget { "✓" } else { "✗" },
            p95 / percentile(&small_paint, 0.95).max(0.1),
            big.len()
        );
    }
    println!(
        "(on the 5,000-milestone program: to the DOM showing the change, and to the paint after it; the budget is for the paint; the ratio is its p95 over the same step on the bundled 18-milestone program; the paint floor is one character of text changed on screen, the table's floor the filter's text and every visible cell's text changed by hand, with nothing asked of core, the typed floor the same keys typed into a copy of the filter that nothing listens to, and the typed floor with cells the same keys typed into a copy whose input listener changes every visible cell's text by hand)"
    );
}
