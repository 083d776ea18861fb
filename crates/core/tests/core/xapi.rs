//! Attempts as xAPI statements: one per step in the order it happened, with ids that do not
//! change when the attempt is made into statements again, from the database or from its file.

use std::collections::HashSet;

use flightdeck_core::pack::SourceFormat;
use flightdeck_core::practice::file::{AttemptFile, parse_attempt};
use flightdeck_core::practice::xapi::{LrsSettings, Options, PROFILE};
use flightdeck_core::{Store, bundled};
use serde_json::Value;

use crate::practice::{attempt_on, play_diligently};

fn options() -> Options {
    Options {
        namespace: Some("https://training.example.org/flightdeck/".into()),
        home_page: "https://lms.example.org".into(),
        account: None,
    }
}

fn verb(statement: &Value) -> &str {
    let id = statement["verb"]["id"].as_str().expect("a verb id");
    id.rsplit('/').next().expect("a last segment")
}

fn extension<'a>(value: &'a Value, name: &str) -> &'a Value {
    &value["extensions"][format!("{PROFILE}/extensions/{name}")]
}

#[test]
fn a_diligent_attempt_is_told_step_by_step_in_the_order_it_happened_on_every_bundled_scenario() {
    for pack in bundled::packs().expect("packs") {
        let name = &pack.program.id;
        let (s, id) = play_diligently(&pack);
        let record = s.practice_record(id).expect("record");
        let scored = s.debrief(id).expect("debrief").scored;
        let statements = s.xapi_statements(id, &options()).expect("statements");

        assert_eq!(
            statements.len(),
            2 + record.fired.len() + record.actions.len() + record.reports.len(),
            "{name}"
        );
        assert_eq!(verb(&statements[0]), "launched", "{name}");
        assert_eq!(verb(statements.last().expect("one")), "completed", "{name}");
        let count = |v: &str| statements.iter().filter(|s| verb(s) == v).count();
        assert_eq!(count("experienced"), record.fired.len(), "{name}");
        assert_eq!(count("interacted"), record.actions.len(), "{name}");
        assert_eq!(count("reported"), record.reports.len(), "{name}");
        assert!(
            record.actions.len() > 3 && !record.reports.is_empty(),
            "{name}"
        );

        // in the order they happened: by real time, then simulated date
        let times: Vec<(&str, &str)> = statements
            .iter()
            .map(|s| {
                let at = s["timestamp"].as_str().expect("a timestamp");
                assert!(at.ends_with('Z') && at.len() == 24, "{name}: {at}");
                let day = extension(&s["context"], "simulated-date")
                    .as_str()
                    .expect("a day");
                (at, day)
            })
            .collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]), "{name}: {times:?}");

        // every id a UUID, none twice, one registration, one learner
        let ids: HashSet<&str> = statements
            .iter()
            .map(|s| s["id"].as_str().expect("id"))
            .collect();
        assert_eq!(ids.len(), statements.len(), "{name}");
        assert!(ids.iter().all(|id| uuid::Uuid::parse_str(id).is_ok()));
        let registration = &statements[0]["context"]["registration"];
        assert!(
            statements
                .iter()
                .all(|s| &s["context"]["registration"] == registration)
        );
        for s in &statements {
            assert_eq!(s["version"], "1.0.3");
            assert_eq!(s["actor"]["name"], "Ana Ruiz");
            assert_eq!(s["actor"]["account"]["homePage"], "https://lms.example.org");
            assert_eq!(s["actor"]["account"]["name"], "Ana Ruiz");
            assert!(
                s["actor"].get("mbox").is_none(),
                "never an invented e-mail address"
            );
            let object = s["object"]["id"].as_str().expect("an object id");
            assert!(
                object.starts_with(&format!("https://training.example.org/flightdeck/{name}")),
                "{object}"
            );
        }

        // an action names its register, key and kind
        let first = &record.actions[0];
        let told = statements
            .iter()
            .find(|s| verb(s) == "interacted")
            .expect("an action");
        let change = &first.changes[0];
        assert_eq!(
            extension(&told["result"], "register"),
            &change.register.to_string()
        );
        assert_eq!(
            extension(&told["result"], "key"),
            change.key().expect("a key")
        );
        assert_eq!(
            extension(&told["result"], "kind"),
            &serde_json::to_value(first.kind).expect("kind")
        );

        // the score: the total scaled, each responsibility in an extension
        let done = statements.last().expect("completed");
        let total = done["result"]["score"]["scaled"].as_f64().expect("scaled");
        assert!(
            (total - scored.total.percent / 100.0).abs() < 1e-4,
            "{name}: {total}"
        );
        assert_eq!(done["result"]["score"]["raw"], scored.total.met);
        assert_eq!(done["result"]["score"]["max"], scored.total.possible);
        for r in &scored.responsibilities {
            let key = serde_json::to_value(r.responsibility).expect("name");
            let part = extension(
                &done["result"],
                &format!("score/{}", key.as_str().expect("text")),
            );
            assert_eq!(part["met"], r.score.met, "{name}");
            assert_eq!(part["possible"], r.score.possible, "{name}");
        }

        // the same statements again, and from the exported file, id for id
        assert_eq!(
            s.xapi_statements(id, &options()).expect("again"),
            statements
        );
        let text = serde_json::to_string_pretty(&s.attempt_file(id).expect("file")).expect("json");
        let file = parse_attempt(&text).expect("the file as exported reads");
        let from_file = s
            .xapi_file_statements(&file, &options())
            .expect("from the file");
        assert_eq!(from_file, statements, "{name}: the file tells the same");
    }
}

