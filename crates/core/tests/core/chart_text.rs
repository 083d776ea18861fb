//! Charts are readable where they are shown: no text under 11 px and titles of 14 px or more,
//! at every size a chart is drawn at, with fewer labels rather than smaller ones where room is
//! short; and the heat map's cells.

use std::sync::OnceLock;

use flightdeck_core::bundled;
use flightdeck_core::chart::{self, ChartKind, LEAST, Size};
use flightdeck_core::model::{Risk, RiskStatus};

use crate::builders::minimal_pack;
use crate::charts::{every_chart, svg_of};

/// Every `font-size` in an SVG document, as it is shown.
fn font_sizes(svg: &str) -> Vec<f64> {
    let doc = roxmltree::Document::parse(svg).expect("svg");
    doc.descendants()
        .filter(|n| n.text().is_some_and(|t| !t.trim().is_empty()))
        .filter_map(|n| n.attribute("font-size")?.parse().ok())
        .collect()
}

/// The window's pane at its default size, a 1280×800 pane, and the least a chart is drawn at.
const PANES: [(u32, u32); 3] = [(930, 600), (1280, 800), (LEAST.width, LEAST.height)];

#[test]
fn every_chart_is_drawn_with_readable_text_at_every_size_it_is_shown_at() {
    for (program, pack, kind, _) in every_chart() {
        let mut sizes: Vec<Size> = PANES
            .iter()
            .map(|&(w, h)| chart::fitted_size(&pack, &kind, Size::new(w, h).expect("size")))
            .collect();
        // the export's default, and small sizes a user may ask an export at
        sizes.push(chart::fitted_size(&pack, &kind, kind.page()));
        sizes.push(Size::new(480, 320).expect("size"));
        sizes.push(Size::new(800, 240).expect("size"));
        for size in sizes {
            let fonts = font_sizes(&svg_of(&pack, &kind, size));
            let smallest = fonts.iter().copied().fold(f64::INFINITY, f64::min);
            let largest = fonts.iter().copied().fold(0.0, f64::max);
            let at = format!("{program} {kind:?} at {}×{}", size.width, size.height);
            assert!(!fonts.is_empty(), "{at} has text");
            assert!(smallest >= 11.0, "{at}: text at {smallest:.1} px");
            assert!(largest >= 14.0, "{at}: its title is {largest:.1} px");
        }
    }
}

#[test]
fn a_pane_is_filled_and_a_roadmap_or_report_grows_to_show_everything() {
    for (program, pack, kind, _) in every_chart() {
        let pane = Size::new(930, 600).expect("size");
        let size = chart::fitted_size(&pack, &kind, pane);
        assert_eq!(size.width, 930, "{program} {kind:?} fills the pane's width");
        match kind {
            ChartKind::Gantt | ChartKind::Report => assert!(size.height >= 600),
            _ => assert_eq!(size.height, 600, "{program} {kind:?} fills the pane"),
        }
    }
    let long = flightdeck_core::synthetic::long_program(6);
    let size = chart::fitted_size(&long, &ChartKind::Gantt, Size::new(930, 600).expect("size"));
    let rows = long.milestones.len() + long.workstreams.len();
    assert!(
        size.height as usize >= rows * 24,
        "{rows} rows get {} px: the place scrolls instead",
        size.height
    );
    let tiny = chart::fitted_size(
        &long,
        &ChartKind::Heatmap,
        Size::new(200, 100).expect("size"),
    );
    assert_eq!((tiny.width, tiny.height), (LEAST.width, LEAST.height));
}

/// An open risk at these places, its other fields from a sample's first risk.
fn risk(id: &str, likelihood: u8, impact: u8, residual: (u8, u8)) -> Risk {
    static SAMPLE: OnceLock<Risk> = OnceLock::new();
    let sample = SAMPLE.get_or_init(|| bundled::packs().expect("packs")[0].risks[0].clone());
    Risk {
        id: id.into(),
        title: format!("Risk {id}"),
        likelihood,
        impact,
        residual_likelihood: Some(residual.0),
        residual_impact: Some(residual.1),
        status: RiskStatus::Open,
        ..sample.clone()
    }
}

/// The grid cells of a heat map (the filled rectangles under the title), by their left edge.
fn cells(doc: &roxmltree::Document<'_>) -> Vec<(f64, f64, f64)> {
    let number = |n: &roxmltree::Node<'_, '_>, a: &str| -> f64 {
        n.attribute(a).and_then(|v| v.parse().ok()).unwrap_or(0.0)
    };
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill").is_some_and(|f| f != "none"))
        .filter(|n| number(n, "y") > 40.0)
        .map(|n| (number(&n, "x"), number(&n, "y"), number(&n, "width")))
        .collect()
}

