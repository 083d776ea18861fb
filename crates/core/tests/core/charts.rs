//! Charts: PNGs decode at the asked size and are not blank; SVGs parse and hold their labels.

use flightdeck_core::bundled;
use flightdeck_core::chart::{self, GanttInput, Size};

use crate::builders::{date, minimal_pack};

fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("png frame");
    (info.width, info.height, buf)
}

fn distinct_colours(pixels: &[u8]) -> usize {
    let set: std::collections::HashSet<&[u8]> = pixels.chunks(3).collect();
    set.len()
}

#[test]
fn the_gantt_of_every_bundled_program_draws() {
    for pack in bundled::packs().expect("packs") {
        let input = GanttInput::from_pack(&pack);
        let png =
            chart::png(&chart::gantt(&input), Size::new(1200, 700).expect("size")).expect("png");
        let (w, h, pixels) = decode(&png);
        assert_eq!((w, h), (1200, 700));
        assert!(
            distinct_colours(&pixels) > 20,
            "a drawn chart has many colours, not a blank page"
        );
        let svg =
            chart::svg(&chart::gantt(&input), Size::new(1200, 700).expect("size")).expect("svg");
        assert!(
            svg.contains(&pack.milestones[0].id),
            "the first milestone is labelled"
        );
        assert!(!svg.contains("<script"));
    }
}

#[test]
fn the_roadmap_rows_the_window_hovers_are_where_the_bars_are_drawn() {
    for pack in bundled::packs().expect("packs") {
        let input = GanttInput::from_pack(&pack);
        let size = Size::new(1100, 900).expect("size");
        let rows = chart::gantt_rows(&input, size);
        assert_eq!(rows.len(), pack.milestones.len(), "a row per milestone");
        assert!(
            rows.windows(2).all(|w| w[0].bottom <= w[1].top),
            "rows go down the chart without overlapping"
        );
        let svg = chart::svg(&chart::gantt(&input), size).expect("svg");
        let doc = roxmltree::Document::parse(&svg).expect("xml");
        let rects: Vec<(i32, i32)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .filter_map(|n| {
                Some((
                    n.attribute("x")?.parse().ok()?,
                    n.attribute("y")?.parse().ok()?,
                ))
            })
            .collect();
        for row in rows.iter().filter(|r| r.start < r.finish) {
            let pad = ((row.bottom - row.top) / 5).max(1);
            assert!(
                rects.contains(&(row.left, row.top + pad)),
                "{}: a bar is drawn at ({}, {})",
                row.id,
                row.left,
                row.top + pad
            );
            assert!(
                row.left < row.right,
                "{}: the bar runs left to right",
                row.id
            );
        }
        let m = &pack.milestones[0];
        let first = rows
            .iter()
            .find(|r| r.id == m.id)
            .expect("the first milestone");
        assert_eq!(
            (first.title.as_str(), first.start, first.finish),
            (m.title.as_str(), m.start, m.finish)
        );
    }
}

#[test]
fn an_empty_roadmap_says_no_data() {
    let input = GanttInput::from_pack(&minimal_pack());
    let svg = chart::svg(&chart::gantt(&input), Size::new(600, 300).expect("size")).expect("svg");
    assert!(svg.contains("No data"), "{svg}");
}

#[test]
fn user_text_is_escaped_in_svg() {
    let mut pack = bundled::packs().expect("packs").remove(0);
    pack.milestones[0].title = "<script>alert(1)</script> & \u{1} \"q\"".into();
    let input = GanttInput::from_pack(&pack);
    let svg = chart::svg(&chart::gantt(&input), Size::new(1600, 900).expect("size")).expect("svg");
    assert!(!svg.contains("<script>"), "markup in user text is escaped");
    assert!(svg.contains("&lt;script&gt;"), "and still shown");
    assert!(!svg.contains('\u{1}'), "control characters are dropped");
}

