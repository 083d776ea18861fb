//! A fuzzing harness on stable Rust: mutates the sample packs (as TOML and as JSON), an attempt
//! file and edits, and random bytes, and feeds them to the pack reader, the attempt reader and
//! the edit decoder for a bounded time. Every input must give a value or an error, never a
//! panic. A panicking input is saved under `target/fuzz-failures/` and the run exits non-zero.
//!
//! `cargo run --release -p flightdeck-core --example fuzz -- --seconds 60 [--seed N]`
//! (`script/fuzz`; `script/test` runs it for a few seconds).

// A harness may panic on a broken fixture: that is its failure report.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use flightdeck_core::pack::{self, SourceFormat};
use flightdeck_core::{Store, bundled};

/// xorshift64*: the same run for the same seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Tokens that reach the readers' corners: quoting, nesting, numbers at their limits, dates
/// that do not exist, control characters, long text.
const TOKENS: &[&str] = &[
    "\"",
    "'",
    "[",
    "]",
    "]]",
    "[[",
    "{",
    "}",
    "=",
    ",",
    "\n",
    ".",
    "\\u0000",
    "\\",
    "#",
    "-1",
    "0",
    "1e400",
    "-9223372036854775809",
    "18446744073709551616",
    "nan",
    "inf",
    "true",
    "null",
    "2027-02-30",
    "2027-13-01",
    "0000-00-00",
    "1979-05-27T07:32:00Z",
    "\u{202e}",
    "\u{0}",
    "\u{1f680}",
    "ÿ",
    "\"\"\"",
    "'''",
    "effects",
    "kpi",
    "milestone",
    "shift_days",
    "format",
    "flightdeck-pack/1",
    "id",
    "depends_on",
    "likelihood",
];

fn mutate(rng: &mut Rng, base: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(7) {
            0 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 => bytes.insert(at, rng.next() as u8),
            2 => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(256)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, copy);
            }
            4 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            5 => {
                let other = &corpus[rng.below(corpus.len())];
                let from = rng.below(other.len());
                let end = (from + rng.below(512)).min(other.len());
                bytes.splice(at..at, other[from..end].iter().copied());
            }
            _ => {
                let long = "x".repeat(rng.below(30_000));
                bytes.splice(at..at, long.bytes());
            }
        }
    }
    bytes
}

/// A structural change to a JSON document: a node somewhere in it replaced, removed or given
/// a stray key, so that inputs reach past the JSON parser into the readers' own checks.
fn mutate_json(rng: &mut Rng, value: &mut serde_json::Value) {
    use serde_json::{Value, json};
    // choose a random node, as a JSON pointer, then change it
    let mut pointer = String::new();
    let mut at: &Value = value;
    while rng.below(3) != 0 {
        let step = match at {
            Value::Object(map) if !map.is_empty() => {
                let (key, child) = map.iter().nth(rng.below(map.len())).expect("in range");
                Some((key.replace('~', "~0").replace('/', "~1"), child))
            }
            Value::Array(items) if !items.is_empty() => {
                let i = rng.below(items.len());
                Some((i.to_string(), &items[i]))
            }
            _ => None,
        };
        let Some((segment, child)) = step else { break };
        pointer.push('/');
        pointer.push_str(&segment);
        at = child;
    }
    let Some(node) = value.pointer_mut(&pointer) else {
        return;
    };
    let replacements = [
        Value::Null,
        json!(true),
        json!(-1),
        json!(1e308),
        json!(u64::MAX),
        json!(0.5),
        json!(""),
        json!("2027-02-30"),
        json!("x".repeat(25_000)),
        json!([]),
        json!({}),
        json!({"op": "remove"}),
        json!(["M1", "M1"]),
    ];
    match (rng.below(3), &mut *node) {
        (0, Value::Object(map)) if !map.is_empty() => {
            let key = map
                .keys()
                .nth(rng.below(map.len()))
                .cloned()
                .unwrap_or_default();
            map.remove(&key);
        }
        (1, Value::Object(map)) => {
            map.insert(
                "stray".into(),
                replacements[rng.below(replacements.len())].clone(),
            );
        }
        _ => *node = replacements[rng.below(replacements.len())].clone(),
    }
}