#[test]
fn an_attempt_still_played_or_a_namespace_that_is_not_an_address_is_refused() {
    let pack = bundled::packs().expect("packs").remove(0);
    let (s, _, id) = attempt_on(&pack);
    let e = s.xapi_statements(id, &options()).expect_err("still played");
    assert!(e.to_string().contains("still being played"), "{e}");

    let (s, id) = play_diligently(&pack);
    for bad in [
        "flightdeck",
        "urn:flightdeck",
        "https://",
        "https:// spaced.org",
    ] {
        let e = s
            .xapi_statements(
                id,
                &Options {
                    namespace: Some(bad.into()),
                    ..options()
                },
            )
            .expect_err(bad);
        assert!(
            e.to_string().contains("not an absolute http(s) address"),
            "{e}"
        );
    }
}

#[test]
fn a_version_1_attempt_file_without_real_times_still_makes_statements() {
    let pack = bundled::packs().expect("packs").remove(0);
    let (s, id) = play_diligently(&pack);
    let mut record = s.attempt_file(id).expect("file").record;
    assert!(
        record
            .real_times
            .as_ref()
            .is_some_and(|t| !t.actions.is_empty())
    );
    record.format = "flightdeck-attempt/1".into();
    record.real_times = None;
    let text = serde_json::to_string(&AttemptFile::sealed(record).expect("sealed")).expect("json");
    let old = parse_attempt(&text).expect("a version 1 file reads");

    let statements = s
        .xapi_file_statements(&old, &options())
        .expect("statements");
    let now = s.xapi_statements(id, &options()).expect("statements");
    assert_eq!(statements.len(), now.len());
    let ids = |list: &[Value]| list.iter().map(|s| s["id"].clone()).collect::<HashSet<_>>();
    assert_eq!(
        ids(&statements),
        ids(&now),
        "the same ids: a resend stores nothing twice"
    );
    // its steps are dated with the attempt's start, its reports with its finish
    assert_eq!(statements[1]["timestamp"], statements[0]["timestamp"]);
}

#[test]
fn two_learners_on_one_pack_get_their_own_statements() {
    let pack = bundled::packs().expect("packs").remove(0);
    let mut store = Store::open_in_memory().expect("open");
    let program = store.import(&pack).expect("import");
    let mut ids = HashSet::new();
    for learner in ["Ana Ruiz", "Ben Okafor"] {
        let id = store.start_attempt(program, learner).expect("start").id;
        store.play_model_answer(id).expect("plays");
        for s in store.xapi_statements(id, &options()).expect("statements") {
            assert!(ids.insert(s["id"].as_str().expect("id").to_string()), "{s}");
        }
    }
}

