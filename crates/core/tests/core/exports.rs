//! CSV exports: what is read back equals what the database holds, and formula-like text is
//! neutralised while numbers and dates stay machine-readable.

use flightdeck_core::export;
use flightdeck_core::{Store, bundled};

fn read_back(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("record").iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn stored_sample() -> flightdeck_core::model::Pack {
    let mut s = Store::open_in_memory().expect("open");
    let id = s
        .import(&bundled::packs().expect("packs").remove(0))
        .expect("import");
    s.load(id).expect("load from the database")
}

#[test]
fn every_register_exports_with_a_header_and_one_row_per_item() {
    let pack = stored_sample();
    for what in export::tables() {
        let table = export::table(&pack, what).expect(what);
        let (header, rows) = read_back(&export::csv(&table, false).expect("csv"));
        assert_eq!(header, table.header, "{what}");
        assert_eq!(rows.len(), table.rows.len(), "{what}");
        assert!(
            rows.iter().all(|r| r.len() == header.len()),
            "{what}: every row is complete"
        );
    }
    assert_eq!(
        export::table(&pack, "risks").expect("risks").rows.len(),
        pack.risks.len()
    );
    let measurements: usize = pack.kpis.iter().map(|k| k.measurements.len()).sum();
    assert_eq!(
        export::table(&pack, "measurements").expect("m").rows.len(),
        measurements
    );
}

#[test]
fn risks_read_back_equal_the_database_rows() {
    let pack = stored_sample();
    let (_, rows) = read_back(
        &export::csv(&export::table(&pack, "risks").expect("risks"), false).expect("csv"),
    );
    for (row, risk) in rows.iter().zip(&pack.risks) {
        assert_eq!(row[0], risk.id);
        assert_eq!(row[1], export::neutralise(&risk.title));
        assert_eq!(
            row[6].parse::<u8>().expect("likelihood is a number"),
            risk.likelihood
        );
        assert_eq!(
            row[7].parse::<u8>().expect("impact is a number"),
            risk.impact
        );
        assert_eq!(
            row[8].parse::<u32>().expect("score"),
            u32::from(risk.likelihood) * u32::from(risk.impact)
        );
        assert_eq!(
            row[13],
            risk.review.map(|d| d.to_string()).unwrap_or_default(),
            "dates are ISO"
        );
    }
}

#[test]
fn measurements_read_back_as_numbers_and_dates() {
    let pack = stored_sample();
    let (_, rows) = read_back(
        &export::csv(&export::table(&pack, "measurements").expect("m"), false).expect("csv"),
    );
    let expected: Vec<(String, String, f64)> = pack
        .kpis
        .iter()
        .flat_map(|k| {
            k.measurements
                .iter()
                .map(move |m| (k.id.clone(), m.date.to_string(), m.value))
        })
        .collect();
    let got: Vec<(String, String, f64)> = rows
        .iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].parse().expect("a number")))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn formula_injection_is_neutralised() {
    let corpus = [
        "=1+1",
        "@SUM(A1)",
        "-2+3",
        "+7",
        "\tTAB",
        "\rCR",
        "\0NUL",
        "＝1+1",
        "＠SUM(A1)",
    ];
    let mut pack = stored_sample();
    for (risk, text) in pack.risks.iter_mut().zip(corpus) {
        risk.title = text.to_string();
    }
    pack.risks[corpus.len()].title = "Plain, \"quoted\" text\nover two lines".into();
    let bytes = export::csv(&export::table(&pack, "risks").expect("risks"), false).expect("csv");
    let (_, rows) = read_back(&bytes);
    for (row, text) in rows.iter().zip(corpus) {
        assert_eq!(row[1], format!("'{text}"), "{text:?} is neutralised");
    }
    assert_eq!(
        rows[corpus.len()][1],
        "Plain, \"quoted\" text\nover two lines",
        "RFC 4180 quoting keeps text whole"
    );
}

#[test]
fn negative_numbers_stay_numbers_and_the_bom_is_optional() {
    let pack = stored_sample();
    let table = export::table(&pack, "evm").expect("evm");
    let (_, rows) = read_back(&export::csv(&table, false).expect("csv"));
    assert!(
        rows.iter().any(|r| r[4].starts_with('-')),
        "a negative schedule variance is written as a number"
    );
    assert!(rows.iter().all(|r| r[4].parse::<f64>().is_ok()));
    let with_bom = export::csv(&table, true).expect("csv");
    assert!(with_bom.starts_with(&[0xEF, 0xBB, 0xBF]));
    assert!(
        !export::csv(&table, false)
            .expect("csv")
            .starts_with(&[0xEF])
    );
    assert!(
        String::from_utf8(with_bom).expect("utf8").contains("\r\n"),
        "CRLF line ends"
    );
}

#[test]
fn an_unknown_register_lists_the_ones_there_are() {
    let err = export::table(&stored_sample(), "gantt")
        .err()
        .expect("not a register");
    assert!(
        err.to_string().contains("milestones, risks, assumptions"),
        "{err}"
    );
}

#[test]
fn a_csv_loaded_narrowly_from_the_store_holds_what_the_whole_program_gives() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = Store::open_in_memory().expect("open");
    let id = s
        .import(&bundled::packs().expect("packs").remove(0))
        .expect("import");
    let pack = s.load(id).expect("the whole program");
    for what in export::tables() {
        let out = dir.path().join(format!("{what}.csv"));
        s.export_csv(id, what, false, &out).expect(what);
        let whole = export::csv(&export::table(&pack, what).expect(what), false).expect("csv");
        assert_eq!(
            std::fs::read(&out).expect("read"),
            whole,
            "{what} reads everything it shows"
        );
    }
}
