//! Earned value over time: planned value to the program's end, earned value and actual cost to
//! the chosen date, with SPI and CPI as of that date.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    Draw, FONT, bold, caption, chart_error, draw_series_legend, no_data, palette, status_label,
    text, tick_label, time_axis,
};
use crate::evm::{EarnedValue, earned_value_at, format_index, weekly};
use crate::format::{MoneyAxis, long_date};
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
        let rest = format!(
            " — {}: SPI {}, CPI {}",
            long_date(input.date),
            format_index(at.spi),
            format_index(at.cpi)
        );
        let caption = caption(area, &input.title, &rest);
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
        let (w, _) = area.dim_in_pixel();
        let (x_axis, ticks) = time_axis(first.0, x_hi, w.saturating_sub(120));
        let money = MoneyAxis::up_to(top, &input.currency);
        let mut chart = ChartBuilder::on(area)
            .caption(caption, bold(text::TITLE))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(80)
            .build_cartesian_2d(x_axis, 0.0..top.max(1.0))
            .map_err(chart_error)?;
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .bold_line_style(palette::LANE)
            .x_labels(ticks.len())
            .x_label_formatter(&|d: &NaiveDate| tick_label(&ticks, d))
            .y_label_formatter(&|v: &f64| money.label(*v))
            .label_style((FONT, text::LABEL))
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
        let status_style = bold(text::LABEL).color(&palette::TODAY).pos(Pos::new(
            if input.date > first.0 + (x_hi - first.0) / 2 {
                HPos::Right
            } else {
                HPos::Left
            },
            VPos::Top,
        ));
        chart
            .draw_series([Text::new(
                status_label(input.date),
                (input.date, top),
                status_style,
            )])
            .map_err(chart_error)?;
        draw_series_legend(&mut chart, SeriesLabelPosition::UpperLeft)?;
        Ok(())
    }
}
