//! The SQLite store: first start, round trips, refusals that leave data untouched, backups.

use flightdeck_core::{Error, Store, bundled, store};

#[test]
fn first_start_loads_every_bundled_program_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fd.db");
    let mut s = Store::open(&path).expect("open");
    let n = s.load_bundled_if_empty().expect("load");
    assert_eq!(n, bundled::sources().len());
    assert_eq!(
        s.load_bundled_if_empty().expect("second start"),
        0,
        "a second start loads nothing"
    );
    drop(s);
    let s = Store::open(&path).expect("reopen");
    assert_eq!(
        s.programs().expect("list").len(),
        n,
        "programs survive a restart"
    );
}

#[test]
fn a_reader_sees_what_the_writer_committed_goes_on_during_a_write_and_cannot_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fd.db");
    let mut writer = Store::open(&path).expect("open");
    writer.load_bundled_if_empty().expect("load");
    let mut reader = Store::open_reader(&path).expect("a reader");
    let ids =
        |s: &Store| -> Vec<i64> { s.programs().expect("list").iter().map(|p| p.id).collect() };
    let all = ids(&reader);
    assert_eq!(all.len(), bundled::sources().len());

    let gone = all[0];
    let pack = writer.load(gone).expect("load");
    writer.remove_program(gone).expect("remove");
    assert_eq!(
        ids(&reader),
        all[1..],
        "the reader sees the writer's committed change"
    );

    // a write in progress on another connection, never committed: a reader blocked by it would
    // fail after its busy timeout; it reads what was committed instead
    let other = rusqlite::Connection::open(&path).expect("another writer");
    other
        .execute_batch("BEGIN IMMEDIATE; DELETE FROM programs;")
        .expect("a write in progress");
    assert_eq!(ids(&reader), all[1..], "uncommitted writes are not seen");
    other.execute_batch("ROLLBACK").expect("rollback");
    drop(other);

    assert!(reader.import(&pack).is_err(), "a reader cannot write");
    assert_eq!(
        ids(&writer),
        all[1..],
        "nothing was written through the reader"
    );
}

#[test]
fn an_imported_pack_loads_back_unchanged() {
    let mut s = Store::open_in_memory().expect("open");
    for pack in bundled::packs().expect("packs") {
        let id = s.import(&pack).expect("import");
        assert_eq!(s.load(id).expect("load"), pack);
    }
}

#[test]
fn importing_the_same_program_twice_is_a_conflict_and_writes_nothing() {
    let mut s = Store::open_in_memory().expect("open");
    let pack = bundled::packs().expect("packs").remove(0);
    s.import(&pack).expect("first import");
    let err = s.import(&pack).expect_err("second import");
    assert_eq!(
        err.kind(),
        "already_loaded",
        "a kind the app answers with a choice"
    );
    assert_eq!(s.programs().expect("list").len(), 1);
}

#[test]
fn a_program_loaded_already_can_be_replaced_or_kept_beside_the_new_copy() {
    use flightdeck_core::edit::Edit;
    use flightdeck_core::register::Item;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = Store::open(&dir.path().join("db.sqlite")).expect("open");
    let pack = bundled::packs().expect("packs").remove(0);
    let first = s.import(&pack).expect("first import");
    let mut risk = pack.risks[0].clone();
    risk.title = "Retitled before the pack came back".into();
    s.apply(first, &Edit::put(Item::Risks(risk)))
        .expect("an edit to lose");
    let backups =
        |d: &std::path::Path| std::fs::read_dir(d.join("backups")).map_or(0, |e| e.count());
    let before = backups(dir.path());
    assert!(s.import(&pack).is_err());
    assert_eq!(
        backups(dir.path()),
        before,
        "a refused import takes no backup"
    );

    let both = s
        .import_as(&pack, store::OnLoaded::KeepBoth)
        .expect("keep both");
    assert!(
        backups(dir.path()) > before,
        "an import that writes is backed up first (and the count above looked in the right place)"
    );
    let programs = s.programs().expect("list");
    assert_eq!(programs.len(), 2);
    let copy = programs.iter().find(|p| p.id == both).expect("the copy");
    assert_eq!(copy.slug, format!("{}-2", pack.program.id));
    assert_eq!(copy.name, format!("{} (2)", pack.program.name));
    assert_eq!(s.load(both).expect("load").risks.len(), pack.risks.len());

    let replaced = s
        .import_as(&pack, store::OnLoaded::Replace)
        .expect("replace");
    assert_eq!(s.programs().expect("list").len(), 2, "replaced, not added");
    assert!(s.load(first).is_err(), "the old program is gone");
    assert_eq!(
        s.load(replaced).expect("load").risks,
        pack.risks,
        "the pack as shipped, the edit gone with the old program"
    );
    assert!(s.history(replaced).expect("history").is_empty());
}

