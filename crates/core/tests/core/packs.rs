//! Reading packs: the bundled samples, and bad input reported with file, line and column.

use flightdeck_core::bundled;
use flightdeck_core::model::Pack;
use flightdeck_core::pack::{self, SourceFormat};

pub(crate) fn parse_toml(text: &str) -> Result<Pack, Vec<String>> {
    pack::parse("t.toml", text, SourceFormat::Toml)
        .map_err(|ps| ps.iter().map(ToString::to_string).collect())
}

pub(crate) const HEADER: &str = r#"format = "flightdeck-pack/1"

[program]
id = "p"
name = "P"
industry = "software"
summary = "s"
start = 2027-01-04
end = 2027-03-26
currency = "USD"
budget = 1000

[[workstreams]]
id = "ws"
name = "W"
"#;

#[test]
fn every_bundled_pack_parses_and_validates() {
    let sources = bundled::sources();
    assert!(!sources.is_empty(), "packs/ must hold the sample programs");
    for (name, text) in sources {
        if let Err(problems) = pack::parse(name, text, SourceFormat::Toml) {
            panic!(
                "{name} does not validate:\n{}",
                problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
    }
}

#[test]
fn a_minimal_toml_pack_reads_with_toml_dates() {
    let pack = parse_toml(HEADER).expect("the header alone is a valid pack");
    assert_eq!(pack.program.start.to_string(), "2027-01-04");
    assert_eq!(pack.workstreams.len(), 1);
}

#[test]
fn unknown_fields_are_all_reported_with_line_and_column() {
    let text = format!(
        "{HEADER}colour = \"blue\"\n\n[[milestones]]\nid = \"M1\"\ntitle = \"t\"\nworkstream = \"ws\"\nstart = 2027-01-04\nfinish = 2027-01-08\nshade = 3\n"
    );
    let problems = parse_toml(&text).expect_err("unknown fields are errors");
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("t.toml:16:1: workstreams[0].colour: unknown field `colour`")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("t.toml:24:1: milestones[0].shade: unknown field `shade`")),
        "{problems:?}"
    );
}

#[test]
fn semantic_problems_are_reported_together() {
    let text = format!(
        "{HEADER}\n[[milestones]]\nid = \"M1\"\ntitle = \"t\"\nworkstream = \"nowhere\"\nstart = 2027-02-04\nfinish = 2027-01-08\npercent_complete = 120\n\n[[milestones]]\nid = \"M1\"\ntitle = \"again\"\nworkstream = \"ws\"\nstart = 2027-01-04\nfinish = 2027-01-08\n"
    );
    let problems = parse_toml(&text).expect_err("broken pack");
    let joined = problems.join("\n");
    assert!(
        joined.contains("milestones[0].workstream: no workstream has the id `nowhere`"),
        "{joined}"
    );
    assert!(
        joined.contains("milestones[0].finish: 2027-01-08 is before start 2027-02-04"),
        "{joined}"
    );
    assert!(
        joined.contains("milestones[0].percent_complete: 120 is out of range"),
        "{joined}"
    );
    assert!(
        joined.contains("milestones[1].id: id `M1` is used more than once"),
        "{joined}"
    );
    assert!(problems.len() >= 4, "all four problems at once: {joined}");
}

#[test]
fn a_dependency_cycle_is_named() {
    let text = format!(
        "{HEADER}\n[[milestones]]\nid = \"A\"\ntitle = \"a\"\nworkstream = \"ws\"\nstart = 2027-01-04\nfinish = 2027-01-08\ndepends_on = [\"B\"]\n\n[[milestones]]\nid = \"B\"\ntitle = \"b\"\nworkstream = \"ws\"\nstart = 2027-01-04\nfinish = 2027-01-08\ndepends_on = [\"A\"]\n"
    );
    let problems = parse_toml(&text).expect_err("cycle");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("dependency cycle: A → B → A")),
        "{problems:?}"
    );
}

#[test]
fn a_bad_date_points_at_the_value_and_says_how_to_write_one() {
    let text = HEADER.replace("end = 2027-03-26", "end = \"next spring\"");
    let problems = parse_toml(&text).expect_err("bad date");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]
            == "t.toml:9:7: program.end: `next spring` is not a date: write it as YYYY-MM-DD, such as 2027-01-04",
        "{problems:?}"
    );
}

#[test]
fn toml_syntax_errors_name_line_and_column() {
    let problems = parse_toml("format = \"flightdeck-pack/1\"\n[program\n").expect_err("syntax");
    assert!(problems[0].starts_with("t.toml:2:"), "{problems:?}");
}

