//! Earned value over time: planned value to the program's end, earned value and actual cost to
//! the chosen date, with SPI and CPI as of that date.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Draw, FONT, chart_error, draw_series_legend, label, no_data, palette};
use crate::evm::{EarnedValue, earned_value_at, format_index, weekly};
use crate::model::Pack;

#[derive(Debug, Clone, PartialEq)]
pub struct EvmInput {
    pub title: String,
    pub currency: String,
    pub date: NaiveDate,
    /// Weekly figures from the start to the program's end.
    pub planned: Vec<(NaiveDate, f64)>,
    /// Weekly figures from the start to `date`.
    pub to_date: Vec<EarnedValue>,
    pub at: EarnedValue,
}

impl EvmInput {
    pub fn from_pack(pack: &Pack, date: NaiveDate) -> EvmInput {
        EvmInput {
            title: format!("{} — earned value", pack.program.name),
            currency: pack.program.currency.clone(),
            date,
            planned: weekly(pack, pack.program.end)
                .into_iter()
                .map(|e| (e.date, e.pv))
                .collect(),
            to_date: weekly(pack, date),
            at: earned_value_at(pack, date),
        }
    }
}

pub fn evm(input: &EvmInput) -> impl Draw + '_ {
    Evm(input)
}

struct Evm<'a>(&'a EvmInput);

impl Draw for Evm<'_> {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> crate::Result<()> {
        let input = self.0;
        let (Some(first), Some(last)) = (input.planned.first(), input.planned.last()) else {
            return no_data(area, &input.title, "no plan to earn value against");
        };
        if input.at.bac <= 0.0 {
            return no_data(area, &input.title, "no milestone has a planned value");
        }
        area.fill(&WHITE).map_err(chart_error)?;
        let at = &input.at;
        let caption = format!(
            "{} — {}: SPI {}, CPI {}",
            label(&input.title, 60),
            input.date,
            format_index(at.spi),
            format_index(at.cpi)
        );
        let top = input
            .to_date
            .iter()
            .flat_map(|e| [e.ev, e.ac])
            .chain(input.planned.iter().map(|p| p.1))
            .fold(0.0f64, f64::max)
            * 1.08;
        let x_hi = last
            .0
            .max(input.date)
            .max(first.0.succ_opt().unwrap_or(first.0));
        let mut chart = ChartBuilder::on(area)
            .caption(caption, (FONT, 18).into_font().style(FontStyle::Bold))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(80)
            .build_cartesian_2d(first.0..x_hi, 0.0..top.max(1.0))
            .map_err(chart_error)?;
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .bold_line_style(palette::LANE)
            .x_labels(8)
            .x_label_formatter(&|d: &NaiveDate| d.format("%d %b").to_string())
            .y_label_formatter(&|v: &f64| format!("{:.0}k", v / 1000.0))
            .y_desc(label(&input.currency, 8))
            .label_style((FONT, 12))
            .draw()
            .map_err(chart_error)?;
        let series = [
            ("PV planned value", palette::MUTED, input.planned.clone()),
            (
                "EV earned value",
                palette::GREEN,
                input.to_date.iter().map(|e| (e.date, e.ev)).collect(),
            ),
            (
                "AC actual cost",
                palette::RED,
                input.to_date.iter().map(|e| (e.date, e.ac)).collect(),
            ),
        ];
        for (name, colour, points) in series {
            chart
                .draw_series(LineSeries::new(points, colour.stroke_width(3)))
                .map_err(chart_error)?
                .label(name)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 16, y)], colour.stroke_width(3))
                });
        }
        chart
            .draw_series(LineSeries::new(
                [(input.date, 0.0), (input.date, top)],
                palette::TODAY.stroke_width(2),
            ))
            .map_err(chart_error)?;
        draw_series_legend(&mut chart)?;
        Ok(())
    }
}