#[test]
fn a_program_exports_as_a_pack_that_imports_back_equal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = Store::open_in_memory().expect("open");
    let pack = bundled::packs().expect("packs").remove(1);
    let id = s.import(&pack).expect("import");
    for name in ["out.toml", "out.json"] {
        let out = dir.path().join(name);
        s.export_pack(id, &out).expect("export");
        let back = flightdeck_core::pack::read_file(&out).expect("reads back");
        assert_eq!(back, s.load(id).expect("load"), "{name} holds the program");
    }
}

#[test]
fn a_database_from_a_newer_build_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("raw open");
        conn.pragma_update(None, "user_version", store::schema_version() + 1)
            .expect("set version");
    }
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(&path).expect_err("newer database");
    assert!(matches!(err, Error::NewerDatabase { .. }), "{err}");
    assert!(err.to_string().contains("newer Flightdeck"));
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the file is byte for byte the same"
    );
}

#[test]
fn imports_are_backed_up_and_old_backups_pruned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fd.db");
    let mut s = Store::open(&path).expect("open");
    let mut pack = bundled::packs().expect("packs").remove(0);
    for i in 0..(store::MAX_BACKUPS + 3) {
        pack.program.id = format!("copy-{i}");
        s.import(&pack).expect("import");
    }
    let backups = std::fs::read_dir(dir.path().join("backups"))
        .expect("backups dir")
        .count();
    assert_eq!(backups, store::MAX_BACKUPS);
}

/// The schema as SQLite holds it, one normalised statement per table, index or trigger.
fn schema_of(conn: &rusqlite::Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .expect("schema query");
    stmt.query_map([], |r| {
        Ok(format!(
            "{} {}: {}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?
        ))
    })
    .expect("rows")
    .map(|r| {
        r.expect("row")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    })
    .collect()
}

#[test]
fn every_released_schema_upgrades_to_the_fresh_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fresh_path = dir.path().join("fresh.db");
    drop(Store::open(&fresh_path).expect("fresh"));
    let fresh = schema_of(&rusqlite::Connection::open(&fresh_path).expect("open fresh"));

    let frozen = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/core/schemas");
    let mut versions = 0;
    for version in 1..=store::schema_version() {
        let sql = std::fs::read_to_string(frozen.join(format!("v{version}.sql")))
            .unwrap_or_else(|_| panic!("schemas/v{version}.sql: freeze every released schema"));
        let path = dir.path().join(format!("v{version}.db"));
        {
            let conn = rusqlite::Connection::open(&path).expect("open old");
            conn.execute_batch(&sql).expect("the frozen schema builds");
            conn.pragma_update(None, "user_version", version)
                .expect("version");
        }
        drop(Store::open(&path).expect("the old database opens and upgrades"));
        let upgraded = schema_of(&rusqlite::Connection::open(&path).expect("reopen"));
        assert_eq!(
            upgraded, fresh,
            "v{version} upgraded differs from a fresh database"
        );
        versions += 1;
    }
    assert!(versions >= 1);
}

#[test]
fn an_older_database_is_backed_up_before_it_is_migrated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.db");
    {
        // a database of the first release, unmarked then, holding a program of the user's
        let conn = rusqlite::Connection::open(&path).expect("open");
        let v1 =
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/core/schemas/v1.sql");
        conn.execute_batch(&std::fs::read_to_string(v1).expect("v1 schema"))
            .expect("v1");
        conn.execute(
            "INSERT INTO programs (slug, name, industry, summary, start_date, end_date, currency, budget, position)
             VALUES ('mine', 'Mine', 'other', '', '2027-01-04', '2027-03-26', 'USD', 1000, 0)",
            [],
        )
        .expect("seed");
        conn.pragma_update(None, "user_version", 1)
            .expect("version");
    }
    drop(Store::open(&path).expect("migrates"));
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .expect("backups")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(backups.len(), 1, "one backup, taken before the migration");
    let name: String = rusqlite::Connection::open(&backups[0])
        .expect("open backup")
        .query_row("SELECT name FROM programs", [], |r| r.get(0))
        .expect("the backup holds the old data");
    assert_eq!(name, "Mine");
    assert!(
        backups[0].to_string_lossy().contains(".migration."),
        "{backups:?}"
    );
}