#[test]
fn json_packs_read_and_place_problems() {
    let pack = parse_toml(HEADER).expect("valid");
    let json = pack::to_json(&pack).expect("json");
    let back = pack::parse("p.json", &json, SourceFormat::Json).expect("json reads back");
    assert_eq!(back, pack);
    let broken = json.replacen("\"budget\": 1000.0", "\"budget\": -5.0", 1);
    assert_ne!(broken, json, "the fixture must contain the budget");
    let problems = pack::parse("p.json", &broken, SourceFormat::Json).expect_err("negative budget");
    let line = broken
        .lines()
        .position(|l| l.contains("\"budget\""))
        .expect("budget line")
        + 1;
    assert!(
        problems[0]
            .to_string()
            .starts_with(&format!("p.json:{line}:5: program.budget")),
        "{problems:?}"
    );
}

#[test]
fn toml_export_reads_back_to_the_same_pack() {
    for pack in bundled::packs().expect("bundled packs") {
        let text = pack::to_toml(&pack).expect("toml");
        assert!(
            text.contains(&format!("start = {}", pack.program.start)),
            "dates stay TOML dates"
        );
        let back =
            pack::parse("export.toml", &text, SourceFormat::Toml).expect("export reads back");
        assert_eq!(back, pack);
    }
}

#[test]
fn over_long_text_is_refused_with_the_limit() {
    let long = "x".repeat(pack::MAX_STRING_CHARS + 1);
    let text = HEADER.replace("summary = \"s\"", &format!("summary = \"{long}\""));
    let problems = parse_toml(&text).expect_err("too long");
    assert!(
        problems[0]
            .contains("program.summary: text of 20001 characters is over the limit of 20000"),
        "{problems:?}"
    );
}

#[test]
fn a_pack_over_the_size_cap_is_refused_before_parsing() {
    let text = " ".repeat(pack::MAX_PACK_BYTES + 1);
    let problems = parse_toml(&text).expect_err("too big");
    assert!(
        problems[0].contains("packs are limited to 67108864 bytes"),
        "{problems:?}"
    );
    assert_eq!(
        problems[0].matches("t.toml").count(),
        1,
        "the file is named once: {problems:?}"
    );
}

#[test]
fn a_bad_file_is_reported_with_its_own_name_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, HEADER.replace("budget = 1000", "budget = -1")).expect("write");
    let err = pack::read_file(&bad).expect_err("invalid");
    assert_eq!(err.kind(), "validation");
    assert!(
        err.to_string()
            .contains("bad.toml:11:1: program.budget: budget must be a positive amount"),
        "{err}"
    );
}

/// PRODUCT.md's minima for every bundled sample: what learners meet first must be complete.
#[test]
fn every_sample_program_meets_the_product_minima() {
    use flightdeck_core::model::Responsibility;
    use std::collections::HashSet;
    let packs = bundled::packs().expect("packs");
    let industries: HashSet<String> = packs
        .iter()
        .map(|p| format!("{:?}", p.program.industry))
        .collect();
    assert_eq!(
        industries.len(),
        4,
        "one sample per industry: {industries:?}"
    );
    for p in &packs {
        let name = &p.program.id;
        assert!(p.goals.len() >= 3, "{name}: goals");
        assert!(p.workstreams.len() >= 4, "{name}: workstreams");
        assert!(p.milestones.len() >= 15, "{name}: milestones");
        assert!(
            p.milestones
                .iter()
                .filter(|m| !m.depends_on.is_empty())
                .count()
                >= 10,
            "{name}: dependencies"
        );
        assert!(p.risks.len() >= 10, "{name}: risks");
        assert!(p.stakeholders.len() >= 8, "{name}: stakeholders");
        assert!(p.kpis.len() >= 5, "{name}: KPIs");
        for k in &p.kpis {
            let weeks = k
                .measurements
                .windows(2)
                .filter(|w| (w[1].date - w[0].date).num_days() == 7)
                .count()
                + 1;
            assert!(weeks >= 12, "{name}: KPI {} has 12 weeks of history", k.id);
        }
        assert!(
            p.program.budget > 0.0 && !p.costs.is_empty(),
            "{name}: budget and costs"
        );
        let scenario = p
            .scenario
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: a scenario"));
        assert!(scenario.events.len() >= 6, "{name}: at least 6 events");
        let covered: HashSet<Responsibility> = p.rubric.iter().map(|r| r.responsibility).collect();
        assert_eq!(
            covered.len(),
            5,
            "{name}: the rubric touches all five responsibilities"
        );
    }
}