#[test]
fn sizes_outside_the_limits_are_refused() {
    assert_eq!(Size::new(0, 100).expect_err("zero").kind(), "limit");
    assert!(Size::new(20_000, 100).is_err());
}

use flightdeck_core::chart::{ChartKind, Format, render};

pub fn svg_of(pack: &flightdeck_core::model::Pack, kind: &ChartKind, size: Size) -> String {
    String::from_utf8(render(pack, kind, size, Format::Svg).expect("svg")).expect("utf8")
}

/// No script element and no event attribute anywhere in the document.
fn assert_inert(doc: &roxmltree::Document<'_>, what: &str) {
    assert!(
        doc.descendants().all(|n| n.tag_name().name() != "script"),
        "{what}: no script element"
    );
    assert!(
        doc.descendants()
            .all(|n| n.attributes().all(|a| !a.name().starts_with("on"))),
        "{what}: no event attribute"
    );
}

/// Every chart of every bundled program, with the text each must show.
/// Every chart of every sample, and of a six-year program joined five years in.
pub fn every_chart() -> Vec<(String, flightdeck_core::model::Pack, ChartKind, Vec<String>)> {
    let mut out = Vec::new();
    let mut packs = bundled::packs().expect("packs");
    packs.push(flightdeck_core::synthetic::long_program(6));
    for pack in packs {
        let first_risk = pack
            .risks
            .iter()
            .find(|r| r.status == flightdeck_core::model::RiskStatus::Open)
            .map(|r| r.id.clone())
            .expect("an open risk");
        let expectations = [
            (
                ChartKind::Gantt,
                // a long name is cut to the label column
                vec![
                    pack.milestones[0].id.clone(),
                    pack.workstreams[0].name.chars().take(12).collect(),
                ],
            ),
            (
                ChartKind::Heatmap,
                vec!["Inherent".into(), "Residual".into(), first_risk],
            ),
            (
                ChartKind::Stakeholders,
                vec![
                    "Manage closely".into(),
                    "Keep satisfied".into(),
                    pack.stakeholders[0].name.clone(),
                ],
            ),
            (ChartKind::Evm, vec!["SPI".into(), "CPI".into()]),
            (
                ChartKind::Report,
                vec!["Top risks".into(), "Next milestones".into(), "KPIs".into()],
            ),
            (
                ChartKind::Kpi(pack.kpis[0].id.clone()),
                vec!["target".into()],
            ),
        ];
        for (kind, labels) in expectations {
            out.push((pack.program.id.clone(), pack.clone(), kind, labels));
        }
    }
    out
}

fn chart_name(kind: &ChartKind) -> String {
    match kind {
        ChartKind::Kpi(id) => format!("kpi:{id}"),
        other => format!("{other:?}").to_lowercase(),
    }
}

#[test]
fn every_chart_of_every_sample_draws_at_the_asked_size_and_is_not_blank() {
    for (program, pack, kind, _) in every_chart() {
        let size = Size::new(1000, 640).expect("size");
        let png = render(&pack, &kind, size, Format::Png).expect("png");
        let (w, h, pixels) = decode(&png);
        assert_eq!((w, h), (1000, 640), "{program} {kind:?}");
        assert!(
            distinct_colours(&pixels) > 8,
            "{program} {kind:?} is not blank"
        );
    }
}

#[test]
fn every_svg_parses_as_xml_and_holds_its_labels() {
    for (program, pack, kind, labels) in every_chart() {
        // at the size an export has when none is asked: a roadmap as tall as its rows need
        let svg = svg_of(&pack, &kind, chart::fitted_size(&pack, &kind, kind.page()));
        let doc =
            roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{program} {kind:?}: {e}"));
        let text: String = doc
            .descendants()
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join(" ");
        for l in labels {
            assert!(text.contains(&l), "{program} {kind:?} shows {l}");
        }
        assert_inert(&doc, &format!("{kind:?}"));
    }
}

