//! Charts, drawn by plotters as pure functions of their input: SVG for the app, PNG for export.
//!
//! Text in PNGs uses DejaVu Sans embedded in the binary, so the same input gives the same bytes
//! on every OS. Each chart is written once against plotters' `DrawingBackend` and rendered
//! through [`svg`] or [`png`].

mod choice;
mod debrief;
mod evm;
mod gantt;
mod heatmap;
mod kpi;
mod report;
mod stakeholders;

use std::sync::Once;

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::combinators::WithKeyPoints;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::format::{DateTick, date_ticks, long_date};

pub use choice::{ChartKind, Format, LEAST, draw_as, fitted_roadmap, fitted_size, render};
pub use debrief::{DebriefInput, debrief};
pub use evm::{EvmInput, evm};
pub use gantt::{GanttInput, GanttRow, gantt, gantt_rows};
pub use heatmap::{HeatmapInput, heatmap};
pub use kpi::{KpiTrendInput, kpi_trend};
pub use report::{StatusReportInput, status_report};
pub use stakeholders::{StakeholderGridInput, stakeholder_grid};

/// The one font family every chart uses.
pub const FONT: &str = "DejaVu Sans";

/// Text sizes, as plotters takes them. Plotters writes a nominal size into the SVG as
/// `font-size` ÷ 1.24 (and draws PNG text to match), so each is the size it shows at × 1.24,
/// rounded up. No text is below 11 px, labels are 12–13 px and titles at least 14 px, at any
/// size a chart is drawn: where a label does not fit, a chart shows fewer, never smaller ones.
pub mod text {
    /// 11.1 px: the least any text is drawn at.
    pub const SMALL: f64 = 13.8;
    /// 12.5 px: axis and item labels.
    pub const LABEL: f64 = 15.5;
    /// 14.5 px: a panel's heading.
    pub const HEADING: f64 = 18.0;
    /// 16.1 px: a chart's title.
    pub const TITLE: f64 = 20.0;
    /// The height of a line of label text, in pixels.
    pub const LINE: i32 = 18;
}

/// Text in the chart font at a nominal size (see [`text`]), in ink.
pub fn style(size: f64) -> TextStyle<'static> {
    TextStyle::from((FONT, size).into_font()).color(&palette::INK)
}

/// Bold text in the chart font at a nominal size (see [`text`]), in ink. Made with its style
/// from the start: plotters' `FontDesc::style` keeps the regular face's glyphs, so PNG text
/// styled that way came out regular.
pub fn bold(size: f64) -> TextStyle<'static> {
    TextStyle::from(FontDesc::new(FONT.into(), size, FontStyle::Bold)).color(&palette::INK)
}

/// How wide `text` is in `style`, as the backend measures it.
pub fn text_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'_>,
) -> i32 {
    area.estimate_text_size(text, style)
        .map_or(0, |(w, _)| w as i32)
}

/// Pixel size of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Size {
    pub const MAX_SIDE: u32 = 10_000;

    pub fn new(width: u32, height: u32) -> crate::Result<Size> {
        let ok = |v: u32| (16..=Self::MAX_SIDE).contains(&v);
        if ok(width) && ok(height) {
            Ok(Size { width, height })
        } else {
            Err(crate::Error::Limit(format!(
                "chart size {width}×{height} is outside 16 to {} pixels a side",
                Self::MAX_SIDE
            )))
        }
    }
}

fn register_fonts() {
    static FONTS: Once = Once::new();
    FONTS.call_once(|| {
        // The fonts are compiled in and known to parse; a failure would leave text out of
        // PNGs, which the chart tests catch, so there is nothing better to do with it here.
        let _ = register_font(FONT, FontStyle::Normal, dejavu::sans::regular());
        let _ = register_font(FONT, FontStyle::Bold, dejavu::sans::bold());
    });
}

/// A drawing function, written once for any backend.
pub trait Draw {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> crate::Result<()>;
}

fn chart_error<E: std::fmt::Debug>(e: E) -> crate::Error {
    crate::Error::Chart(format!("{e:?}"))
}

/// Renders the chart as an SVG document.
pub fn svg(chart: &impl Draw, size: Size) -> crate::Result<String> {
    register_fonts();
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, (size.width, size.height)).into_drawing_area();
        chart.draw(&area)?;
        area.present().map_err(chart_error)?;
    }
    Ok(out)
}

