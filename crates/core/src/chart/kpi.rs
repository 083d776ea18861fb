//! The KPI trend: readings over time with the target line and the green, amber and red bands
//! (which side is bad follows the KPI's direction), titled with the latest status.
//!
//! A series with more readings than four per pixel column is decimated before it is drawn: of
//! each column's readings only the first, the lowest, the highest and the last are kept (M4),
//! which draws the very same pixels (a test compares them) from at most four points a column.
//! The bands, the target line and the latest reading's marker are drawn exactly.

use chrono::{Duration, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    Draw, FONT, bold, caption, chart_error, draw_series_legend, label, no_data, palette,
    quietest_corner, text, tick_label, time_axis,
};
use crate::figures::rag;
use crate::format::{figure, long_date};
use crate::model::{Direction, Kpi};

#[derive(Debug, Clone, PartialEq)]
pub struct KpiTrendInput {
    pub title: String,
    pub kpi: Kpi,
    /// Draw every reading, even where many share a pixel column; for comparing against the
    /// decimated drawing, which draws the same picture faster.
    pub every_point: bool,
}

impl KpiTrendInput {
    /// The KPI's readings known on `as_of` (the program's status date), as its status in the
    /// KPI table counts them: a reading dated later is not drawn, nor titled the latest.
    pub fn new(program: &str, kpi: &Kpi, as_of: NaiveDate) -> KpiTrendInput {
        let mut kpi = kpi.clone();
        kpi.measurements.retain(|m| m.date <= as_of);
        kpi.measurements.sort_by_key(|m| m.date);
        KpiTrendInput {
            title: format!("{program} — {}", kpi.name),
            kpi,
            every_point: false,
        }
    }
}

pub fn kpi_trend(input: &KpiTrendInput) -> impl Draw + '_ {
    KpiTrend(input)
}

struct KpiTrend<'a>(&'a KpiTrendInput);

impl Draw for KpiTrend<'_> {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> crate::Result<()> {
        let KpiTrendInput {
            title,
            kpi,
            every_point,
        } = self.0;
        let (Some(first), Some(last)) = (kpi.measurements.first(), kpi.measurements.last()) else {
            return no_data(area, title, "this KPI has no readings yet");
        };
        area.fill(&WHITE).map_err(chart_error)?;
        let (w, _) = area.dim_in_pixel();
        let status = rag(kpi, last.value);
        let rest = format!(
            " — latest {} {} on {}: {}",
            figure(last.value),
            label(&kpi.unit, 12),
            long_date(last.date),
            status.word()
        );
        let caption = caption(area, title, &rest);

        let (y_lo, y_hi) = value_range(kpi);
        // a little room either side, so the first and last markers are drawn whole
        let days = (last.date - first.date).num_days().max(1);
        let room = Duration::days((days / 60).max(1));
        let (x_lo, x_hi) = (first.date - room, last.date + room);

        let (x_axis, ticks) = time_axis(x_lo, x_hi, w.saturating_sub(100));
        let mut chart = ChartBuilder::on(area)
            .caption(caption, bold(text::TITLE))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(72)
            .build_cartesian_2d(x_axis, y_lo..y_hi)
            .map_err(chart_error)?;
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .bold_line_style(palette::LANE)
            .x_labels(ticks.len())
            .y_labels(8)
            .x_label_formatter(&|d: &NaiveDate| tick_label(&ticks, d))
            .y_label_formatter(&|v: &f64| figure(*v))
            .y_desc(label(&kpi.unit, 20))
            .label_style((FONT, text::LABEL))
            .axis_desc_style((FONT, text::LABEL))
            .draw()
            .map_err(chart_error)?;

        let (green_band, amber_band, red_band) = match kpi.direction {
            Direction::Lower => ((y_lo, kpi.amber), (kpi.amber, kpi.red), (kpi.red, y_hi)),
            Direction::Higher => ((kpi.amber, y_hi), (kpi.red, kpi.amber), (y_lo, kpi.red)),
        };
        let inside = |v: f64| v.clamp(y_lo, y_hi);
        for ((a, b), colour) in [
            (green_band, palette::GREEN),
            (amber_band, palette::AMBER),
            (red_band, palette::RED),
        ] {
            chart
                .draw_series([Rectangle::new(
                    [(x_lo, inside(a)), (x_hi, inside(b))],
                    colour.mix(0.15).filled(),
                )])
                .map_err(chart_error)?;
        }
        // the corner the "target off scale" mark takes, if the target is off the scale
        let mut marked = None;
        let target_label = if (y_lo..=y_hi).contains(&kpi.target) {
            format!("target {}", figure(kpi.target))
        } else {
            let (edge, arrow) = if kpi.target < y_lo {
                (y_lo, "▼")
            } else {
                (y_hi, "▲")
            };
            let at = (x_hi, edge);
            let style = bold(text::LABEL).color(&palette::GREEN).pos(Pos::new(
                HPos::Right,
                if arrow == "▼" {
                    VPos::Bottom
                } else {
                    VPos::Top
                },
            ));
            marked = Some(if arrow == "▼" {
                SeriesLabelPosition::LowerRight
            } else {
                SeriesLabelPosition::UpperRight
            });
            let off_scale = format!("{arrow} target {} off scale", figure(kpi.target));
            chart
                .draw_series([Text::new(off_scale, at, style)])
                .map_err(chart_error)?;
            format!("target {} (off scale)", figure(kpi.target))
        };
        chart
            .draw_series(LineSeries::new(
                [(x_lo, kpi.target), (x_hi, kpi.target)]
                    .into_iter()
                    .filter(|&(_, v)| (y_lo..=y_hi).contains(&v)),
                palette::GREEN.stroke_width(2),
            ))
            .map_err(chart_error)?
            .label(target_label)
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], palette::GREEN.stroke_width(2))
            });
        // a long series keeps, per pixel column, its first, lowest, highest and last reading
        // (M4): the line drawn is the same, from at most four points a column
        // more readings than pixel columns are drawn one pixel wide: a thicker line would only
        // blur them into a band
        let (plot_width, _) = chart.plotting_area().dim_in_pixel();
        let dense = kpi.measurements.len() > plot_width as usize;
        let all = || kpi.measurements.iter().map(|m| (m.date, m.value));
        let line: Vec<(NaiveDate, f64)> =
            if *every_point || kpi.measurements.len() <= 4 * plot_width as usize {
                all().collect()
            } else {
                m4(all(), |p| chart.backend_coord(p).0)
            };
        chart
            .draw_series(LineSeries::new(
                line,
                palette::BAR.stroke_width(if dense { 1 } else { 2 }),
            ))
            .map_err(chart_error)?
            .label(label(&kpi.name, 40))
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], palette::BAR.stroke_width(2))
            });
        // a long series marks only its latest reading, drawn whole inside the plot
        if let (true, Some(last)) = (kpi.measurements.len() > 200, kpi.measurements.last()) {
            chart
                .draw_series([Circle::new(
                    (last.date, last.value),
                    4,
                    palette::BAR.filled(),
                )])
                .map_err(chart_error)?;
        }
        if kpi.measurements.len() <= 200 {
            chart
                .draw_series(
                    kpi.measurements
                        .iter()
                        .map(|m| Circle::new((m.date, m.value), 3, palette::BAR.filled())),
                )
                .map_err(chart_error)?;
        }
        // the legend goes where it hides the fewest readings
        let span = |a: NaiveDate, b: NaiveDate| (b - a).num_days() as f64;
        let plotted: Vec<(f64, f64)> = kpi
            .measurements
            .iter()
            .map(|m| {
                (
                    span(x_lo, m.date) / span(x_lo, x_hi),
                    (m.value - y_lo) / (y_hi - y_lo),
                )
            })
            .collect();
        draw_series_legend(&mut chart, quietest_corner(&plotted, marked.as_slice()))?;
        Ok(())
    }
}