#[test]
fn hostile_pack_text_cannot_break_or_script_any_svg() {
    let mut pack = bundled::packs().expect("packs").remove(0);
    let nasty = "</text><script>alert(1)</script><g onload=\"x()\"> & \u{7} ]]>";
    pack.program.name = nasty.into();
    pack.milestones[0].title = nasty.into();
    pack.workstreams[0].name = nasty.into();
    pack.stakeholders[0].id = nasty.into();
    pack.kpis[0].name = nasty.into();
    pack.kpis[0].unit = nasty.into();
    pack.risks[0].title = nasty.into();
    for kind in [
        ChartKind::Gantt,
        ChartKind::Heatmap,
        ChartKind::Stakeholders,
        ChartKind::Evm,
        ChartKind::Report,
        ChartKind::Kpi(pack.kpis[0].id.clone()),
    ] {
        let svg = svg_of(&pack, &kind, Size::new(1600, 900).expect("size"));
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_inert(&doc, &format!("{kind:?}"));
    }
}

#[test]
fn empty_data_draws_a_no_data_chart_for_every_kind() {
    let mut pack = minimal_pack();
    pack.kpis = vec![kpi_read(vec![])];
    for kind in [
        ChartKind::Gantt,
        ChartKind::Heatmap,
        ChartKind::Stakeholders,
        ChartKind::Evm,
        ChartKind::Kpi("k".into()),
    ] {
        let svg = svg_of(&pack, &kind, Size::new(600, 300).expect("size"));
        assert!(svg.contains("No data"), "{kind:?}");
    }
    let png = render(
        &pack,
        &ChartKind::Report,
        Size::new(800, 500).expect("size"),
        Format::Png,
    )
    .expect("an empty status report still draws");
    assert_eq!(decode(&png).0, 800);
}

#[test]
fn a_bad_chart_name_lists_the_charts_there_are() {
    let pack = bundled::packs().expect("packs").remove(0);
    let err = ChartKind::parse("pie", &pack).expect_err("no pie charts");
    let message = err.to_string();
    assert!(
        message.contains("gantt, heatmap, stakeholders, evm, report, kpi:"),
        "{message}"
    );
    assert!(ChartKind::parse(&format!("kpi:{}", pack.kpis[0].id), &pack).is_ok());
    assert!(ChartKind::parse("kpi:nope", &pack).is_err());
}

/// FNV-1a: a stable 64-bit fingerprint of the PNG bytes.
fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// The same input gives the same PNG bytes on every machine. When a chart changes on purpose,
/// refresh with `UPDATE_GOLDEN=1 cargo test -p flightdeck-core --test core golden` and commit.
#[test]
fn golden_png_fingerprints_hold() {
    let path =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/core/golden-charts.txt");
    let mut lines = Vec::new();
    for (program, pack, kind, _) in every_chart() {
        let png = render(
            &pack,
            &kind,
            Size::new(1200, 750).expect("size"),
            Format::Png,
        )
        .expect("png");
        lines.push(format!(
            "{program} {} {}",
            chart_name(&kind),
            fingerprint(&png)
        ));
    }
    let generated = lines.join("\n") + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &generated).expect("write golden");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    for (want, got) in committed.lines().zip(generated.lines()) {
        assert_eq!(
            got, want,
            "a chart's pixels changed: if intended, refresh the golden file (see this test's doc)"
        );
    }
    assert_eq!(
        committed.lines().count(),
        generated.lines().count(),
        "one golden line per chart"
    );
}

#[test]
fn a_chart_loaded_narrowly_from_the_store_draws_as_from_the_whole_program() {
    let mut store = flightdeck_core::Store::open_in_memory().expect("open");
    let size = Size::new(1200, 800).expect("size");
    for pack in bundled::packs().expect("packs") {
        let id = store.import(&pack).expect("import");
        for name in store.chart_names(id).expect("names") {
            let kind = ChartKind::parse(&name, &pack).expect("a chart");
            assert_eq!(
                store
                    .chart(id, &name)
                    .expect("chart")
                    .svg(size)
                    .expect("svg"),
                svg_of(&pack, &kind, size),
                "{}: {name} reads everything it draws",
                pack.program.id
            );
        }
    }
}

