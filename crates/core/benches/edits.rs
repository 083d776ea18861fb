//! Item edits and narrow reads on the benchmark program (5,000 milestones, 2,000 risks, 500
//! stakeholders, 20,000 communications, 200 KPIs × 500 readings), on a file database as the
//! app uses it. Prints p50 and p99 of each edit and of its undo, and the median of listing,
//! of the overview and of the status, beside the peer in the same run: loading the whole
//! program, which is what every edit and view did before items became the unit (and what the
//! status read until it read its biggest registers in SQL). `cargo bench --bench edits`.

// Tests and benchmarks may panic on a broken fixture: that is their failure report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use flightdeck_core::Store;
use flightdeck_core::edit::Edit;
use flightdeck_core::register::list::{ItemQuery, SortDirection};
use flightdeck_core::register::{Item, RegisterName};
use flightdeck_core::status::program_status;
use flightdeck_core::synthetic::{self, Sizes};

#[path = "support/timing.rs"]
mod timing;

use timing::{measure, ms};

const SAMPLES: usize = 200;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

/// Runs `edit` then undo SAMPLES times; prints p50 and p99 of each.
fn edit_and_undo(store: &mut Store, id: i64, name: &str, mut edit: impl FnMut(usize) -> Edit) {
    let (mut edits, mut undos) = (Vec::new(), Vec::new());
    for i in 0..SAMPLES + 10 {
        let e = edit(i);
        let t = Instant::now();
        black_box(store.apply(id, &e).expect("edit"));
        let applied = t.elapsed();
        let t = Instant::now();
        black_box(store.undo(id).expect("undo"));
        let undone = t.elapsed();
        // the first few warm the statement cache
        if i >= 10 {
            edits.push(applied);
            undos.push(undone);
        }
    }
    edits.sort();
    undos.sort();
    let p = |v: &[Duration], q| ms(percentile(v, q));
    println!(
        "{name:<44} p50 {:>6.2} ms  p99 {:>6.2} ms   undo p50 {:>6.2} ms  p99 {:>6.2} ms   (goal p50 < 2, p99 < 5)",
        p(&edits, 0.5),
        p(&edits, 0.99),
        p(&undos, 0.5),
        p(&undos, 0.99)
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.db");
    let mut store = Store::open(&path).expect("open");
    let pack = synthetic::pack(Sizes::BENCHMARK);
    let id = store.import(&pack).expect("import");
    println!(
        "benchmark program: {} milestones, {} risks, {} stakeholders, {} communications, {} KPIs × {} readings",
        pack.milestones.len(),
        pack.risks.len(),
        pack.stakeholders.len(),
        pack.communications.len(),
        pack.kpis.len(),
        pack.kpis[0].measurements.len()
    );

    let risk = pack.risks[pack.risks.len() / 2].clone();
    edit_and_undo(&mut store, id, "put one risk", |i| {
        let mut r = risk.clone();
        r.title = format!("Vendor slips, take {i}");
        Edit::put(Item::Risks(r))
    });

    // a milestone deep in the plan, its dependency moved to another early milestone
    let m = pack
        .milestones
        .iter()
        .rev()
        .find(|m| !m.depends_on.is_empty())
        .expect("a dependent milestone")
        .clone();
    edit_and_undo(
        &mut store,
        id,
        "put one milestone, dependency changed",
        |i| {
            let mut changed = m.clone();
            changed.depends_on = vec![pack.milestones[i % 50].id.clone()];
            Edit::put(Item::Milestones(changed))
        },
    );

    let page = store
        .list_items(
            id,
            &ItemQuery {
                limit: Some(SAMPLES as u32 + 10),
                ..ItemQuery::all(RegisterName::Communications)
            },
        )
        .expect("communications");
    edit_and_undo(&mut store, id, "remove one communication", |i| {
        Edit::Remove {
            register: RegisterName::Communications,
            key: page.rows[i].key.clone(),
        }
    });

    let kpi = pack.kpis[0].id.clone();
    edit_and_undo(&mut store, id, "record one KPI reading (of 100,000)", |i| {
        Edit::put(Item::Measurements(flightdeck_core::register::Reading {
            kpi: kpi.clone(),
            date: pack.program.as_of(),
            value: i as f64,
        }))
    });

    let query = ItemQuery {
        text: Some("M".into()),
        sort: Some("finish".into()),
        direction: SortDirection::Desc,
        ..ItemQuery::all(RegisterName::Milestones)
    };
    let list = measure(|| {
        let t = Instant::now();
        let page = black_box(store.list_items(id, &query).expect("list"));
        assert_eq!(page.rows.len(), pack.milestones.len());
        t.elapsed()
    });
    // what a keystroke in the table's filter asks for: the first page of rows and the count,
    // for each prefix of a title typed a character at a time (as the webview benchmark types)
    for (register, word) in [
        (RegisterName::Risks, "Risk 1234"),
        (RegisterName::Milestones, "Milestone 4321"),
    ] {
        let mut pages = Vec::new();
        for round in 0..6 {
            for n in 1..=word.len() {
                let query = ItemQuery {
                    text: Some(word[..n].to_string()),
                    limit: Some(100),
                    ..ItemQuery::all(register)
                };
                let t = Instant::now();
                black_box(store.list_items(id, &query).expect("page"));
                if round > 0 {
                    pages.push(t.elapsed());
                }
            }
        }
        pages.sort();
        println!(
            "a filter keystroke's page of {:<12}        p50 {:>6.2} ms  p95 {:>6.2} ms  max {:>6.2} ms",
            register.name(),
            ms(percentile(&pages, 0.5)),
            ms(percentile(&pages, 0.95)),
            ms(pages[pages.len() - 1])
        );
    }
    let overview = measure(|| {
        let t = Instant::now();
        black_box(store.overview(id).expect("overview"));
        t.elapsed()
    });
    let status = measure(|| {
        let t = Instant::now();
        black_box(store.status(id).expect("status"));
        t.elapsed()
    });
    let status_of_whole = measure(|| {
        let t = Instant::now();
        let whole = store.load(id).expect("load");
        black_box(program_status(&whole, whole.program.as_of()));
        t.elapsed()
    });
    let load = measure(|| {
        let t = Instant::now();
        black_box(store.load(id).expect("load"));
        t.elapsed()
    });
    println!(
        "list 5,000 milestones, filtered and sorted:  {:>7.2} ms   (goal < 20 ms)",
        ms(list)
    );
    println!(
        "overview (counts in SQL):                    {:>7.2} ms   (goal < 10 ms)",
        ms(overview)
    );
    println!(
        "status (the last readings and contacts in SQL): {:>4.2} ms   (peer: the whole program read for it, {:.2} ms, {:.1}× slower)",
        ms(status),
        ms(status_of_whole),
        ms(status_of_whole) / ms(status)
    );
    println!(
        "peer: load the whole program:               {:>7.2} ms   (overview is {:.0}× faster, listing {:.0}×)",
        ms(load),
        ms(load) / ms(overview),
        ms(load) / ms(list)
    );
}
