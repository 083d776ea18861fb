//! `xapi send` against a real learning record store: Ralph, run by `script/lrs` on a port of
//! its own. Diligent attempts of every bundled pack go in and are read back; a resend stores
//! nothing twice; a wrong password, a refused statement and an LRS stopped halfway are each
//! reported, and the rest is still stored. Ignored by a plain `cargo test`: `script/test`
//! runs them with the end-to-end suite.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use flightdeck_core::practice::xapi::Options;
use flightdeck_core::{Store, bundled};
use serde_json::{Value, json};

use super::ralph::{PASSWORD, Ralph, USER, basic};
use super::{cli, fails_saying, stderr, stdout};

const NAMESPACE: &str = "https://training.example.org/flightdeck";
const HOME: &str = "https://lms.example.org";

/// A database with every bundled pack and a finished diligent attempt on each, by learners
/// of their own; returns the attempts' keys and the statements each should give.
pub fn diligent_class(db: &Path, learners_per_pack: usize) -> Vec<(String, Vec<Value>)> {
    let mut store = Store::create(db).expect("create");
    let mut out = Vec::new();
    for pack in bundled::packs().expect("packs") {
        let program = store.import(&pack).expect("import");
        for n in 0..learners_per_pack {
            let attempt = store
                .start_attempt(program, &format!("Learner {n} of {}", pack.program.id))
                .expect("start");
            store.play_model_answer(attempt.id).expect("plays");
            let statements = store
                .xapi_statements(attempt.id, &options())
                .expect("statements");
            out.push((attempt.key, statements));
        }
    }
    out
}

fn options() -> Options {
    Options {
        namespace: Some(NAMESPACE.into()),
        home_page: HOME.into(),
        account: None,
    }
}

/// `xapi send` of `attempts` to the store's endpoint, with `password` in its variable.
fn send_command(
    db: &Path,
    endpoint: &str,
    password: &str,
    attempts: &[&str],
    extra: &[&str],
) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_flightdeck-cli"));
    command
        .arg("--db")
        .arg(db)
        .args(["xapi", "send", "--lrs", endpoint, "--user", USER])
        .args(["--password-env", "FLIGHTDECK_TEST_LRS_PASSWORD"])
        .args(["--namespace", NAMESPACE, "--home-page", HOME])
        .args(extra)
        .args(attempts)
        .env("FLIGHTDECK_TEST_LRS_PASSWORD", password);
    command
}

fn send(db: &Path, ralph: &Ralph, attempts: &[&str], extra: &[&str]) -> Output {
    send_command(db, &ralph.endpoint(), PASSWORD, attempts, extra)
        .output()
        .expect("flightdeck-cli runs")
}

/// A store of its own and a database of diligent attempts, `learners` on each bundled pack.
struct Fixture {
    ralph: Ralph,
    _dir: tempfile::TempDir,
    db: PathBuf,
    class: Vec<(String, Vec<Value>)>,
}

impl Fixture {
    fn new(learners: usize) -> Fixture {
        let ralph = Ralph::start();
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("class.db");
        let class = diligent_class(&db, learners);
        Fixture {
            ralph,
            _dir: dir,
            db,
            class,
        }
    }

    fn keys(&self) -> Vec<&str> {
        self.class.iter().map(|(k, _)| k.as_str()).collect()
    }
}

fn says(o: &Output, what: &str) {
    assert!(
        stdout(o).contains(what),
        "stdout should say {what:?}: {}{}",
        stdout(o),
        stderr(o)
    );
}

fn ids(list: &[Value]) -> Vec<&str> {
    list.iter().map(|s| s["id"].as_str().expect("id")).collect()
}