#[test]
fn a_kpi_trend_shades_its_green_amber_and_red_bands() {
    let pack = bundled::packs().expect("packs").remove(0);
    let svg = svg_of(
        &pack,
        &ChartKind::Kpi(pack.kpis[0].id.clone()),
        Size::new(1200, 600).expect("size"),
    );
    for (band, colour) in [
        ("green", "#34A853"),
        ("amber", "#FBBC04"),
        ("red", "#DB4437"),
    ] {
        assert!(
            svg.contains(&format!("opacity=\"0.15\" fill=\"{colour}\"")),
            "the {band} band is shaded"
        );
    }
}

/// A KPI "k" in ms, lower is better, with thresholds 1, 2 and 3 and these readings.
fn kpi_read(measurements: Vec<flightdeck_core::model::Measurement>) -> flightdeck_core::model::Kpi {
    flightdeck_core::model::Kpi {
        id: "k".into(),
        name: "K".into(),
        unit: "ms".into(),
        direction: flightdeck_core::model::Direction::Lower,
        target: 1.0,
        amber: 2.0,
        red: 3.0,
        frequency: String::new(),
        owner: None,
        measurements,
    }
}

#[test]
fn a_kpi_trend_draws_what_was_known_on_the_status_date_as_the_kpi_table_does() {
    let mut pack = minimal_pack();
    let as_of = pack.program.as_of();
    let reading = |days: i64, value: f64| flightdeck_core::model::Measurement {
        date: as_of + chrono::Duration::days(days),
        value,
    };
    pack.kpis = vec![kpi_read(vec![
        reading(-7, 1.5),
        reading(0, 2.5),
        reading(7, 9.25),
    ])];
    let kind = ChartKind::Kpi("k".into());
    let svg = svg_of(&pack, &kind, Size::new(800, 400).expect("size"));
    assert!(
        svg.contains("latest 2.5 ms"),
        "the latest reading on or before the status date, as the KPI's status says"
    );
    assert!(
        !svg.contains("9.25"),
        "a reading dated after the status date is not drawn"
    );

    pack.kpis[0].measurements = vec![reading(7, 9.25)];
    let svg = svg_of(&pack, &kind, Size::new(800, 400).expect("size"));
    assert!(
        svg.contains("No data"),
        "a KPI read only after the status date has no readings yet"
    );
}

#[test]
fn a_kpi_with_one_reading_labels_its_value_axis_with_distinct_values() {
    let mut pack = minimal_pack();
    // far from the thresholds, so nothing but the one reading sets the axis' range
    pack.kpis = vec![kpi_read(vec![flightdeck_core::model::Measurement {
        date: pack.program.as_of(),
        value: 135.0,
    }])];
    let svg = svg_of(
        &pack,
        &ChartKind::Kpi("k".into()),
        Size::new(800, 400).expect("size"),
    );
    // each text's words, between its tag and `</text>`
    let repeated = svg
        .split("</text>")
        .filter(|t| {
            t.rsplit('>')
                .next()
                .is_some_and(|words| words.trim() == "135")
        })
        .count();
    assert!(repeated <= 1, "the value axis labels {repeated} ticks 135");
}

#[test]
fn a_target_far_from_the_readings_is_marked_off_scale_instead_of_flattening_them() {
    let mut pack = flightdeck_core::synthetic::long_program(6);
    let delay = pack
        .kpis
        .iter()
        .position(|k| k.id == "delay-minutes")
        .expect("the delay KPI");
    let kind = ChartKind::Kpi(pack.kpis[delay].id.clone());
    let size = Size::new(1000, 600).expect("size");
    let far = svg_of(&pack, &kind, size);
    assert!(
        far.contains("target 500 off scale"),
        "a target of 500 against readings of 36,000–48,000 is marked at the edge"
    );
    assert!(
        !far.contains(">0<"),
        "the value axis does not reach down to 0 for the target"
    );

    pack.kpis[delay].target = 30_000.0;
    let near = svg_of(&pack, &kind, size);
    assert!(
        !near.contains("off scale") && near.contains("target 30,000"),
        "a target near the readings is drawn as a line on the scale"
    );
}