#[test]
fn a_version_1_database_with_programs_and_history_upgrades_with_its_references_and_undo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v1.db");
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        let v1 =
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/core/schemas/v1.sql");
        conn.execute_batch(&std::fs::read_to_string(v1).expect("v1.sql"))
            .expect("v1 schema");
        conn.pragma_update(None, "user_version", 1)
            .expect("version");
        // a program as version 1 stored it: a stakeholder owning a risk, one communication,
        // and the history of one edit of the risk
        conn.execute_batch(
            r#"INSERT INTO programs (id, slug, name, industry, summary, start_date, end_date, currency, budget)
                 VALUES (1, 'old', 'Old program', 'other', '', '2027-01-04', '2027-06-30', 'EUR', 1000);
               INSERT INTO stakeholders VALUES (1, 'S1', 'Ana', 'Sponsor', 'Bank', 5, 5, 'neutral', 'supportive', 'email', 14, 0);
               INSERT INTO risks VALUES (1, 'R1', 'Vendor slips', '', '', '', '', 3, 4, 'S1', 'reduce', '', NULL, NULL, NULL, 'open', 0);
               INSERT INTO communications (program_id, date, stakeholders, channel, summary, decisions)
                 VALUES (1, '2027-01-10', '["S1"]', 'call', 'Kick-off', '');
               INSERT INTO actions (program_id, at_real, at_sim, kind, target, section, idx, before, after, undone)
                 VALUES (1, '2027-01-10T00:00:00Z', '2027-01-04', 'put', 'risks/R1', 'risks', 0,
                   '{"id":"R1","title":"Vendor slips","likelihood":2,"impact":4,"response":"reduce","status":"open"}',
                   '{"id":"R1","title":"Vendor slips","likelihood":3,"impact":4,"owner":"S1","response":"reduce","status":"open"}', 0);"#,
        )
        .expect("version 1 data");
    }
    let mut s = Store::open(&path).expect("upgrades");
    let err = s
        .apply(
            1,
            &flightdeck_core::edit::Edit::Remove {
                register: flightdeck_core::register::RegisterName::Stakeholders,
                key: "S1".into(),
            },
        )
        .expect_err("S1 is referred to");
    let text = err.to_string();
    assert!(
        text.contains("risk R1 (owner)") && text.contains("communication 1 (stakeholders[0])"),
        "the references index was filled from version 1's rows: {text}"
    );
    s.undo(1).expect("version 1's edit can still be undone");
    let risk = &s.load(1).expect("load").risks[0];
    assert_eq!((risk.likelihood, risk.owner.as_deref()), (2, None));
}

/// The store reads only what the status needs (the last two readings of each KPI, the last
/// contact with each stakeholder): the status must be the one worked out from the whole
/// program, on every bundled program and on one whose logs run past its status date, with two
/// readings of a KPI on the status date itself.
#[test]
fn the_status_read_in_part_is_the_status_of_the_whole_program() {
    use chrono::Duration;
    use flightdeck_core::model::{Communication, Measurement};
    use flightdeck_core::status::program_status;
    use flightdeck_core::synthetic::{self, Sizes};

    let mut pack = synthetic::pack(Sizes {
        milestones: 60,
        risks: 20,
        stakeholders: 30,
        communications: 200,
        kpis: 6,
        points: 40,
    });
    let today = pack.program.as_of();
    let reading = |days: i64, value: f64| Measurement {
        date: today + Duration::days(days),
        value,
    };
    // two readings today, the later entry the latest, and one after today that is not known yet
    pack.kpis[0]
        .measurements
        .extend([reading(0, 1.0), reading(0, 999.0), reading(3, -5.0)]);
    // nothing read yet
    pack.kpis[1].measurements = vec![reading(1, 4.0), reading(2, 5.0)];
    // a single reading
    pack.kpis[2].measurements = vec![reading(-10, 7.0)];
    // met a month ago and again after today: overdue today, as the later call is not known yet
    let mut weekly = pack.stakeholders[0].clone();
    weekly.id = "S-WEEKLY".into();
    weekly.cadence_days = 7;
    pack.stakeholders.push(weekly);
    let met = |days: i64, who: &[usize]| Communication {
        date: today + Duration::days(days),
        stakeholders: who
            .iter()
            .map(|&i| pack.stakeholders[i].id.clone())
            .collect(),
        channel: "call".into(),
        summary: "Checked in".into(),
        decisions: String::new(),
        follow_up: None,
    };
    let weekly = pack.stakeholders.len() - 1;
    let (month_ago, later, today_with_two) =
        (met(-30, &[weekly]), met(5, &[weekly]), met(0, &[1, 2]));
    pack.communications
        .extend([month_ago, later, today_with_two]);

    let mut s = Store::open_in_memory().expect("open");
    let mut programs = vec![s.import(&pack).expect("import")];
    for bundled in bundled::packs().expect("packs") {
        programs.push(s.import(&bundled).expect("import"));
    }
    for &id in &programs {
        let whole = s.load(id).expect("load");
        let expected = program_status(&whole, whole.program.as_of());
        assert_eq!(s.status(id).expect("status"), expected, "program {id}");
    }
    let status = s.status(programs[0]).expect("status");
    assert_eq!(
        status.kpis[0].latest,
        Some(999.0),
        "the later entry of the day"
    );
    assert_eq!(status.kpis[1].latest, None, "no reading known yet");
    let overdue = status.overdue.iter().find(|o| o.stakeholder == "S-WEEKLY");
    assert_eq!(
        overdue.map(|o| o.days_overdue),
        Some(23),
        "due a week after the call a month ago"
    );
}
