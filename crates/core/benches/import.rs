//! Validating and importing the benchmark pack (5,000 milestones, 2,000 risks, 500
//! stakeholders, 20,000 communications, 200 KPIs × 500 measurements), beside the floor: the same
//! rows inserted with plain prepared rusqlite statements in one transaction, in the same run.
//! Prints the median of several runs of each and the ratio. `cargo bench --bench import`.

// Tests and benchmarks may panic on a broken fixture: that is their failure report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use flightdeck_core::Store;
use flightdeck_core::model::Pack;
use flightdeck_core::pack::{self, SourceFormat};
use flightdeck_core::synthetic::{self, Sizes};
use rusqlite::{Connection, params};

#[path = "support/timing.rs"]
mod timing;

use timing::{RUNS, measure, ms};

/// A fresh database with the app's schema and pragmas.
fn fresh_db(dir: &Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    drop(Store::open(&path).expect("open"));
    path
}

/// The floor: every row of the pack with plain prepared statements, JSON columns encoded
/// beforehand, in one transaction.
fn floor_insert(
    conn: &mut Connection,
    pack: &Pack,
    encoded: &[(String, String)],
    stakeholder_lists: &[String],
) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    let p = &pack.program;
    tx.execute(
        "INSERT INTO programs (slug, name, industry, summary, start_date, end_date, currency, budget) VALUES (?1, ?2, 'other', ?3, ?4, ?5, ?6, ?7)",
        params![p.id, p.name, p.summary, p.start, p.end, p.currency, p.budget],
    )?;
    let id = tx.last_insert_rowid();
    {
        let mut s = tx.prepare("INSERT INTO stakeholders VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'neutral', 'supportive', ?8, ?9, ?10)")?;
        for (i, x) in pack.stakeholders.iter().enumerate() {
            s.execute(params![
                id,
                x.id,
                x.name,
                x.role,
                x.org,
                x.power,
                x.interest,
                x.channel,
                x.cadence_days,
                i as i64
            ])?;
        }
        let mut s = tx.prepare("INSERT INTO goals VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for (i, x) in pack.goals.iter().enumerate() {
            s.execute(params![id, x.id, x.title, x.kpi, i as i64])?;
        }
        let mut s = tx.prepare("INSERT INTO teams VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for (i, x) in pack.teams.iter().enumerate() {
            s.execute(params![id, x.id, x.name, x.lead, i as i64])?;
        }
        let mut s = tx.prepare("INSERT INTO workstreams VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for (i, x) in pack.workstreams.iter().enumerate() {
            s.execute(params![id, x.id, x.name, x.team, i as i64])?;
        }
        let mut s = tx.prepare("INSERT INTO milestones VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, NULL, NULL, NULL, ?8, ?9, ?10, ?11, ?12)")?;
        for (i, (x, (deps, raci))) in pack.milestones.iter().zip(encoded).enumerate() {
            s.execute(params![
                id,
                x.id,
                x.title,
                x.workstream,
                x.goal,
                x.start,
                x.finish,
                x.planned_value,
                x.percent_complete,
                deps,
                raci,
                i as i64
            ])?;
        }
        let mut s = tx.prepare("INSERT INTO risks VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'reduce', ?11, ?12, NULL, NULL, 'open', ?13)")?;
        for (i, x) in pack.risks.iter().enumerate() {
            s.execute(params![
                id,
                x.id,
                x.title,
                x.cause,
                x.event,
                x.effect,
                x.category,
                x.likelihood,
                x.impact,
                x.owner,
                x.actions,
                x.review,
                i as i64
            ])?;
        }
        let mut s = tx.prepare("INSERT INTO communications (program_id, date, stakeholders, channel, summary, decisions, follow_up) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
        for (x, who) in pack.communications.iter().zip(stakeholder_lists) {
            s.execute(params![
                id,
                x.date,
                who,
                x.channel,
                x.summary,
                x.decisions,
                x.follow_up
            ])?;
        }
        let mut k = tx.prepare(
            "INSERT INTO kpis VALUES (?1, ?2, ?3, ?4, 'lower', ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        let mut m = tx.prepare(
            "INSERT INTO measurements (program_id, kpi_key, date, value) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (i, x) in pack.kpis.iter().enumerate() {
            k.execute(params![
                id,
                x.id,
                x.name,
                x.unit,
                x.target,
                x.amber,
                x.red,
                x.frequency,
                x.owner,
                i as i64
            ])?;
            for r in &x.measurements {
                m.execute(params![id, x.id, r.date, r.value])?;
            }
        }
        let mut s = tx.prepare("INSERT INTO costs (program_id, date, amount, description, workstream_key) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for x in &pack.costs {
            s.execute(params![id, x.date, x.amount, x.description, x.workstream])?;
        }
    }
    tx.commit()
}

fn main() {
    let pack = synthetic::pack(Sizes::BENCHMARK);
    let text = pack::to_toml(&pack).expect("toml");
    let dir = tempfile::tempdir().expect("tempdir");
    println!(
        "benchmark pack: {} milestones, {} risks, {} stakeholders, {} communications, {} KPIs × {} measurements ({:.1} MB of TOML)",
        pack.milestones.len(),
        pack.risks.len(),
        pack.stakeholders.len(),
        pack.communications.len(),
        pack.kpis.len(),
        pack.kpis[0].measurements.len(),
        text.len() as f64 / 1e6
    );

    let validate = measure(|| {
        let t = Instant::now();
        black_box(pack::parse("bench.toml", &text, SourceFormat::Toml).expect("valid"));
        t.elapsed()
    });

    let import = measure(|| {
        let path = fresh_db(dir.path(), "import.db");
        let mut store = Store::open(&path).expect("open");
        let t = Instant::now();
        black_box(store.import(&pack).expect("import"));
        t.elapsed()
    });

    let encoded: Vec<(String, String)> = pack
        .milestones
        .iter()
        .map(|m| {
            (
                serde_json::to_string(&m.depends_on).unwrap_or_default(),
                serde_json::to_string(&m.raci).unwrap_or_default(),
            )
        })
        .collect();
    let lists: Vec<String> = pack
        .communications
        .iter()
        .map(|c| serde_json::to_string(&c.stakeholders).unwrap_or_default())
        .collect();
    let floor = measure(|| {
        let path = fresh_db(dir.path(), "floor.db");
        let mut conn = Connection::open(&path).expect("open");
        conn.pragma_update(None, "synchronous", "NORMAL")
            .expect("pragma");
        conn.pragma_update(None, "foreign_keys", true)
            .expect("pragma");
        let t = Instant::now();
        floor_insert(&mut conn, &pack, &encoded, &lists).expect("floor insert");
        t.elapsed()
    });

    println!(
        "validate (parse + every rule), median of {RUNS}: {:>8.1} ms   (goal < 500 ms)",
        ms(validate)
    );
    println!(
        "import (Store::import, one transaction):  {:>8.1} ms   (goal < 2000 ms)",
        ms(import)
    );
    println!(
        "floor (plain prepared inserts, one tx):   {:>8.1} ms",
        ms(floor)
    );
    println!(
        "ratio import / floor:                     {:>8.2}×    (goal ≤ 3×)",
        ms(import) / ms(floor)
    );
    println!(
        "validate + import end to end:             {:>8.1} ms",
        ms(validate + import)
    );
}
