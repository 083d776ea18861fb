//! Timing shared by the benchmarks: a warm-up run, then the median of several.

use std::time::Duration;

pub const RUNS: usize = 5;

pub fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// Runs `f` once to warm caches and the allocator, then [`RUNS`] times; `f` returns the time
/// of the part it measures.
pub fn measure(mut f: impl FnMut() -> Duration) -> Duration {
    f();
    median((0..RUNS).map(|_| f()).collect())
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
