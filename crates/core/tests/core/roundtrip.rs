//! Property: pack → import → export → import gives the same program, through TOML and JSON,
//! for packs with any text, numbers and optional fields.

use chrono::Duration;
use flightdeck_core::Store;
use flightdeck_core::model::*;
use flightdeck_core::pack::{self, SourceFormat};
use flightdeck_core::synthetic::{self, Sizes};
use proptest::prelude::*;

fn import_and_load(pack: &Pack) -> Pack {
    let mut store = Store::open_in_memory().expect("open");
    let id = store.import(pack).expect("import");
    store.load(id).expect("load")
}

fn text() -> impl Strategy<Value = String> {
    // any printable text, quotes, backslashes, newlines and non-Latin scripts included
    proptest::string::string_regex("[ -~\u{e9}\u{4e2d}\u{1f680}\"\\\\\n\t]{0,40}").expect("regex")
}

prop_compose! {
    fn varied_pack()(
        titles in proptest::collection::vec(text(), 12),
        percents in proptest::collection::vec(0.0f64..=100.0, 12),
        values in proptest::collection::vec(-1e6f64..1e6, 12),
        shift in 0i64..400,
        with_goal in any::<bool>(),
        with_baseline in any::<bool>(),
        with_scenario in any::<bool>(),
    ) -> Pack {
        let mut pack = synthetic::pack(Sizes { milestones: 12, risks: 6, stakeholders: 5, communications: 6, kpis: 2, points: 4 });
        pack.program.start += Duration::days(shift);
        pack.program.end += Duration::days(shift);
        pack.program.summary = titles[0].clone();
        for (i, m) in pack.milestones.iter_mut().enumerate() {
            m.title = titles[i].clone();
            m.percent_complete = percents[i];
            m.start += Duration::days(shift);
            m.finish += Duration::days(shift);
            if !with_goal { m.goal = None; }
            if with_baseline {
                m.baseline_start = Some(m.start - Duration::days(3));
                m.baseline_finish = Some(m.finish);
            }
        }
        for (i, r) in pack.risks.iter_mut().enumerate() {
            r.actions = titles[i + 1].clone();
            r.review = None;
        }
        for (k, v) in pack.kpis.iter_mut().flat_map(|k| k.measurements.iter_mut()).zip(&values) {
            k.value = *v;
        }
        pack.communications[0].summary = titles[11].clone();
        if with_scenario {
            pack.scenario = Some(Scenario {
                title: titles[2].clone(),
                briefing: titles[3].clone(),
                weeks: 6,
                events: vec![ScenarioEvent {
                    id: "E1".into(),
                    week: 2,
                    title: titles[4].clone(),
                    narrative: titles[5].clone(),
                    effects: vec![
                        Effect::MilestoneShift { milestone: "m3".into(), shift_days: 7 },
                        Effect::KpiReading { kpi: "k0".into(), value: values[0] },
                        Effect::Engagement { stakeholder: "s1".into(), engagement: Engagement::Resistant },
                        Effect::Spend { cost: 1234.5, description: titles[6].clone() },
                        Effect::RiskStatus { risk: "r2".into(), status: RiskStatus::Realised },
                    ],
                }],
                xapi_namespace: Some("https://training.example.org/flightdeck".into()),
            });
            pack.rubric = vec![RubricItem {
                id: "X1".into(),
                after: "E1".into(),
                within_days: 7,
                responsibility: Responsibility::Risk,
                points: 10,
                expect: Expectation::Risk { keywords: vec!["vendor".into()], min_impact: 4 },
                explain: titles[7].clone(),
            }];
        }
        pack
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn import_export_import_keeps_the_program(pack in varied_pack()) {
        let first = import_and_load(&pack);
        prop_assert_eq!(&first, &pack);
        let toml = pack::to_toml(&first).expect("toml");
        let from_toml = pack::parse("rt.toml", &toml, SourceFormat::Toml).expect("exported TOML reads back");
        prop_assert_eq!(&import_and_load(&from_toml), &first);
        let json = pack::to_json(&first).expect("json");
        let from_json = pack::parse("rt.json", &json, SourceFormat::Json).expect("exported JSON reads back");
        prop_assert_eq!(&import_and_load(&from_json), &first);
    }
}
