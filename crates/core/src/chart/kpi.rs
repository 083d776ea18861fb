//! The KPI trend: readings over time with the target line and the green, amber and red bands
//! (which side is bad follows the KPI's direction), titled with the latest status.

use chrono::{Duration, NaiveDate};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{
    Draw, FONT, chart_error, draw_series_legend, label, no_data, palette, tick_label, time_axis,
};
use crate::figures::rag;
use crate::format::long_date;
use crate::model::{Direction, Kpi};

#[derive(Debug, Clone, PartialEq)]
pub struct KpiTrendInput {
    pub title: String,
    pub kpi: Kpi,
}

impl KpiTrendInput {
    pub fn new(program: &str, kpi: &Kpi) -> KpiTrendInput {
        let mut kpi = kpi.clone();
        kpi.measurements.sort_by_key(|m| m.date);
        KpiTrendInput {
            title: format!("{program} — {}", kpi.name),
            kpi,
        }
    }
}

pub fn kpi_trend(input: &KpiTrendInput) -> impl Draw + '_ {
    KpiTrend(input)
}

struct KpiTrend<'a>(&'a KpiTrendInput);

impl Draw for KpiTrend<'_> {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> crate::Result<()> {
        let KpiTrendInput { title, kpi } = self.0;
        let (Some(first), Some(last)) = (kpi.measurements.first(), kpi.measurements.last()) else {
            return no_data(area, title, "this KPI has no readings yet");
        };
        area.fill(&WHITE).map_err(chart_error)?;
        let (w, _) = area.dim_in_pixel();
        let status = rag(kpi, last.value);
        let caption = format!(
            "{} — latest {} {} on {}: {}",
            label(title, (w / 14).max(10) as usize),
            last.value,
            label(&kpi.unit, 12),
            long_date(last.date),
            status.word()
        );

        let values = kpi
            .measurements
            .iter()
            .map(|m| m.value)
            .chain([kpi.target, kpi.amber, kpi.red]);
        let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        let pad = ((hi - lo) * 0.08).max(1e-6);
        let (y_lo, y_hi) = (lo - pad, hi + pad);
        let x_hi = if last.date > first.date {
            last.date
        } else {
            first.date + Duration::days(1)
        };

        let (x_axis, ticks) = time_axis(first.date, x_hi, w.saturating_sub(100));
        let mut chart = ChartBuilder::on(area)
            .caption(caption, (FONT, 18).into_font().style(FontStyle::Bold))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(64)
            .build_cartesian_2d(x_axis, y_lo..y_hi)
            .map_err(chart_error)?;
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .bold_line_style(palette::LANE)
            .x_labels(ticks.len())
            .y_labels(8)
            .x_label_formatter(&|d: &NaiveDate| tick_label(&ticks, d))
            .y_desc(label(&kpi.unit, 20))
            .label_style((FONT, 12))
            .draw()
            .map_err(chart_error)?;

        let (green_band, amber_band, red_band) = match kpi.direction {
            Direction::Lower => ((y_lo, kpi.amber), (kpi.amber, kpi.red), (kpi.red, y_hi)),
            Direction::Higher => ((kpi.amber, y_hi), (kpi.red, kpi.amber), (y_lo, kpi.red)),
        };
        for ((a, b), colour) in [
            (green_band, palette::GREEN),
            (amber_band, palette::AMBER),
            (red_band, palette::RED),
        ] {
            chart
                .draw_series([Rectangle::new(
                    [(first.date, a), (x_hi, b)],
                    colour.mix(0.15).filled(),
                )])
                .map_err(chart_error)?;
        }
        chart
            .draw_series(LineSeries::new(
                [(first.date, kpi.target), (x_hi, kpi.target)],
                palette::GREEN.stroke_width(2),
            ))
            .map_err(chart_error)?
            .label(format!("target {}", kpi.target))
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], palette::GREEN.stroke_width(2))
            });
        chart
            .draw_series(LineSeries::new(
                kpi.measurements.iter().map(|m| (m.date, m.value)),
                palette::BAR.stroke_width(2),
            ))
            .map_err(chart_error)?
            .label(label(&kpi.name, 40))
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 16, y)], palette::BAR.stroke_width(2))
            });
        if kpi.measurements.len() <= 200 {
            chart
                .draw_series(
                    kpi.measurements
                        .iter()
                        .map(|m| Circle::new((m.date, m.value), 3, palette::BAR.filled())),
                )
                .map_err(chart_error)?;
        }
        draw_series_legend(&mut chart)?;
        Ok(())
    }
}