#[test]
fn a_dependency_the_plan_breaks_is_drawn_in_red() {
    use crate::builders::milestone;
    let red_strokes = |svg: &str| svg.matches("stroke=\"#DB4437\"").count();
    let mut pack = minimal_pack();
    pack.program.end = date("2027-03-26");
    pack.milestones = vec![
        milestone("A", "2027-01-04", "2027-01-15", &[]),
        milestone("B", "2027-01-18", "2027-01-29", &["A"]),
    ];
    let size = Size::new(1000, 600).expect("size");
    let kept = svg_of(&pack, &ChartKind::Gantt, size);
    pack.milestones[1] = milestone("B", "2027-01-11", "2027-01-22", &["A"]);
    let broken = svg_of(&pack, &ChartKind::Gantt, size);
    assert_eq!(red_strokes(&kept), 0, "a kept dependency is a grey line");
    assert!(
        red_strokes(&broken) > 3,
        "B planned to start before A finishes: a dashed red line, {} red strokes",
        red_strokes(&broken)
    );

    pack.milestones[0].actual_start = Some(date("2027-01-04"));
    pack.milestones[0].actual_finish = Some(date("2027-01-15"));
    pack.milestones[0].percent_complete = 100.0;
    pack.milestones[1].actual_start = Some(date("2027-01-11"));
    pack.milestones[1].actual_finish = Some(date("2027-01-22"));
    pack.milestones[1].percent_complete = 100.0;
    assert_eq!(
        red_strokes(&svg_of(&pack, &ChartKind::Gantt, size)),
        0,
        "once both have finished it is history, not a conflict"
    );
}

#[test]
fn many_people_at_one_point_of_the_grid_are_listed_by_name_without_overlapping() {
    let mut pack = minimal_pack();
    pack.stakeholders = (0..12)
        .map(|i| flightdeck_core::model::Stakeholder {
            id: format!("s{i}"),
            name: format!("Person {i}"),
            role: String::new(),
            org: String::new(),
            power: 5,
            interest: 5,
            engagement: flightdeck_core::model::Engagement::Neutral,
            desired_engagement: flightdeck_core::model::Engagement::Supportive,
            channel: String::new(),
            cadence_days: 14,
        })
        .collect();
    let svg = svg_of(
        &pack,
        &ChartKind::Stakeholders,
        Size::new(1000, 600).expect("size"),
    );
    let doc = roxmltree::Document::parse(&svg).expect("svg");
    let mut tops: Vec<f64> = doc
        .descendants()
        .filter(|n| {
            n.text()
                .is_some_and(|t| t.starts_with("Person ") || t.starts_with('+'))
        })
        .map(|n| n.attribute("y").and_then(|y| y.parse().ok()).expect("a y"))
        .collect();
    assert!(svg.contains("Person 0"), "people are shown by name");
    assert!(
        svg.contains("more"),
        "what does not fit is counted: +N more"
    );
    tops.sort_by(f64::total_cmp);
    assert!(
        tops.windows(2).all(|w| w[1] - w[0] >= 12.0),
        "lines of 12 px text at least 12 px apart: {tops:?}"
    );
}

