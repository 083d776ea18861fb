//! The workbench's speed in the real webview, on the benchmark program (`gen-pack` defaults:
//! 5,000 milestones, 2,000 risks) beside a bundled program of 19 milestones and 12 risks,
//! measured in the same run. Run by `script/bench`, never by `script/test`.
//!
//! Method: each timing is taken inside the page with `performance.now()`, from the moment the
//! page receives the input (a click, a filter's input event, a form's submit) to the first
//! animation frame after the table shows the result, plus a task (the paint has happened by
//! then). The row count says which filter text the rows are for (`data-shown-text`), so a reply
//! that changes nothing on screen still counts when it arrives.

use std::time::Duration;

use fantoccini::Client;
use flightdeck_core::Store;
use flightdeck_core::synthetic::{self, Sizes};
use serde_json::{Value, json};

use super::{Driver, wait_for};

/// After the next paint: the frame after the change, then a task.
const PAINTED: &str = "const painted = (t0, done) => requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));";

async fn timed(client: &Client, script: &str, args: Vec<Value>) -> f64 {
    let body = format!("{PAINTED}\nconst done = arguments[arguments.length - 1];\n{script}");
    client
        .execute_async(&body, args)
        .await
        .expect("the timing script runs")
        .as_f64()
        .expect("a duration in ms")
}

async fn open_register(client: &Client, register: &str) -> f64 {
    timed(
        client,
        r#"const name = arguments[0];
           const t0 = performance.now();
           document.querySelector(`[data-testid=register-${name}]`).click();
           const poll = () => document.querySelector(`table[data-register=${name}] tbody[data-testid=rows] tr[data-key]`)
             ? painted(t0, done) : requestAnimationFrame(poll);
           poll();"#,
        vec![json!(register)],
    )
    .await
}

async fn keystroke(client: &Client, text: &str) -> f64 {
    timed(
        client,
        r#"const text = arguments[0];
           const input = document.querySelector("[data-testid=filter]");
           const count = () => document.querySelector("[data-testid=row-count]");
           const t0 = performance.now();
           input.value = text;
           input.dispatchEvent(new Event("input", { bubbles: true }));
           const poll = () => count()?.dataset.shownText === text ? painted(t0, done) : requestAnimationFrame(poll);
           requestAnimationFrame(poll);"#,
        vec![json!(text)],
    )
    .await
}

async fn edit_title(client: &Client, key: &str, title: &str) -> f64 {
    timed(
        client,
        r##"const [key, title] = [arguments[0], arguments[1]];
           const input = document.querySelector("#form-milestones-title");
           input.value = title;
           input.dispatchEvent(new Event("input", { bubbles: true }));
           const t0 = performance.now();
           document.querySelector("[data-testid=item-form]").requestSubmit();
           const row = () => document.querySelector(`tbody[data-testid=rows] tr[data-key="${key}"]`);
           const poll = () => row()?.textContent.includes(title) ? painted(t0, done) : requestAnimationFrame(poll);
           requestAnimationFrame(poll);"##,
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

/// What one program's workbench takes: (what, samples).
async fn measure(client: &Client, slug: &str) -> Vec<(&'static str, Vec<f64>)> {
    wait_for(client, &format!("button[data-slug='{slug}']"))
        .await
        .click()
        .await
        .expect("open the program");
    wait_for(client, "[data-testid=tab-registers]")
        .await
        .click()
        .await
        .expect("the registers tab");
    wait_for(
        client,
        "table[data-register=risks] tbody[data-testid=rows] tr[data-key]",
    )
    .await;

    let mut open = Vec::new();
    for _ in 0..10 {
        open_register(client, "risks").await;
        open.push(open_register(client, "milestones").await);
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

    // edits from Enter to the repainted row, on the first milestone
    open_register(client, "milestones").await;
    wait_for(client, "tbody[data-testid=rows] tr[data-key] button.open")
        .await
        .click()
        .await
        .expect("open the first milestone");
    let key = wait_for(client, "tbody[data-testid=rows] tr[data-key]")
        .await
        .attr("data-key")
        .await
        .expect("attr")
        .expect("a key");
    wait_for(client, "#form-milestones-title").await;
    let mut edits = Vec::new();
    for i in 0..10 {
        edits.push(edit_title(client, &key, &format!("Benchmark edit {i}")).await);
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    vec![
        ("filter keystroke, risks", risk_keys),
        ("filter keystroke, milestones", milestone_keys),
        ("open the milestones register", open),
        ("edit, Enter to repainted row", edits),
    ]
}

#[tokio::test]
#[ignore = "a benchmark: script/bench runs it under Xvfb"]
async fn bench_the_workbench_in_the_real_webview() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("bench.db");
    let big = synthetic::pack(Sizes::BENCHMARK);
    let small = flightdeck_core::bundled::packs().expect("packs").remove(0);
    {
        let mut store = Store::open(&db).expect("open");
        store.import(&big).expect("the benchmark program");
        store.import(&small).expect("a bundled program");
    }
    let driver = Driver::start(&db);
    let client = driver.session().await;
    let small_figures = measure(&client, &small.program.id).await;
    let big_figures = measure(&client, &big.program.id).await;
    client.close().await.expect("close");

    let budgets = [16.0, 16.0, 150.0, 50.0];
    println!(
        "\n{:<32} {:>9} {:>9} {:>10} {:>9}  samples",
        "in the webview (ms)", "p50", "p95", "budget", "×19-mil."
    );
    for (((what, big), (_, small)), budget) in big_figures.iter().zip(&small_figures).zip(budgets) {
        let p95 = percentile(big, 0.95);
        println!(
            "{:<32} {:>9.1} {:>9.1} {:>8}{:>2} {:>9.2}  {}",
            what,
            percentile(big, 0.5),
            p95,
            format!("< {budget}"),
            if p95 < budget { "✓" } else { "✗" },
            p95 / percentile(small, 0.95).max(0.1),
            big.len()
        );
    }
    println!(
        "(p95 on the 5,000-milestone program; the ratio is its p95 over the same step on the bundled 19-milestone program)"
    );
}