#[test]
#[ignore = "needs a Ralph LRS (script/lrs): script/test runs it"]
fn diligent_attempts_of_every_bundled_pack_are_stored_once_and_read_back_in_order() {
    let fixture = Fixture::new(1);
    let (ralph, db, class, keys) = (&fixture.ralph, &fixture.db, &fixture.class, fixture.keys());
    let dir = tempfile::tempdir().expect("tempdir");
    let expected: Vec<&Value> = class.iter().flat_map(|(_, s)| s).collect();

    let sent = send(db, ralph, &keys, &[]);
    assert!(sent.status.success(), "{}{}", stdout(&sent), stderr(&sent));
    says(
        &sent,
        &format!(
            "{} statements stored, 0 already in the store, 0 not stored",
            expected.len()
        ),
    );

    let stored = ralph.statements();
    assert_eq!(
        ids(&stored),
        expected
            .iter()
            .map(|s| s["id"].as_str().expect("id"))
            .collect::<Vec<_>>(),
        "the same statements, in the order sent"
    );
    for (key, statements) in class {
        let back: Vec<&Value> = stored
            .iter()
            .filter(|s| s["context"]["registration"] == statements[0]["context"]["registration"])
            .collect();
        let verbs = |list: &mut dyn Iterator<Item = &Value>| -> Vec<String> {
            list.map(|s| s["verb"]["id"].as_str().expect("verb").to_string())
                .collect()
        };
        assert_eq!(
            verbs(&mut back.iter().copied()),
            verbs(&mut statements.iter()),
            "{key}: verbs in order"
        );
        assert!(
            back[0]["verb"]["id"]
                .as_str()
                .expect("verb")
                .ends_with("/launched")
        );
        let done = back.last().expect("completed");
        assert!(
            done["verb"]["id"]
                .as_str()
                .expect("verb")
                .ends_with("/completed")
        );
        assert_eq!(
            done["result"]["score"],
            statements.last().expect("completed")["result"]["score"],
            "{key}"
        );
        assert!(
            done["result"]["score"]["scaled"].as_f64().expect("scaled") >= 0.9,
            "{key}: a diligent score"
        );
        assert_eq!(back[0]["actor"]["account"]["homePage"], HOME);
    }

    // sent again, and again from an attempt file: nothing is stored twice
    let again = send(db, ralph, &keys, &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    says(
        &again,
        &format!(
            "0 statements stored, {} already in the store, 0 not stored",
            expected.len()
        ),
    );
    let file = dir.path().join("one.fdattempt");
    assert!(
        cli(
            db,
            &[
                "attempt",
                "export",
                keys[0],
                "--out",
                file.to_str().expect("utf8")
            ]
        )
        .status
        .success()
    );
    let from_file = send(db, ralph, &[file.to_str().expect("utf8")], &[]);
    says(
        &from_file,
        &format!(
            "0 statements stored, {} already in the store",
            class[0].1.len()
        ),
    );
    assert_eq!(ralph.statements().len(), expected.len());

    // the same statements written to a file instead
    let out = dir.path().join("statements.json");
    let exported = cli(
        db,
        &[
            "xapi",
            "export",
            keys[1],
            "--out",
            out.to_str().expect("utf8"),
            "--namespace",
            NAMESPACE,
            "--home-page",
            HOME,
        ],
    );
    assert!(exported.status.success(), "{}", stderr(&exported));
    let written: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("read")).expect("json");
    assert_eq!(&written, &class[1].1);
}

#[test]
#[ignore = "needs a Ralph LRS (script/lrs): script/test runs it"]
fn a_wrong_password_stores_nothing_and_says_so() {
    let fixture = Fixture::new(1);
    let (ralph, db, class) = (&fixture.ralph, &fixture.db, &fixture.class);
    let sent = send_command(
        db,
        &ralph.endpoint(),
        "not-the-password",
        &[&class[0].0],
        &[],
    )
    .output()
    .expect("runs");
    assert!(!sent.status.success());
    says(&sent, "the LRS refused the user and password (401)");
    says(
        &sent,
        &format!(
            "0 statements stored, 0 already in the store, {} not stored",
            class[0].1.len()
        ),
    );
    assert!(ralph.statements().is_empty());

    // and a password variable that is not set is named
    let unset = cli(
        db,
        &[
            "xapi",
            "send",
            &class[0].0,
            "--lrs",
            &ralph.endpoint(),
            "--user",
            USER,
            "--password-env",
            "FLIGHTDECK_NO_SUCH_VAR",
            "--namespace",
            NAMESPACE,
            "--home-page",
            HOME,
        ],
    );
    fails_saying(&unset, "FLIGHTDECK_NO_SUCH_VAR holds no password");
}

#[test]
#[ignore = "needs a Ralph LRS (script/lrs): script/test runs it"]
fn a_statement_the_store_refuses_is_named_and_the_others_are_stored() {
    let fixture = Fixture::new(1);
    let (ralph, db) = (&fixture.ralph, &fixture.db);
    let (key, statements) = &fixture.class[0];

    // another statement already under the id of the attempt's fifth one: a 409 for it alone
    let mut other = statements[4].clone();
    other["result"] = json!({ "response": "made elsewhere" });
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let status = agent
        .post(&format!("{}statements", ralph.endpoint()))
        .header("X-Experience-API-Version", "1.0.3")
        .header("Authorization", &format!("Basic {}", basic()))
        .send_json(json!([other]))
        .expect("POST")
        .status();
    assert_eq!(status.as_u16(), 200);

    let sent = send(db, ralph, &[key], &[]);
    assert!(!sent.status.success(), "one refused is a failure");
    let id = statements[4]["id"].as_str().expect("id");
    says(&sent, &format!("refused: statement {id}"));
    says(&sent, "(409): the store has another statement under its id");
    says(
        &sent,
        &format!(
            "{} statements stored, 0 already in the store, 1 not stored",
            statements.len() - 1
        ),
    );
    assert_eq!(
        ralph.statements().len(),
        statements.len(),
        "the others stored, and the one there before"
    );
}