/// A quadrant's name is written in its top-left cell: people at that point are listed below
/// it, never over it, however many there are.
#[test]
fn a_quadrants_name_stays_clear_of_the_people_in_its_cell() {
    let mut pack = minimal_pack();
    let corners = [(5, 1), (5, 3), (2, 1), (2, 3)];
    pack.stakeholders = corners
        .iter()
        .flat_map(|&(power, interest)| (0..12).map(move |i| (power, interest, i)))
        .map(|(power, interest, i)| flightdeck_core::model::Stakeholder {
            id: format!("s{power}{interest}{i}"),
            name: format!("Person {power}{interest}{i}"),
            role: String::new(),
            org: String::new(),
            power,
            interest,
            engagement: flightdeck_core::model::Engagement::Neutral,
            desired_engagement: flightdeck_core::model::Engagement::Supportive,
            channel: String::new(),
            cadence_days: 14,
        })
        .collect();
    for (width, height) in [(1000, 600), (640, 400)] {
        let svg = svg_of(
            &pack,
            &ChartKind::Stakeholders,
            Size::new(width, height).expect("size"),
        );
        let doc = roxmltree::Document::parse(&svg).expect("svg");
        let at = |n: &roxmltree::Node<'_, '_>| -> (f64, f64) {
            let number = |a: &str| n.attribute(a).and_then(|v| v.parse().ok()).expect("x, y");
            (number("x"), number("y"))
        };
        let texts: Vec<(String, (f64, f64))> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "text")
            .filter_map(|n| Some((n.text()?.trim().to_string(), at(&n))))
            .collect();
        let (cell_w, cell_h) = (f64::from(width - 90) / 5.0, f64::from(height - 120) / 5.0);
        for name in [
            "Keep satisfied",
            "Manage closely",
            "Monitor",
            "Keep informed",
        ] {
            let (x, y) = texts
                .iter()
                .find(|(t, _)| t == name)
                .map(|(_, at)| *at)
                .unwrap_or_else(|| panic!("{name} is written at {width}×{height}"));
            let in_its_cell: Vec<f64> = texts
                .iter()
                .filter(|(t, (px, py))| {
                    (t.starts_with("Person") || t.starts_with('+'))
                        && (x..x + cell_w).contains(px)
                        && (y - 20.0..y + cell_h).contains(py)
                })
                .map(|(_, (_, py))| *py)
                .collect();
            assert!(!in_its_cell.is_empty(), "{name}'s cell lists its people");
            assert!(
                in_its_cell.iter().all(|py| py - y >= 14.0),
                "at {width}×{height} {name} is at y {y}, its people at {in_its_cell:?}"
            );
        }
    }
}

/// The report drawn to fill a pane `width` wide, as the window asks for it, with its size.
fn report_filling(pack: &flightdeck_core::model::Pack, width: u32) -> (Size, String) {
    let pane = Size::new(width, 600).expect("size");
    let size = chart::fitted_size(pack, &ChartKind::Report, pane);
    (size, svg_of(pack, &ChartKind::Report, size))
}

#[test]
fn the_reports_boxes_and_tiles_stay_inside_the_page_at_any_width() {
    for pack in bundled::packs().expect("packs") {
        for width in [1600, 1280, 930, 640] {
            let (size, svg) = report_filling(&pack, width);
            let doc = roxmltree::Document::parse(&svg).expect("svg");
            let number = |n: &roxmltree::Node<'_, '_>, a: &str| -> f64 {
                n.attribute(a).and_then(|v| v.parse().ok()).unwrap_or(0.0)
            };
            let boxes: Vec<_> = doc
                .descendants()
                .filter(|n| n.tag_name().name() == "rect" && number(n, "y") > 0.0)
                .collect();
            assert!(boxes.len() > 5, "{}: the report has tiles", pack.program.id);
            for b in boxes {
                let right = number(&b, "x") + number(&b, "width");
                let bottom = number(&b, "y") + number(&b, "height");
                assert!(
                    right <= f64::from(width) - 30.0 && bottom <= f64::from(size.height),
                    "{} at {width}: a box ends at ({right}, {bottom}), past the margin",
                    pack.program.id
                );
            }
        }
    }
}

