//! Choosing a chart by name (`gantt`, `heatmap`, `stakeholders`, `kpi:ID`, `evm`, `report`),
//! the size to draw it at, and drawing it for a program, as the command line and the app ask.

use super::report::report_height;
use super::{
    Draw, EvmInput, GanttInput, HeatmapInput, KpiTrendInput, Size, StakeholderGridInput,
    StatusReportInput, evm, gantt, heatmap, kpi_trend, png, stakeholder_grid, status_report, svg,
};
use crate::model::Pack;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChartKind {
    Gantt,
    Heatmap,
    Stakeholders,
    Kpi(String),
    Evm,
    /// The one-page weekly status report.
    Report,
}

impl ChartKind {
    /// Reads a chart name; a bad one is an error listing every chart this program has.
    pub fn parse(name: &str, pack: &Pack) -> Result<ChartKind> {
        let kind = match name {
            "gantt" => ChartKind::Gantt,
            "heatmap" => ChartKind::Heatmap,
            "stakeholders" => ChartKind::Stakeholders,
            "evm" => ChartKind::Evm,
            "report" => ChartKind::Report,
            other => match other.strip_prefix("kpi:") {
                Some(id) if pack.kpis.iter().any(|k| k.id == id) => ChartKind::Kpi(id.to_string()),
                _ => {
                    return Err(Error::not_found(
                        "chart",
                        format!("`{name}`; the charts are {}", Self::names(pack).join(", ")),
                    ));
                }
            },
        };
        Ok(kind)
    }

    /// Every chart name the program has.
    pub fn names(pack: &Pack) -> Vec<String> {
        let mut names: Vec<String> = ["gantt", "heatmap", "stakeholders", "evm", "report"]
            .map(String::from)
            .to_vec();
        names.extend(pack.kpis.iter().map(|k| format!("kpi:{}", k.id)));
        names
    }

    /// The page an export is drawn on when no size is asked: the report a landscape page, the
    /// rest a wide screen chart. [`fitted_size`] makes it taller where the content needs it.
    pub fn page(&self) -> Size {
        match self {
            ChartKind::Report => Size {
                width: 1600,
                height: 1000,
            },
            _ => Size {
                width: 1600,
                height: 900,
            },
        }
    }
}

/// The least a chart is drawn at: a smaller place scrolls rather than squeeze it.
pub const LEAST: Size = Size {
    width: 640,
    height: 400,
};

/// The size to draw a chart at to fill a place `pane` big, at the text's own size: the place
/// itself, no smaller than [`LEAST`], and taller where a roadmap's rows or a report's sections
/// need it (the place then scrolls). The window asks for its panes this way, and an export
/// with no size asked is drawn at the fitted size of its [`ChartKind::page`].
pub fn fitted_size(pack: &Pack, kind: &ChartKind, pane: Size) -> Size {
    match kind {
        ChartKind::Gantt => fitted_roadmap(&GanttInput::from_pack(pack), pane),
        ChartKind::Report => fit(pane, |width| {
            report_height(
                &StatusReportInput::from_pack(pack, pack.program.as_of()),
                width,
            )
        }),
        _ => fit(pane, |_| 0),
    }
}

/// [`fitted_size`] of a roadmap whose plan is analysed already.
pub fn fitted_roadmap(input: &GanttInput, pane: Size) -> Size {
    fit(pane, |_| input.readable_height())
}

/// `pane`, no smaller than [`LEAST`], and as tall as `needed` says the chart needs at its width.
fn fit(pane: Size, needed: impl FnOnce(u32) -> u32) -> Size {
    let width = pane.width.clamp(LEAST.width, Size::MAX_SIDE);
    Size {
        width,
        height: pane
            .height
            .max(needed(width))
            .clamp(LEAST.height, Size::MAX_SIDE),
    }
}

/// Output format of a drawn chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

/// A drawn chart: SVG text or PNG bytes.
pub fn render(pack: &Pack, kind: &ChartKind, size: Size, format: Format) -> Result<Vec<u8>> {
    let date = pack.program.as_of();
    match kind {
        ChartKind::Gantt => draw_as(&gantt(&GanttInput::from_pack(pack)), size, format),
        ChartKind::Heatmap => draw_as(&heatmap(&HeatmapInput::from_pack(pack)), size, format),
        ChartKind::Stakeholders => {
            let input = StakeholderGridInput::from_pack(pack);
            draw_as(&stakeholder_grid(&input), size, format)
        }
        ChartKind::Evm => draw_as(&evm(&EvmInput::from_pack(pack, date)), size, format),
        ChartKind::Report => {
            let input = StatusReportInput::from_pack(pack, date);
            draw_as(&status_report(&input), size, format)
        }
        ChartKind::Kpi(id) => {
            let kpi = pack
                .kpis
                .iter()
                .find(|k| &k.id == id)
                .ok_or_else(|| Error::not_found("KPI", id.clone()))?;
            let input = KpiTrendInput::new(&pack.program.name, kpi, date);
            draw_as(&kpi_trend(&input), size, format)
        }
    }
}

/// A chart drawn at `size` as SVG text or PNG bytes.
pub fn draw_as(chart: &impl Draw, size: Size, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Svg => svg(chart, size).map(String::into_bytes),
        Format::Png => png(chart, size),
    }
}