/// The value axis: the readings, and the thresholds and target where they lie near them (within
/// twice the readings' own spread), so the readings fill at least a fifth of the height. One
/// farther away would flatten the readings into a line: it is left off the scale, and the
/// target is then marked at the edge.
fn value_range(kpi: &Kpi) -> (f64, f64) {
    let (lo, hi) = kpi
        .measurements
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), m| {
            (lo.min(m.value), hi.max(m.value))
        });
    let spread = (hi - lo).max(hi.abs().max(1.0) * 0.05);
    let near = |v: f64| v >= lo - 2.0 * spread && v <= hi + 2.0 * spread;
    let (lo, hi) = [kpi.target, kpi.amber, kpi.red]
        .into_iter()
        .filter(|&v| near(v))
        .fold((lo, hi), |(lo, hi), v| (lo.min(v), hi.max(v)));
    // one reading, or readings all alike with no threshold near: the axis spans `spread` around
    // them, so its ticks are different values (they were all "135"); readings that differ
    // however little keep the axis to themselves
    let (lo, hi) = if hi - lo <= hi.abs().max(1.0) * 1e-9 {
        let mid = (lo + hi) / 2.0;
        (mid - spread / 2.0, mid + spread / 2.0)
    } else {
        (lo, hi)
    };
    let pad = ((hi - lo) * 0.08).max(1e-6);
    (lo - pad, hi + pad)
}

/// The points of a series (in drawing order) that keep its drawing the same: of each run of
/// points in one pixel column (`column` says which), the first, the lowest, the highest and
/// the last, in their order.
fn m4(
    points: impl Iterator<Item = (NaiveDate, f64)>,
    column: impl Fn(&(NaiveDate, f64)) -> i32,
) -> Vec<(NaiveDate, f64)> {
    fn keep(run: &mut Vec<(NaiveDate, f64)>, out: &mut Vec<(NaiveDate, f64)>) {
        if run.is_empty() {
            return;
        }
        let (mut lo, mut hi) = (0, 0);
        for (i, p) in run.iter().enumerate() {
            if p.1 < run[lo].1 {
                lo = i;
            }
            if p.1 > run[hi].1 {
                hi = i;
            }
        }
        let mut kept = [0, lo, hi, run.len() - 1];
        kept.sort_unstable();
        let mut last = None;
        for i in kept {
            if last != Some(i) {
                out.push(run[i]);
                last = Some(i);
            }
        }
        run.clear();
    }
    let mut out = Vec::new();
    let mut run = Vec::new();
    let mut at = None;
    for p in points {
        let c = column(&p);
        if at != Some(c) {
            keep(&mut run, &mut out);
            at = Some(c);
        }
        run.push(p);
    }
    keep(&mut run, &mut out);
    out
}