#[test]
fn the_reports_reasons_end_above_the_next_section_at_any_width() {
    let mut packs = bundled::packs().expect("packs");
    // 60 milestones with a broken RACI, late ones, overdue people: many long reasons
    packs.push(flightdeck_core::synthetic::long_program(6));
    for pack in packs {
        for width in [1600, 1100, 930, 640] {
            let (_, svg) = report_filling(&pack, width);
            let doc = roxmltree::Document::parse(&svg).expect("svg");
            let texts: Vec<(String, f64)> = doc
                .descendants()
                .filter_map(|n| {
                    let y = n.attribute("y")?.parse().ok()?;
                    Some((n.text()?.trim().to_string(), y))
                })
                .collect();
            let at = |label: &str| texts.iter().position(|t| t.0 == label).expect(label);
            let (why, next) = (at("Why this status"), at("Next milestones"));
            let lowest = texts[why + 1..next].iter().map(|t| t.1).fold(0.0, f64::max);
            assert!(
                lowest + 18.0 <= texts[next].1,
                "{} at {width}: a reason at y {lowest} runs into the next section at {}",
                pack.program.id,
                texts[next].1
            );
        }
    }
}

#[test]
fn a_long_kpi_series_decimated_per_pixel_column_draws_the_same_picture() {
    let kpi = flightdeck_core::synthetic::long_kpi(100_000);
    let mut input = chart::KpiTrendInput::new("Benchmark", &kpi, chrono::NaiveDate::MAX);
    let size = Size::new(1600, 900).expect("size");
    let fast = chart::png(&chart::kpi_trend(&input), size).expect("png");
    input.every_point = true;
    let exact = chart::png(&chart::kpi_trend(&input), size).expect("png");
    if std::env::var_os("DUMP_M4").is_some() {
        std::fs::write("/tmp/m4-fast.png", &fast).expect("dump");
        std::fs::write("/tmp/m4-exact.png", &exact).expect("dump");
    }
    let ((_, _, a), (_, _, b)) = (decode(&fast), decode(&exact));
    let differing = a.chunks(3).zip(b.chunks(3)).filter(|(x, y)| x != y).count();
    assert_eq!(
        differing, 0,
        "{differing} pixels differ from drawing every point"
    );
}

#[test]
fn a_legend_goes_to_the_corner_where_it_hides_the_fewest_readings() {
    use plotters::chart::SeriesLabelPosition::{LowerLeft, LowerRight, UpperLeft, UpperRight};
    // readings falling from the upper left: the upper left is busy, the upper right is free
    let falling: Vec<(f64, f64)> = (0..=10)
        .map(|i| (f64::from(i) / 10.0, 1.0 - f64::from(i) / 10.0))
        .collect();
    assert_eq!(chart::quietest_corner(&falling, &[]), UpperRight);
    // the upper right taken by another label: the next quietest
    assert_eq!(chart::quietest_corner(&falling, &[UpperRight]), LowerLeft);
    // nothing in the way: the upper left, as before
    assert_eq!(chart::quietest_corner(&[], &[]), UpperLeft);
    let rising: Vec<(f64, f64)> = falling.iter().map(|&(x, y)| (x, 1.0 - y)).collect();
    assert_eq!(chart::quietest_corner(&rising, &[UpperLeft]), LowerRight);
}

/// The window's roadmap (drawing and rows in one reply) is the `gantt` chart fitted to its
/// place, with the rows of that drawing, on every bundled program and on one of years.
#[test]
fn the_windows_roadmap_is_the_gantt_chart_with_its_rows() {
    let mut packs = bundled::packs().expect("packs");
    packs.push(flightdeck_core::synthetic::pack(
        flightdeck_core::synthetic::Sizes {
            milestones: 400,
            ..flightdeck_core::synthetic::Sizes::BENCHMARK
        },
    ));
    let mut store = flightdeck_core::Store::open_in_memory().expect("store");
    for pack in packs {
        let id = store.import(&pack).expect("import");
        let pane = Size::new(900, 500).expect("size");
        let roadmap = store.roadmap(id).expect("load").draw(pane).expect("draw");
        let chart = store.chart(id, "gantt").expect("chart");
        let size = chart.fitted(pane);
        assert_eq!(
            roadmap.svg,
            chart.svg(size).expect("svg"),
            "{}",
            pack.program.id
        );
        assert_eq!(
            chart.on_screen(pane).expect("on screen"),
            roadmap.svg,
            "the Charts tab shows a plan labelled whole as drawn for files"
        );
        let input = GanttInput::from_pack(&pack);
        assert_eq!(roadmap.rows, chart::gantt_rows(&input, size));
        assert_eq!(roadmap.rows.len(), pack.milestones.len());
        assert_eq!(roadmap.milestones, pack.milestones.len());
    }
}