#[test]
#[ignore = "needs a Ralph LRS (script/lrs): script/test runs it"]
fn an_lrs_stopped_halfway_gets_the_rest_when_the_same_command_is_run_again() {
    let fixture = Fixture::new(2);
    let (ralph, db, class, keys) = (&fixture.ralph, &fixture.db, &fixture.class, fixture.keys());
    let total: usize = class.iter().map(|(_, s)| s.len()).sum();

    let sending = {
        // a statement at a time, so that the stop falls halfway
        let mut command = send_command(
            db,
            &ralph.endpoint(),
            PASSWORD,
            &keys,
            &["--batch", "1", "--retries", "1"],
        );
        std::thread::spawn(move || command.output().expect("runs"))
    };
    let waited = Instant::now();
    while ralph.statements().len() < 10 {
        assert!(
            waited.elapsed() < Duration::from_secs(60),
            "nothing was stored"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    ralph.stop();
    let first = sending.join().expect("the send ends");
    assert!(
        !first.status.success(),
        "stopped halfway is a failure: {}",
        stdout(&first)
    );
    says(&first, "cannot be reached");
    says(&first, "run the same command again to send the rest");
    let stored_first: usize = stdout(&first)
        .lines()
        .find_map(|l| {
            l.split_once(" statements stored")
                .map(|(n, _)| n.parse().expect("a count"))
        })
        .expect("a count of stored statements");
    assert!(
        stored_first >= 10 && stored_first < total,
        "{stored_first} of {total}"
    );

    ralph.restart();
    let rest = send(db, ralph, &keys, &[]);
    assert!(rest.status.success(), "{}{}", stdout(&rest), stderr(&rest));
    // a statement stored as the LRS stopped may have had no answer: it counts as already there
    let counts: Vec<usize> = stdout(&rest)
        .lines()
        .find(|l| l.contains(" statements stored, "))
        .expect("the counts")
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    assert_eq!(counts[0] + counts[1], total, "{counts:?}");
    assert!(
        counts[1] >= stored_first && counts[1] <= stored_first + 1,
        "{counts:?}"
    );
    assert_eq!(counts[2], 0);
    let stored = ralph.statements();
    assert_eq!(stored.len(), total, "each once");
    let mut unique = ids(&stored);
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), total);
}

/// `xapi send` of 500 attempts beside the same statements posted by Python's requests, each
/// to a fresh Ralph, in the same run. Run by `script/bench`.
#[test]
#[ignore = "a benchmark: script/bench runs it"]
fn bench_xapi_send_of_500_attempts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("class.db");
    let made = Instant::now();
    let class = diligent_class(&db, 125);
    let keys: Vec<&str> = class.iter().map(|(k, _)| k.as_str()).collect();
    let statements: Vec<&Value> = class.iter().flat_map(|(_, s)| s).collect();
    println!(
        "{} attempts, {} statements, made in {:.1} s",
        class.len(),
        statements.len(),
        made.elapsed().as_secs_f64()
    );

    let ralph = Ralph::start();
    let sent = send(&db, &ralph, &keys, &[]);
    assert!(sent.status.success(), "{}{}", stdout(&sent), stderr(&sent));
    let timing = stdout(&sent);
    let ours: Vec<f64> = timing
        .lines()
        .find(|l| l.contains("statements a second"))
        .expect("the timing line")
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|n| n.parse().ok())
        .collect();
    assert_eq!(ralph.statements().len(), statements.len());
    drop(ralph);

    let file = dir.path().join("statements.json");
    std::fs::write(&file, serde_json::to_vec(&statements).expect("json")).expect("write");
    let peer_ralph = Ralph::start();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let peer = Command::new(root.join("target/lrs-venv/bin/python"))
        .arg(root.join("script/peer_lrs.py"))
        .args([
            file.to_str().expect("utf8"),
            &peer_ralph.endpoint(),
            USER,
            PASSWORD,
            "50",
        ])
        .output()
        .expect("the peer runs");
    assert!(peer.status.success(), "{}", stderr(&peer));
    let peer: Value = serde_json::from_str(&stdout(&peer)).expect("the peer's figures");
    let peer_seconds = peer["seconds"].as_f64().expect("seconds");
    let peer_rate = statements.len() as f64 / peer_seconds;

    println!(
        "{:<44} {:>12} {:>16} {:>10}",
        "500 attempts to Ralph, batches of 50", "seconds", "statements/s", "slowest ms"
    );
    println!(
        "{:<44} {:>12.1} {:>16.0} {:>10.0}",
        "flightdeck-cli xapi send", ours[0], ours[1], ours[2]
    );
    println!(
        "{:<44} {:>12.1} {:>16.0} {:>10.0}",
        "peer: Python requests, same statements",
        peer_seconds,
        peer_rate,
        peer["slowest_ms"].as_f64().expect("ms")
    );
    println!(
        "ratio of statements/s, ours over the peer's: {:.2}×",
        ours[1] / peer_rate
    );
}