#[test]
fn the_packs_namespace_serves_when_the_trainer_gives_none_and_a_bad_one_is_placed() {
    let mut pack = bundled::packs().expect("packs").remove(0);
    let (s, id) = play_diligently(&pack);
    let none = Options {
        namespace: None,
        ..options()
    };
    let e = s
        .xapi_statements(id, &none)
        .expect_err("no namespace at all");
    assert!(e.to_string().contains("no xAPI namespace for"), "{e}");
    assert!(e.to_string().contains("xapi_namespace"), "{e}");

    let scenario = pack.scenario.as_mut().expect("a scenario");
    scenario.xapi_namespace = Some("https://academy.example.com/tpm".into());
    let (s, id) = play_diligently(&pack);
    let told = s.xapi_statements(id, &none).expect("the pack's namespace");
    let object = told[0]["object"]["id"].as_str().expect("an id");
    assert_eq!(
        object,
        format!("https://academy.example.com/tpm/{}", pack.program.id)
    );
    // the trainer's own wins over the pack's
    let ours = s
        .xapi_statements(id, &options())
        .expect("the trainer's namespace");
    assert!(
        ours[0]["object"]["id"]
            .as_str()
            .expect("id")
            .starts_with("https://training.example.org/")
    );
    // and it is kept through the database, as the pack exported again
    let program = s.find_program(&pack.program.id).expect("the program");
    let again = s.load(program).expect("load");
    assert_eq!(
        again.scenario.expect("scenario").xapi_namespace.as_deref(),
        Some("https://academy.example.com/tpm")
    );

    let mut bad = pack.clone();
    bad.scenario.as_mut().expect("scenario").xapi_namespace = Some("academy.example.com".into());
    let text = flightdeck_core::pack::to_toml(&bad).expect("toml");
    let problems = flightdeck_core::pack::parse("bad.toml", &text, SourceFormat::Toml)
        .expect_err("a namespace that is not an address");
    let problem = problems
        .iter()
        .find(|p| p.path == "scenario.xapi_namespace")
        .expect("placed");
    assert!(
        problem.line > 0 && problem.message.contains("not an absolute http(s) address"),
        "{problem:?}"
    );
}

#[test]
fn the_trainers_lrs_settings_are_kept_and_a_wrong_field_is_named_without_saving_anything() {
    let mut s = Store::open_in_memory().expect("open");
    assert_eq!(s.lrs_settings().expect("none yet"), None);
    let good = LrsSettings {
        endpoint: "https://lrs.example.org/xAPI/".into(),
        user: "trainer".into(),
        namespace: String::new(),
        home_page: "https://lms.example.org".into(),
    };
    s.save_lrs_settings(&good).expect("saved");
    assert_eq!(s.lrs_settings().expect("read"), Some(good.clone()));
    assert_eq!(good.options().namespace, None, "empty: each pack's own");

    let wrong = LrsSettings {
        endpoint: "lrs.example.org".into(),
        user: " ".into(),
        namespace: "not an address".into(),
        home_page: "https://".into(),
    };
    let problems = match s.save_lrs_settings(&wrong) {
        Err(flightdeck_core::Error::Invalid(problems)) => problems,
        other => panic!("expected problems, got {other:?}"),
    };
    let fields: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(fields, ["endpoint", "user", "namespace", "home_page"]);
    assert_eq!(
        s.lrs_settings().expect("read"),
        Some(good),
        "the saved settings are kept"
    );
}

#[test]
fn a_trainer_who_imports_the_attempt_file_tells_the_store_the_same_statements() {
    let pack = bundled::packs().expect("packs").remove(0);
    let (learner, id) = play_diligently(&pack);
    let theirs = learner.xapi_statements(id, &options()).expect("statements");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ana.fdattempt");
    learner.export_attempt(id, &path).expect("export");

    // a second later, elsewhere: the replay's own times would differ
    std::thread::sleep(std::time::Duration::from_millis(20));
    let mut trainer = Store::open_in_memory().expect("open");
    trainer.import(&pack).expect("the pack");
    let imported = trainer.import_attempt(&path).expect("import");
    let ours = trainer
        .xapi_statements(imported, &options())
        .expect("statements");
    assert_eq!(
        ours, theirs,
        "the same ids, times and scores: sent by both, stored once"
    );
}
