//! Grading a class: 500 attempt files of the bundled Atlas scenario, each the model answer
//! (every rubric item answered, so every action replays), graded by replaying each record
//! against the pack. Beside it, the floor in the same run: reading and checking the same
//! files (JSON and content hash) without replaying them. `cargo bench --bench grade`.

// Tests and benchmarks may panic on a broken fixture: that is their failure report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;
use std::time::Instant;

use flightdeck_core::practice::file::{AttemptFile, grade, read_attempt};
use flightdeck_core::{Store, bundled};

#[path = "support/timing.rs"]
mod timing;

use timing::{measure, ms};

const ATTEMPTS: usize = 500;

fn main() {
    let pack = bundled::packs().expect("packs").remove(0);
    let mut store = Store::open_in_memory().expect("store");
    let program = store.import(&pack).expect("import");
    let id = store.start_attempt(program, "Model").expect("start").id;
    store.play_model_answer(id).expect("the model answer");
    let model = store.attempt_file(id).expect("file").record;

    let dir = tempfile::tempdir().expect("tempdir");
    let files: Vec<_> = (0..ATTEMPTS)
        .map(|n| {
            let mut record = model.clone();
            record.learner = format!("Learner {n:03}");
            let path = dir.path().join(format!("learner-{n:03}.fdattempt"));
            let file = AttemptFile::sealed(record).expect("seal");
            std::fs::write(&path, serde_json::to_vec_pretty(&file).expect("json")).expect("write");
            path
        })
        .collect();

    let mut graded = Vec::new();
    let replayed = measure(|| {
        let t = Instant::now();
        graded = black_box(grade(&pack, &files).expect("grade"));
        t.elapsed()
    });
    let floor = measure(|| {
        let t = Instant::now();
        for f in &files {
            black_box(read_attempt(f).expect("read"));
        }
        t.elapsed()
    });
    assert!(
        graded.iter().all(|g| g.problem.is_none()),
        "every file grades"
    );
    let total = graded[0].scored.as_ref().expect("scored").total;
    println!(
        "grade {ATTEMPTS} attempts of {} ({} actions each, scored {:.0}%): {:>7.1} ms   read and check them only: {:>6.1} ms ({:.1}×)   goal < 2000 ms",
        pack.program.id,
        model.actions.len(),
        total.percent,
        ms(replayed),
        ms(floor),
        ms(replayed) / ms(floor)
    );
}