/// Renders the chart as PNG bytes.
pub fn png(chart: &impl Draw, size: Size) -> crate::Result<Vec<u8>> {
    register_fonts();
    let (w, h) = (size.width as usize, size.height as usize);
    let mut rgb = vec![0u8; w * h * 3];
    {
        let area =
            BitMapBackend::with_buffer(&mut rgb, (size.width, size.height)).into_drawing_area();
        chart.draw(&area)?;
        area.present().map_err(chart_error)?;
    }
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, size.width, size.height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(chart_error)?;
    writer.write_image_data(&rgb).map_err(chart_error)?;
    writer.finish().map_err(chart_error)?;
    Ok(bytes)
}

/// User text made fit to draw: control characters (which XML cannot hold) become spaces, and
/// text longer than `max` characters is cut with an ellipsis.
pub fn label(text: &str, max: usize) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.chars().count() <= max {
        return clean;
    }
    let kept: String = clean.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// `text` in at most two lines of `chars` characters, broken between words; the second line is
/// cut with an ellipsis if the text is longer still.
pub fn wrap_in_two(text: &str, chars: usize) -> Vec<String> {
    let text = label(text, usize::MAX);
    if text.chars().count() <= chars {
        return vec![text];
    }
    let cut: String = text.chars().take(chars + 1).collect();
    let at = cut
        .rfind(' ')
        .filter(|&i| i > 0)
        .unwrap_or_else(|| cut.char_indices().nth(chars).map_or(cut.len(), |(i, _)| i));
    let (first, rest) = text.split_at(at);
    vec![
        first.trim_end().to_string(),
        label(rest.trim_start(), chars),
    ]
}

/// `text` cut with an ellipsis to fit `width` pixels in `style`, as the backend measures it.
/// The cut is found by halving, so a 20,000-character name costs a dozen measurements.
pub fn fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'_>,
    width: i32,
) -> String {
    let fits = |t: &str| text_width(area, t, style) <= width;
    let whole = label(text, usize::MAX);
    if fits(&whole) {
        return whole;
    }
    // the most characters that fit: at least 1, fewer than the whole
    let (mut lo, mut hi) = (1usize, whole.chars().count());
    while lo + 1 < hi {
        let mid = lo + (hi - lo) / 2;
        if fits(&label(text, mid)) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    label(text, lo)
}

/// The chart's title, top left, bold, cut to fit the width.
pub fn draw_title<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
) -> crate::Result<()> {
    draw_caption(area, title, "")
}

/// Draws a chart's caption at its top: its `title`, cut as [`caption`] cuts it, then `rest`.
pub fn draw_caption<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    rest: &str,
) -> crate::Result<()> {
    let style = bold(text::TITLE);
    area.draw_text(&caption(area, title, rest), &style, (12, 10))
        .map_err(chart_error)
}

/// The least of a program's name a title keeps before it leaves the name out, in pixels.
const LEAST_OF_A_NAME: i32 = 80;

/// A chart's caption: its `title` ("Program — what the chart shows") cut so that the `rest`
/// after it is always shown whole. Where there is not room for all of it, the program's name
/// gives way first (the window names the program elsewhere), then what the chart shows.
pub fn caption<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    rest: &str,
) -> String {
    let (w, _) = area.dim_in_pixel();
    let style = bold(text::TITLE);
    let room = w as i32 - 24 - text_width(area, rest, &style);
    if text_width(area, title, &style) > room
        && let Some((program, subject)) = title.split_once(" — ")
    {
        let subject = label(subject, usize::MAX);
        let left = room - text_width(area, &format!(" — {subject}"), &style);
        return if left >= LEAST_OF_A_NAME {
            format!("{} — {subject}{rest}", fit(area, program, &style, left))
        } else {
            format!("{}{rest}", fit(area, &subject, &style, room.max(40)))
        };
    }
    format!("{}{rest}", fit(area, title, &style, room.max(40)))
}

/// A time axis: dates with ticks at readable steps (see [`crate::format::date_ticks`]).
pub type TimeAxis = WithKeyPoints<RangedDate<NaiveDate>>;