/// A plan too big to label whole (the benchmark's 5,000 milestones) is drawn in the window as
/// its first rows in plan order, every one tall enough for its label, and says how many
/// milestones there are; drawn whole, each row would get 2 pixels and no label.
#[test]
fn the_windows_roadmap_of_a_big_plan_is_its_first_rows_labelled() {
    let pack = flightdeck_core::synthetic::pack(flightdeck_core::synthetic::Sizes::BENCHMARK);
    let mut store = flightdeck_core::Store::open_in_memory().expect("store");
    let id = store.import(&pack).expect("import");
    let pane = Size::new(1200, 420).expect("size");
    let roadmap = store.roadmap(id).expect("load").draw(pane).expect("draw");
    assert_eq!(roadmap.milestones, pack.milestones.len());
    let part = format!("the first {} of 5,000 milestones", roadmap.rows.len());
    assert!(roadmap.svg.contains(&part), "the title says {part}");
    let chart = store.chart(id, "gantt").expect("chart");
    assert_eq!(
        chart.on_screen(pane).expect("on screen"),
        roadmap.svg,
        "the Charts tab shows the roadmap view's drawing"
    );
    // an export with no size asked is drawn on its page, in part as in the window; at a size
    // asked, as many rows as it can label
    let file =
        |size| String::from_utf8(chart.file(size, Format::Svg).expect("file")).expect("utf-8");
    let exported = file(None);
    assert!(exported.contains(&part), "an export says {part}");
    assert!(
        roadmap
            .rows
            .iter()
            .all(|r| exported.contains(&format!("\n{} ", r.id))),
        "each row labelled on the export"
    );
    let small = file(Some(pane));
    // 420 px less the roadmap's margins (120), a line a row, less the lane's heading
    let first_rows = (420 - 120) / chart::text::LINE - 1;
    assert!(
        small.contains(&format!("the first {first_rows} of 5,000 milestones")),
        "at 420 px tall, the rows it can label (a lane heading and {first_rows} milestones)"
    );
    assert!(
        (100..pack.milestones.len()).contains(&roadmap.rows.len()),
        "{} of {} rows drawn",
        roadmap.rows.len(),
        pack.milestones.len()
    );
    let whole = GanttInput::from_pack(&pack);
    let first: Vec<&str> = whole
        .lanes
        .iter()
        .flat_map(|(_, bars)| bars.iter().map(|b| b.id.as_str()))
        .take(roadmap.rows.len())
        .collect();
    let drawn: Vec<&str> = roadmap.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(drawn, first, "the plan's first milestones, in its order");
    for row in &roadmap.rows {
        assert!(
            row.bottom - row.top >= chart::text::LINE,
            "{} is too low to label",
            row.id
        );
        assert!(
            roadmap.svg.contains(&row.id),
            "{}'s label is on the drawing",
            row.id
        );
    }
    // what a bar shows is worked out on the whole plan
    let critical = |id: &str| {
        whole
            .lanes
            .iter()
            .flat_map(|(_, bars)| bars)
            .find(|b| b.id == id)
            .is_some_and(|b| b.critical)
    };
    assert!(roadmap.rows.iter().all(|r| r.critical == critical(&r.id)));
}