#[test]
fn the_inherent_and_residual_grids_have_one_size_and_scale() {
    let mut pack = minimal_pack();
    pack.risks = vec![risk("R1", 5, 5, (1, 1))];
    for (w, h) in [(930, 600), (1280, 800), (1601, 900), (700, 900)] {
        let svg = svg_of(&pack, &ChartKind::Heatmap, Size::new(w, h).expect("size"));
        let doc = roxmltree::Document::parse(&svg).expect("svg");
        let cells = cells(&doc);
        let (inherent, residual): (Vec<_>, Vec<_>) =
            cells.iter().partition(|c| c.0 < f64::from(w) / 2.0);
        assert_eq!(inherent.len(), 25, "{w}×{h}: a 5×5 inherent grid");
        assert_eq!(residual.len(), 25, "{w}×{h}: a 5×5 residual grid");
        let side = |grid: &[&(f64, f64, f64)]| grid.iter().map(|c| c.2).fold(0.0, f64::max);
        assert_eq!(side(&inherent), side(&residual), "{w}×{h}: one cell size");
        let top = |grid: &[&(f64, f64, f64)]| grid.iter().map(|c| c.1).fold(f64::MAX, f64::min);
        assert_eq!(top(&inherent), top(&residual), "{w}×{h}: one top edge");
    }
}

#[test]
fn a_crowded_cell_shows_a_count_and_its_first_ids_and_a_lone_id_sits_in_the_middle() {
    let mut pack = minimal_pack();
    pack.risks = (1..=30)
        .map(|n| risk(&format!("RISK-{n:02}"), 5, 5, (5, 5)))
        .chain([risk("R9", 1, 1, (1, 1))])
        .collect();
    let svg = svg_of(
        &pack,
        &ChartKind::Heatmap,
        Size::new(930, 600).expect("size"),
    );
    let doc = roxmltree::Document::parse(&svg).expect("svg");
    let texts: Vec<(String, f64, f64)> = doc
        .descendants()
        .filter_map(|n| {
            let number = |a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok());
            Some((n.text()?.trim().to_string(), number("x")?, number("y")?))
        })
        .collect();
    let all: Vec<&str> = texts.iter().map(|t| t.0.as_str()).collect();
    assert_eq!(
        all.iter().filter(|t| **t == "30 risks").count(),
        2,
        "both crowded cells start with a count: {all:?}"
    );
    assert!(
        all.iter().any(|t| t.starts_with("RISK-01")),
        "the first ids follow"
    );
    assert!(
        all.iter()
            .any(|t| t.ends_with(&format!("+{}", 30 - shown(&all)))),
        "the last line counts those left out: {all:?}"
    );

    // the lone id in the low-low cell of the inherent grid sits near the cell's middle
    let cells = cells(&doc);
    let (x, y, side) =
        cells
            .iter()
            .filter(|c| c.0 < 465.0)
            .copied()
            .fold((f64::MAX, 0.0, 0.0), |low, c| {
                if c.0 <= low.0 && c.1 >= low.1 { c } else { low }
            });
    let (_, tx, ty) = texts.iter().find(|t| t.0 == "R9").expect("R9 is drawn");
    assert!(
        *tx > x + side / 4.0 && *tx < x + side / 2.0,
        "R9 starts at {tx}, centred across a cell from {x} to {}",
        x + side
    );
    assert!(
        (ty - (y + side / 2.0)).abs() < 12.0,
        "R9 is at {ty}, centred down a cell from {y} to {}",
        y + side
    );
}

/// How many ids the lines of one crowded cell show, counted in the first cell's lines.
fn shown(texts: &[&str]) -> usize {
    let first = texts
        .iter()
        .position(|t| *t == "30 risks")
        .expect("a count");
    texts[first + 1..]
        .iter()
        .take_while(|t| t.starts_with("RISK-"))
        .map(|t| t.split(' ').filter(|w| w.starts_with("RISK-")).count())
        .sum()
}

/// A title too long for its chart cuts the program's name first: what the chart shows stays
/// whole (a KPI's name, "roadmap"), and at a width too narrow for any of the name, it is left
/// out.
#[test]
fn a_long_program_name_gives_way_to_what_the_chart_shows() {
    let mut pack = bundled::packs().expect("packs").remove(0);
    pack.program.name = "A program whose name runs on: phase two of the long migration".into();
    let kpi = pack.kpis[0].clone();
    let title = |kind: &ChartKind, width: u32| -> String {
        let svg = svg_of(&pack, kind, Size::new(width, 500).expect("size"));
        let doc = roxmltree::Document::parse(&svg).expect("svg");
        doc.descendants()
            .filter_map(|n| n.text())
            .find(|t| t.contains(" — "))
            .map(|t| t.trim().to_string())
            .expect("a title")
    };
    for (kind, shown, narrow) in [
        (ChartKind::Kpi(kpi.id.clone()), kpi.name.as_str(), 1000),
        (ChartKind::Heatmap, "risk heat map", LEAST.width),
    ] {
        let narrow = title(&kind, narrow);
        assert!(
            narrow.contains(shown) && narrow.starts_with("A program") && narrow.contains('…'),
            "{narrow}"
        );
        let wide = title(&kind, 1600);
        assert!(wide.starts_with(&pack.program.name), "{wide}");
    }
    let least = title(&ChartKind::Kpi(kpi.id.clone()), LEAST.width);
    assert!(least.starts_with(&kpi.name[..10]), "{least}");
}
