//! A pack author's mistakes, said in their words: where (file, line, column and path) and what,
//! with no Rust type names.

use flightdeck_core::pack::{self, SourceFormat};

use crate::packs::{HEADER, parse_toml};

/// The one problem `text` has, or a failure listing them all.
fn the_problem(text: &str) -> String {
    let problems = parse_toml(text).expect_err("a problem");
    assert_eq!(problems.len(), 1, "{problems:?}");
    problems[0].clone()
}

const RISK: &str = r#"
[[risks]]
id = "R1"
title = "Vendor slips"
likelihood = 3
impact = 4
response = "reduce"
"#;

#[test]
fn a_value_of_the_wrong_kind_names_its_path_and_no_rust_type() {
    let text = format!(
        "{HEADER}{}",
        RISK.replace("likelihood = 3", "likelihood = \"high\"")
    );
    assert_eq!(
        the_problem(&text),
        "t.toml:20:14: risks[0].likelihood: found the text \"high\", expected a whole number"
    );
}

#[test]
fn dates_say_what_is_wrong_with_them() {
    let cases = [
        (
            "end = \"15/02/2013\"",
            "t.toml:9:7: program.end: `15/02/2013` is not a date: write it as YYYY-MM-DD, such as 2027-01-04",
        ),
        (
            "end = \"2013-02-30\"",
            "t.toml:9:7: program.end: `2013-02-30` is written as a date, but that day does not exist",
        ),
        (
            "end = 01/09/2011",
            "t.toml:9:7: `01/09/2011` looks like a date: write dates as YYYY-MM-DD without quotes, such as 2027-01-04",
        ),
    ];
    for (line, want) in cases {
        let text = HEADER.replace("end = 2027-03-26", line);
        assert_eq!(the_problem(&text), want, "{line}");
    }
}

const EVENT: &str = r#"
[scenario]
title = "S"
weeks = 4

[[scenario.events]]
id = "E1"
week = 1
title = "First"
effects = [
  { cost = 500.0 },
  EFFECT,
]
"#;

fn with_effect(effect: &str) -> String {
    format!("{HEADER}{}", EVENT.replace("EFFECT", effect))
}

#[test]
fn a_malformed_effect_names_its_event_position_and_the_key_that_is_wrong() {
    let cases = [
        (
            "{ risk = \"R1\", value = 3 }",
            "t.toml:27:3: scenario.events[0].effects[1]: `value` does not belong in a `risk` effect, which takes risk, status",
        ),
        (
            "{ milestone = \"M4\", shift_days = 7, cost = 500 }",
            "t.toml:27:3: scenario.events[0].effects[1]: this effect names both milestone and cost: write one effect per change",
        ),
        (
            "{ kpi = \"K\" }",
            "t.toml:27:3: scenario.events[0].effects[1]: a `kpi` effect needs `value` as well",
        ),
        (
            "{ shift_days = 3 }",
            "t.toml:27:3: scenario.events[0].effects[1]: this effect has only `shift_days`, which says nothing of what it changes: an effect is one of milestone + shift_days; kpi + value; stakeholder + engagement; cost; risk + status",
        ),
        (
            "{ kpi = \"K\", value = \"lots\" }",
            "t.toml:27:24: scenario.events[0].effects[1].value: found the text \"lots\", expected a number",
        ),
    ];
    for (effect, want) in cases {
        assert_eq!(the_problem(&with_effect(effect)), want, "{effect}");
    }
}

#[test]
fn an_unknown_key_in_an_effect_is_reported_like_any_other() {
    let text = with_effect("{ cost = 20.0, colour = \"red\" }");
    assert_eq!(
        the_problem(&text),
        "t.toml:27:18: scenario.events[0].effects[1].colour: unknown field `colour`"
    );
    let json = r#"{"format":"flightdeck-pack/1","program":{"id":"p","name":"P","industry":"software","summary":"s","start":"2027-01-04","end":"2027-03-26","currency":"USD","budget":1000},"workstreams":[{"id":"ws","name":"W"}],"scenario":{"title":"S","weeks":4,"events":[{"id":"E1","week":1,"title":"First","effects":[{"cost":20.0,"colour":"red"}]}]}}"#;
    let problems: Vec<String> = pack::parse("t.json", json, SourceFormat::Json)
        .expect_err("unknown key")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("scenario.events[0].effects[0].colour: unknown field `colour`"),
        "{problems:?}"
    );
}

#[test]
fn an_exported_pack_reads_like_a_hand_written_one() {
    for pack in flightdeck_core::bundled::packs().expect("packs") {
        let text = pack::to_toml(&pack).expect("toml");
        let name = &pack.program.id;
        assert!(
            text.starts_with("format = "),
            "{name}: the format line first"
        );
        let sections: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with('['))
            .map(|l| l.trim_matches(|c| c == '[' || c == ']'))
            .filter(|s| !s.contains('.'))
            .fold(Vec::new(), |mut seen, s| {
                if seen.last() != Some(&s) {
                    seen.push(s);
                }
                seen
            });
        let documented = [
            "program",
            "goals",
            "teams",
            "workstreams",
            "milestones",
            "risks",
            "assumptions",
            "issues",
            "decisions",
            "stakeholders",
            "communications",
            "kpis",
            "costs",
            "scenario",
            "rubric",
        ];
        let order: Vec<usize> = sections
            .iter()
            .map(|s| {
                documented
                    .iter()
                    .position(|d| d == s)
                    .unwrap_or_else(|| panic!("{name}: section {s} is documented"))
            })
            .collect();
        assert!(
            order.windows(2).all(|w| w[0] < w[1]),
            "{name}: sections in the documented order, each once: {sections:?}"
        );
        // every item that has an id starts with it
        let with_ids = [
            "goals",
            "teams",
            "workstreams",
            "milestones",
            "risks",
            "assumptions",
            "issues",
            "decisions",
            "stakeholders",
            "kpis",
            "rubric",
            "scenario.events",
        ];
        let mut lines = text.lines().peekable();
        let mut items = 0;
        while let Some(line) = lines.next() {
            let table = line.trim_matches(|c| c == '[' || c == ']');
            if line.starts_with("[[") && with_ids.contains(&table) {
                items += 1;
                let first = lines.peek().copied().unwrap_or_default();
                assert!(
                    first.starts_with("id = "),
                    "{name}: {line} starts with {first}"
                );
            }
        }
        assert!(items > 50, "{name}: {items} items checked");
    }
}
