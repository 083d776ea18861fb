//! The debrief on one page: the score per responsibility as bars, a timeline of the scenario's
//! events against the learner's actions and weekly reports, and every rubric item met or
//! missed. No text is smaller than 12 px at any size (plotters writes a size of `n` as
//! `n / 1.24` px in SVG, so the smallest size asked for is 15).

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Draw, bold, chart_error, draw_title, label, palette, style};

/// What the debrief page draws.
#[derive(Debug, Clone, PartialEq)]
pub struct DebriefInput {
    pub title: String,
    /// "Total 42% (42 of 100 points) · …"
    pub summary: String,
    /// Whether to draw the title and summary (the window writes its own above the drawing).
    pub heading: bool,
    /// Each responsibility with its percent and "8 of 18".
    pub responsibilities: Vec<(String, f64, String)>,
    pub starts: NaiveDate,
    pub ends: NaiveDate,
    /// Each event that fired, with its day.
    pub events: Vec<(String, NaiveDate)>,
    /// The day of each learner action in effect.
    pub actions: Vec<NaiveDate>,
    /// The day each weekly report was last revised.
    pub reports: Vec<NaiveDate>,
    /// Each rubric item: met, and its line; none to draw only the scores and the timeline.
    pub items: Vec<(bool, String)>,
}

/// Draws the debrief page.
pub fn debrief(input: &DebriefInput) -> impl Draw + '_ {
    Debrief(input)
}

struct Debrief<'a>(&'a DebriefInput);

const TEXT: f64 = 17.0;
const SMALL: f64 = 15.0;

impl Draw for Debrief<'_> {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> crate::Result<()> {
        let d = self.0;
        area.fill(&WHITE).map_err(chart_error)?;
        let (w, h) = area.dim_in_pixel();
        let (w, h) = (w as i32, h as i32);
        let text = style;
        let muted = style(SMALL).color(&palette::MUTED);
        let chars = |width: i32, size: f64| ((f64::from(width) / (size * 0.58)) as usize).max(8);
        let mut y = 10;
        if d.heading {
            draw_title(area, &d.title)?;
            area.draw_text(
                &label(&d.summary, chars(w - 24, 16.0)),
                &bold(16.0),
                (12, 40),
            )
            .map_err(chart_error)?;
            y = 84;
        }

        // the score per responsibility
        area.draw_text("By responsibility", &bold(TEXT), (12, y))
            .map_err(chart_error)?;
        y += 28;
        let (name_w, track) = (170, (w / 3).clamp(160, 520));
        for (name, percent, points) in &d.responsibilities {
            area.draw_text(&label(name, 16), &text(TEXT), (12, y))
                .map_err(chart_error)?;
            let x0 = 12 + name_w;
            area.draw(&Rectangle::new(
                [(x0, y), (x0 + track, y + 14)],
                palette::LANE.filled(),
            ))
            .map_err(chart_error)?;
            let filled = (f64::from(track) * percent.clamp(0.0, 100.0) / 100.0).round() as i32;
            area.draw(&Rectangle::new(
                [(x0, y), (x0 + filled.max(2), y + 14)],
                palette::BAR.filled(),
            ))
            .map_err(chart_error)?;
            area.draw_text(
                &format!("{percent:.0}%  ({points})"),
                &text(TEXT),
                (x0 + track + 10, y),
            )
            .map_err(chart_error)?;
            y += 28;
        }

        // the timeline: events above, the learner's actions and reports below
        y += 16;
        area.draw_text(
            "Timeline: the scenario's events against your actions",
            &bold(TEXT),
            (12, y),
        )
        .map_err(chart_error)?;
        y += 26;
        let (left, right) = (12 + name_w, w - 24);
        let days = (d.ends - d.starts).num_days().max(1) as f64;
        let x = |day: NaiveDate| {
            left + ((day - d.starts).num_days() as f64 / days * f64::from(right - left)).round()
                as i32
        };
        let rows = [
            ("Events", y),
            ("Your actions", y + 34),
            ("Weekly status", y + 60),
        ];
        for (name, row_y) in rows {
            area.draw_text(name, &text(SMALL), (12, row_y - 6))
                .map_err(chart_error)?;
            area.draw(&PathElement::new(
                vec![(left, row_y), (right, row_y)],
                palette::BASELINE,
            ))
            .map_err(chart_error)?;
        }
        // a tick and label per week
        let mut week = d.starts;
        let mut n = 1;
        while week <= d.ends {
            let wx = x(week);
            area.draw(&PathElement::new(
                vec![(wx, y - 10), (wx, y + 66)],
                palette::LANE,
            ))
            .map_err(chart_error)?;
            if n % ((d.ends - d.starts).num_days() / 7 / 12 + 1) == 0 {
                area.draw_text(&format!("W{n}"), &muted, (wx + 2, y + 72))
                    .map_err(chart_error)?;
            }
            week += chrono::Duration::days(7);
            n += 1;
        }
        for (id, day) in &d.events {
            let ex = x(*day);
            area.draw(&Polygon::new(
                vec![(ex - 6, y - 8), (ex + 6, y - 8), (ex, y + 2)],
                palette::TODAY.filled(),
            ))
            .map_err(chart_error)?;
            area.draw_text(&label(id, 6), &text(SMALL), (ex + 7, y - 12))
                .map_err(chart_error)?;
        }
        for day in &d.actions {
            area.draw(&Circle::new((x(*day), y + 34), 4, palette::BAR.filled()))
                .map_err(chart_error)?;
        }
        for day in &d.reports {
            let rx = x(*day);
            area.draw(&Rectangle::new(
                [(rx - 4, y + 56), (rx + 4, y + 64)],
                palette::DONE.filled(),
            ))
            .map_err(chart_error)?;
        }

        // every rubric item, as many as fit (the window lists them itself)
        if d.items.is_empty() {
            return Ok(());
        }
        y += 100;
        area.draw_text("Every rubric item", &bold(TEXT), (12, y))
            .map_err(chart_error)?;
        y += 24;
        let line_h = 24;
        let room = usize::try_from((h - y - 10) / line_h).unwrap_or(0);
        let shown = if d.items.len() > room {
            room.saturating_sub(1)
        } else {
            d.items.len()
        };
        for (met, line) in d.items.iter().take(shown) {
            let (mark, colour) = if *met {
                ("MET", palette::GREEN)
            } else {
                ("MISSED", palette::RED)
            };
            area.draw_text(mark, &bold(SMALL).color(&colour), (12, y + 1))
                .map_err(chart_error)?;
            area.draw_text(&label(line, chars(w - 110, TEXT)), &text(TEXT), (90, y))
                .map_err(chart_error)?;
            y += line_h;
        }
        if shown < d.items.len() {
            area.draw_text(
                &format!("… and {} more in the CSV export", d.items.len() - shown),
                &muted,
                (90, y),
            )
            .map_err(chart_error)?;
        }
        Ok(())
    }
}