/// A reader under test, named, given the input as text.
type Target = (&'static str, fn(&str));

/// The readers under test.
const TARGETS: [Target; 4] = [
    ("pack-toml", |t| {
        let _ = pack::parse("fuzz.toml", t, SourceFormat::Toml);
    }),
    ("pack-json", |t| {
        let _ = pack::parse("fuzz.json", t, SourceFormat::Json);
    }),
    ("attempt", |t| {
        let _ = flightdeck_core::practice::file::parse_attempt(t);
    }),
    ("edit", |t| {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(t) {
            let _ = flightdeck_core::edit::parse_edit(&value);
        }
    }),
];

/// The seeds: every sample as TOML and JSON, an attempt file, and edits.
fn corpus() -> Vec<Vec<Vec<u8>>> {
    let packs = bundled::packs().expect("the samples");
    let toml: Vec<Vec<u8>> = bundled::sources()
        .into_iter()
        .map(|(_, text)| text.as_bytes().to_vec())
        .collect();
    let json: Vec<Vec<u8>> = packs
        .iter()
        .map(|p| pack::to_json(p).expect("json").into_bytes())
        .collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("fuzz.db")).expect("store");
    let program = store.import(&packs[0]).expect("import");
    let attempt = store.start_attempt(program, "Fuzz").expect("attempt").id;
    store.advance(attempt, 7).expect("advance");
    let file = dir.path().join("attempt.json");
    store.export_attempt(attempt, &file).expect("export");
    let attempt = vec![std::fs::read(&file).expect("read")];
    let edits = vec![
        br#"{"op":"put","register":"risks","item":{"id":"R99","title":"New","likelihood":2,"impact":3,"response":"accept","status":"open"}}"#.to_vec(),
        br#"{"op":"remove","register":"milestones","key":"M4"}"#.to_vec(),
        br#"{"op":"put","register":"milestones","item":{"id":"M1","title":"T","workstream":"infra","start":"2027-01-04","finish":"2027-01-08","depends_on":["M2"],"raci":{"accountable":"x","responsible":["t"]}}}"#.to_vec(),
    ];
    vec![toml, json, attempt, edits]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<u64>().ok())
    };
    let seconds = arg("--seconds").unwrap_or(10);
    let seed = arg("--seed").unwrap_or(0x5eed_f00d);
    let corpus = corpus();
    let everything: Vec<Vec<u8>> = corpus.iter().flatten().cloned().collect();
    let failures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-failures");

    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed | 1);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut runs, mut panics) = (0u64, 0u64);
    while Instant::now() < deadline {
        let target = rng.below(TARGETS.len());
        let (name, read) = TARGETS[target];
        let seeds = &corpus[target];
        let base = &seeds[rng.below(seeds.len())];
        let json = serde_json::from_slice::<serde_json::Value>(base).ok();
        let input = if rng.below(20) == 0 {
            (0..rng.below(4096)).map(|_| rng.next() as u8).collect()
        } else if let Some(mut value) = json.filter(|_| rng.below(2) == 0) {
            for _ in 0..=rng.below(3) {
                mutate_json(&mut rng, &mut value);
            }
            serde_json::to_vec(&value).expect("a value writes")
        } else {
            mutate(&mut rng, base, &everything)
        };
        let text = String::from_utf8_lossy(&input);
        runs += 1;
        if catch_unwind(AssertUnwindSafe(|| read(&text))).is_err() {
            panics += 1;
            std::fs::create_dir_all(&failures).expect("failures folder");
            let file = failures.join(format!("{name}-{seed:x}-{runs}.txt"));
            std::fs::write(&file, text.as_bytes()).expect("save the input");
            eprintln!("PANIC in {name}: input saved to {}", file.display());
        }
    }
    let _ = std::panic::take_hook();
    println!("fuzz: {runs} inputs in {seconds} s (seed {seed:#x}), {panics} panics");
    if panics > 0 {
        std::process::exit(1);
    }
}
