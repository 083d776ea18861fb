//! Charts and CSV, each beside a peer measured in the same run:
//! - a KPI trend of 100,000 points as a 1600×900 PNG, against matplotlib drawing the same data
//!   to a PNG of the same size (`script/peer_matplotlib.py`, run when python3 has matplotlib),
//!   beside our own drawing of every point and our time for 1,000,000 points;
//! - the Gantt of 5,000 milestones as SVG and as PNG;
//! - the CSV of 100,000 measurements, against the `sqlite3` shell's `.mode csv` export of the
//!   same rows from the same database.
//!
//! Prints medians and ratios. `cargo bench --bench exports` (script/bench sets up the peers).

// Tests and benchmarks may panic on a broken fixture: that is their failure report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use flightdeck_core::chart::{self, GanttInput, KpiTrendInput, Size};
use flightdeck_core::model::Kpi;
use flightdeck_core::synthetic::{self, Sizes};
use flightdeck_core::{Store, export, files};

#[path = "support/timing.rs"]
mod timing;

use timing::{RUNS, measure, median, ms};

/// Runs matplotlib on the same points; its own median in ms, or why it could not run.
fn matplotlib(kpi: &Kpi, dir: &Path) -> Result<f64, String> {
    let data = dir.join("kpi.csv");
    let text: String = kpi
        .measurements
        .iter()
        .map(|m| format!("{},{}\n", m.date, m.value))
        .collect();
    std::fs::write(&data, text).map_err(|e| e.to_string())?;
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../script/peer_matplotlib.py");
    let python = std::env::var("BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = Command::new(python)
        .arg(script)
        .arg(&data)
        .arg(dir.join("matplotlib.png"))
        .arg(RUNS.to_string())
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr)
            .lines()
            .last()
            .unwrap_or("failed")
            .to_string());
    }
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|e| format!("{e}"))
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");

    let kpi = synthetic::long_kpi(100_000);
    let trend = KpiTrendInput::new("Benchmark", &kpi, NaiveDate::MAX);
    let size = Size::new(1600, 900).expect("size");
    let ours = measure(|| {
        let t = Instant::now();
        black_box(chart::png(&chart::kpi_trend(&trend), size).expect("png"));
        t.elapsed()
    });
    let million = synthetic::long_kpi(1_000_000);
    let million = KpiTrendInput::new("Benchmark", &million, NaiveDate::MAX);
    let ours_million = measure(|| {
        let t = Instant::now();
        black_box(chart::png(&chart::kpi_trend(&million), size).expect("png"));
        t.elapsed()
    });
    let mut every = trend.clone();
    every.every_point = true;
    let undecimated = measure(|| {
        let t = Instant::now();
        black_box(chart::png(&chart::kpi_trend(&every), size).expect("png"));
        t.elapsed()
    });
    println!("KPI trend, 100,000 points, 1600×900 PNG, median of {RUNS}:");
    println!(
        "  flightdeck (plotters, M4 per pixel column): {:>8.1} ms",
        ms(ours)
    );
    println!(
        "  flightdeck drawing every point (same PNG):  {:>8.1} ms",
        ms(undecimated)
    );
    println!(
        "  flightdeck, 1,000,000 points:               {:>8.1} ms",
        ms(ours_million)
    );
    match matplotlib(&kpi, dir.path()) {
        Ok(peer) => {
            println!("  matplotlib (Agg), 100,000 points:           {peer:>8.1} ms");
            println!(
                "  matplotlib / flightdeck: {:>7.2}×   (goal ≥ 20×)",
                peer / ms(ours)
            );
        }
        Err(why) => println!("  matplotlib: not measured ({why}); script/bench installs it"),
    }

    let pack = synthetic::pack(Sizes {
        milestones: 5_000,
        risks: 10,
        stakeholders: 50,
        communications: 10,
        kpis: 1,
        points: 10,
    });
    let big = Size::new(2400, 4000).expect("size");
    // from the program, so the critical path's analysis is timed with the drawing
    let svg = measure(|| {
        let t = Instant::now();
        black_box(chart::svg(&chart::gantt(&GanttInput::from_pack(&pack)), big).expect("svg"));
        t.elapsed()
    });
    let png = measure(|| {
        let t = Instant::now();
        black_box(chart::png(&chart::gantt(&GanttInput::from_pack(&pack)), big).expect("png"));
        t.elapsed()
    });
    let svg_bytes = chart::svg(&chart::gantt(&GanttInput::from_pack(&pack)), big)
        .expect("svg")
        .len();
    println!("Gantt of 5,000 milestones at 2400×4000 (critical path included), median of {RUNS}:");
    println!(
        "  SVG: {:>8.1} ms ({:.1} MB)   PNG: {:>8.1} ms   (goal < 500 ms each)",
        ms(svg),
        svg_bytes as f64 / 1e6,
        ms(png)
    );

    let db = dir.path().join("csv.db");
    let mut store = Store::open(&db).expect("open");
    let id = store
        .import(&synthetic::pack(Sizes {
            milestones: 10,
            risks: 1,
            stakeholders: 5,
            communications: 1,
            kpis: 200,
            points: 500,
        }))
        .expect("import");
    drop(store);
    let out = dir.path().join("ours.csv");
    let ours = measure(|| {
        let t = Instant::now();
        let store = Store::open(&db).expect("open");
        let pack = store.load(id).expect("load");
        let bytes =
            export::csv(&export::table(&pack, "measurements").expect("table"), false).expect("csv");
        files::write_atomically(&out, &bytes).expect("write");
        t.elapsed()
    });
    let peer_out = dir.path().join("sqlite3.csv");
    let sql = "SELECT kpi_key AS kpi, date, value FROM measurements ORDER BY kpi_key, date, id;";
    let sqlite3 = |()| -> Result<Duration, String> {
        let t = Instant::now();
        let status = Command::new("sqlite3")
            .arg(&db)
            .args([
                ".headers on",
                ".mode csv",
                &format!(".output {}", peer_out.display()),
                sql,
            ])
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("sqlite3 exited with {status}"));
        }
        Ok(t.elapsed())
    };
    println!("CSV of 100,000 measurements, open to file written, median of {RUNS}:");
    println!("  flightdeck:            {:>8.1} ms", ms(ours));
    match sqlite3(()) {
        Ok(_) => {
            let peer = median(
                (0..RUNS)
                    .map(|_| sqlite3(()).unwrap_or(Duration::MAX))
                    .collect(),
            );
            let rows = std::fs::read_to_string(&peer_out)
                .map(|t| t.lines().count() - 1)
                .unwrap_or(0);
            println!(
                "  sqlite3 .mode csv:     {:>8.1} ms ({rows} rows)",
                ms(peer)
            );
            println!(
                "  sqlite3 / flightdeck:  {:>8.2}×   (goal ≥ 1×, no slower than sqlite3)",
                ms(peer) / ms(ours)
            );
        }
        Err(why) => println!("  sqlite3: not measured ({why}); script/bootstrap installs it"),
    }
}