/// The x axis of a time chart whose plot is about `width` pixels wide, one label per 100 px or
/// so, with its ticks' labels.
pub fn time_axis(lo: NaiveDate, hi: NaiveDate, width: u32) -> (TimeAxis, Vec<DateTick>) {
    let ticks = date_ticks(lo, hi, (width / 100).clamp(2, 12) as usize);
    let axis = (lo..hi).with_key_points(ticks.iter().map(|t| t.date).collect());
    (axis, ticks)
}

/// The label of the tick at `date`, for a mesh's label formatter.
pub fn tick_label(ticks: &[DateTick], date: &NaiveDate) -> String {
    ticks
        .iter()
        .find(|t| t.date == *date)
        .map_or_else(String::new, |t| t.label.clone())
}

/// The status-date line's label: "status 28 Feb 2011".
pub fn status_label(date: NaiveDate) -> String {
    format!("status {}", long_date(date))
}

/// The legend of a time chart's series, in the given corner on a light background.
pub fn draw_series_legend<'a, DB: DrawingBackend + 'a>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<TimeAxis, RangedCoordf64>>,
    corner: SeriesLabelPosition,
) -> crate::Result<()> {
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.85))
        .border_style(palette::BASELINE)
        .label_font((FONT, text::LABEL))
        .position(corner)
        .draw()
        .map_err(chart_error)
}

/// The corner of the plot where a legend hides the fewest of these points (each a fraction of
/// the plot: 0 to 1 from left to right and from bottom to top), leaving out the corners
/// already `taken` by other labels; the upper left when several tie.
pub fn quietest_corner(
    points: &[(f64, f64)],
    taken: &[SeriesLabelPosition],
) -> SeriesLabelPosition {
    use SeriesLabelPosition::{LowerLeft, LowerRight, UpperLeft, UpperRight};
    // a legend covers about two fifths of the width and a third of the height
    let hidden = |left: bool, upper: bool| {
        points
            .iter()
            .filter(|&&(x, y)| {
                (if left { x < 0.4 } else { x > 0.6 }) && (if upper { y > 0.66 } else { y < 0.34 })
            })
            .count()
    };
    [
        (true, true, UpperLeft),
        (false, true, UpperRight),
        (true, false, LowerLeft),
        (false, false, LowerRight),
    ]
    .into_iter()
    .filter(|(_, _, corner)| !taken.contains(corner))
    .min_by_key(|&(left, upper, _)| hidden(left, upper))
    .map_or(UpperLeft, |(_, _, corner)| corner)
}

/// Fills the area with a clear "no data" message instead of an empty or broken chart.
pub fn no_data<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    what: &str,
) -> crate::Result<()> {
    area.fill(&WHITE).map_err(chart_error)?;
    let (w, h) = area.dim_in_pixel();
    let style = TextStyle::from((FONT, 22.0).into_font()).color(&RGBColor(90, 90, 90));
    let chars = (w / 12).max(8) as usize;
    area.draw_text(&label(title, chars), &style, (20, 20))
        .map_err(chart_error)?;
    let message = label(&format!("No data: {what}"), chars);
    area.draw_text(&message, &style, (20, (h / 2) as i32))
        .map_err(chart_error)?;
    Ok(())
}

/// The palette, shared so every chart reads the same.
pub mod palette {
    use plotters::style::RGBColor;
    pub const INK: RGBColor = RGBColor(33, 37, 41);
    pub const MUTED: RGBColor = RGBColor(134, 142, 150);
    pub const BAR: RGBColor = RGBColor(66, 133, 244);
    pub const DONE: RGBColor = RGBColor(52, 168, 83);
    pub const CRITICAL: RGBColor = RGBColor(219, 68, 55);
    /// Grid lines and borders.
    pub const BASELINE: RGBColor = RGBColor(206, 212, 218);
    /// A milestone's baseline on the roadmap: 3.3:1 against the white ground, so it reads, and
    /// as well against the dark one the window inverts charts to in dark mode.
    pub const BASELINE_BAR: RGBColor = MUTED;
    pub const LANE: RGBColor = RGBColor(241, 243, 245);
    pub const TODAY: RGBColor = RGBColor(244, 160, 0);
    pub const GREEN: RGBColor = RGBColor(52, 168, 83);
    pub const AMBER: RGBColor = RGBColor(251, 188, 4);
    pub const RED: RGBColor = RGBColor(219, 68, 55);
}
