//! The roadmap Gantt: a lane per workstream, a bar per milestone (a diamond when it has no
//! duration), the baseline behind the current plan, dependency arrows, the critical path in red,
//! and a line at the status date.

use std::collections::HashMap;

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

use serde::Serialize;
use ts_rs::TS;

use super::{
    Draw, Size, bold, chart_error, draw_caption, fit, no_data, palette, status_label, style, text,
    text_width, wrap_in_two,
};
use crate::format::{date_ticks, figure};
use crate::model::Pack;
use crate::schedule;

/// One bar of the Gantt.
#[derive(Debug, Clone, PartialEq)]
pub struct GanttBar {
    pub id: String,
    pub title: String,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    pub baseline: Option<(NaiveDate, NaiveDate)>,
    pub percent_complete: f64,
    pub critical: bool,
    pub depends_on: Vec<String>,
    /// The predecessors this bar is planned to start before, while both are unfinished.
    pub conflicts: Vec<String>,
}

/// Everything the Gantt draws, grouped in lanes.
#[derive(Debug, Clone, PartialEq)]
pub struct GanttInput {
    pub title: String,
    pub today: NaiveDate,
    /// Lane name and its bars, in display order.
    pub lanes: Vec<(String, Vec<GanttBar>)>,
    /// How many milestones the plan has: more than the bars when it is drawn in part (see
    /// [`GanttInput::labelled`]), and the title then says so.
    pub planned: usize,
}

impl GanttInput {
    /// The program's roadmap as of its status date.
    pub fn from_pack(pack: &Pack) -> GanttInput {
        let schedule = schedule::analyse(&pack.milestones, pack.program.as_of());
        let critical: std::collections::HashSet<&str> = schedule
            .iter()
            .flat_map(|s| s.critical_path.iter().map(String::as_str))
            .collect();
        let conflicts = |id: &str| -> Vec<String> {
            schedule
                .iter()
                .flat_map(|s| &s.conflicts)
                .filter(|(m, _)| m == id)
                .map(|(_, dep)| dep.clone())
                .collect()
        };
        let mut lanes: Vec<(String, Vec<GanttBar>)> = pack
            .workstreams
            .iter()
            .map(|w| (w.name.clone(), Vec::new()))
            .collect();
        let lane_of: HashMap<&str, usize> = pack
            .workstreams
            .iter()
            .enumerate()
            .map(|(i, w)| (w.id.as_str(), i))
            .collect();
        for m in &pack.milestones {
            let bar = GanttBar {
                id: m.id.clone(),
                title: m.title.clone(),
                start: m.start,
                finish: m.finish,
                baseline: (m.baseline_start.is_some())
                    .then(|| (m.baseline_start(), m.baseline_finish())),
                percent_complete: m.percent_complete,
                critical: critical.contains(m.id.as_str()),
                depends_on: m.depends_on.clone(),
                conflicts: conflicts(&m.id),
            };
            match lane_of.get(m.workstream.as_str()) {
                Some(&i) => lanes[i].1.push(bar),
                None => lanes.push((m.workstream.clone(), vec![bar])),
            }
        }
        lanes.retain(|(_, bars)| !bars.is_empty());
        GanttInput {
            title: format!("{} — roadmap", pack.program.name),
            today: pack.program.as_of(),
            lanes,
            planned: pack.milestones.len(),
        }
    }

    fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let bars = self.lanes.iter().flat_map(|(_, b)| b);
        let starts = bars
            .clone()
            .flat_map(|b| [Some(b.start), b.baseline.map(|x| x.0)])
            .flatten();
        let finishes = bars
            .flat_map(|b| [Some(b.finish), b.baseline.map(|x| x.1)])
            .flatten();
        let lo = starts.min()?.min(self.today);
        let hi = finishes.max()?.max(self.today);
        Some((lo, hi.max(lo.succ_opt().unwrap_or(lo))))
    }
}

/// Draws the roadmap Gantt.
pub fn gantt(input: &GanttInput) -> impl Draw + '_ {
    Gantt(input)
}

struct Gantt<'a>(&'a GanttInput);

/// Pixel geometry of the plot.
struct Frame {
    left: i32,
    right: i32,
    top: i32,
    row_h: f64,
    lo: NaiveDate,
    days: f64,
}

impl Frame {
    fn x(&self, d: NaiveDate) -> i32 {
        let t = (d - self.lo).num_days() as f64 / self.days;
        self.left + (t * f64::from(self.right - self.left)).round() as i32
    }
    fn y(&self, row: usize) -> i32 {
        self.top + (row as f64 * self.row_h).round() as i32
    }
}

/// Above the plot: the title, the status date's label and the axis labels.
const TOP: i32 = 80;
/// Below the plot: the legend.
const BOTTOM: i32 = 40;
/// A row's height when the roadmap is drawn as tall as its rows need.
const ROW: i32 = 26;

impl Frame {
    /// The plot of `input` drawn at `w`×`h` pixels, with the span of dates it covers; `None`
    /// when there is nothing to draw.
    fn of(input: &GanttInput, w: i32, h: i32) -> Option<(Frame, NaiveDate)> {
        let (lo, hi) = input.span()?;
        let frame = Frame {
            left: label_width(w) + 8,
            right: w - 16,
            top: TOP,
            row_h: f64::from((h - TOP - BOTTOM).max(10)) / input.rows().max(1) as f64,
            lo,
            days: (hi - lo).num_days().max(1) as f64,
        };
        Some((frame, hi))
    }
}

impl GanttInput {
    /// Each lane has a heading row for its name, then a row per bar.
    fn rows(&self) -> usize {
        self.lanes.iter().map(|(_, b)| b.len() + 1).sum()
    }

    /// How many milestones the roadmap has.
    pub fn bars(&self) -> usize {
        self.lanes.iter().map(|(_, b)| b.len()).sum()
    }

    /// The roadmap as the window draws it: whole when its rows can all be labelled on a drawing
    /// at most [`Size::MAX_SIDE`] tall, otherwise its first rows in plan order, as many as can
    /// be (5,000 milestones drawn whole get 2 pixels a row, no labels, and a 1.5 MB drawing
    /// that the webview took 0.2-1.4 s to decode). What each bar shows (critical, conflicts) is
    /// worked out on the whole plan before.
    pub fn labelled(self) -> GanttInput {
        self.labelled_in(Size::MAX_SIDE)
    }

    /// The roadmap as a drawing `height` pixels tall can label it: whole, or its first rows (at
    /// least one milestone's, labelled or not), as [`GanttInput::labelled`] does for the tallest
    /// drawing.
    pub fn labelled_in(mut self, height: u32) -> GanttInput {
        let height = i32::try_from(height).unwrap_or(i32::MAX);
        let room = ((height - TOP - BOTTOM) / text::LINE).max(2);
        let mut left = usize::try_from(room).unwrap_or(0);
        for (_, bars) in &mut self.lanes {
            // the lane's heading takes a row
            left = left.saturating_sub(1);
            bars.truncate(left);
            left -= bars.len();
        }
        self.lanes.retain(|(_, bars)| !bars.is_empty());
        self
    }

    /// The height that gives every row room for its label: a window shows a roadmap this tall
    /// and scrolls it, rather than shrink its text.
    pub fn readable_height(&self) -> u32 {
        let rows = u32::try_from(self.rows()).unwrap_or(u32::MAX);
        rows.saturating_mul(ROW as u32)
            .saturating_add((TOP + BOTTOM) as u32)
    }
}

fn label_width(w: i32) -> i32 {
    (w / 4).clamp(60, 320)
}

/// Where one milestone is on a roadmap drawn at a given size, so the window can tell which
/// milestone is under the pointer: its row spans `top`..`bottom`, its bar `left`..`right`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GanttRow {
    pub id: String,
    pub title: String,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_finish: Option<NaiveDate>,
    pub percent_complete: f64,
    pub critical: bool,
    pub top: i32,
    pub bottom: i32,
    pub left: i32,
    pub right: i32,
}

/// The milestones' rows of the roadmap drawn at `size`, in drawing order (top to bottom).
pub fn gantt_rows(input: &GanttInput, size: Size) -> Vec<GanttRow> {
    let Some((f, _)) = Frame::of(input, size.width as i32, size.height as i32) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    let mut row = 0usize;
    for (_, bars) in &input.lanes {
        row += 1; // the lane's heading
        for bar in bars {
            rows.push(GanttRow {
                id: bar.id.clone(),
                title: bar.title.clone(),
                start: bar.start,
                finish: bar.finish,
                baseline_finish: bar.baseline.map(|b| b.1),
                percent_complete: bar.percent_complete,
                critical: bar.critical,
                top: f.y(row),
                bottom: f.y(row + 1),
                left: f.x(bar.start),
                right: f.x(bar.finish),
            });
            row += 1;
        }
    }
    rows
}

impl Draw for Gantt<'_> {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> crate::Result<()> {
        let input = self.0;
        let (w, h) = area.dim_in_pixel();
        let (w, h) = (w as i32, h as i32);
        let Some((frame, hi)) = Frame::of(input, w, h) else {
            return no_data(area, &input.title, "this program has no milestones yet");
        };
        area.fill(&WHITE).map_err(chart_error)?;
        let label_w = label_width(w);
        let drawn = input.bars();
        let part = if drawn < input.planned {
            format!(
                ": the first {} of {} milestones",
                figure(drawn as f64),
                figure(input.planned as f64)
            )
        } else {
            String::new()
        };
        draw_caption(area, &input.title, &part)?;
        draw_axis(area, &frame, hi, h)?;
        let positions = draw_lanes(area, input, &frame, label_w)?;
        draw_dependencies(area, input, &frame, &positions)?;
        draw_today(area, &frame, input.today, h)?;
        draw_legend(area, h)?;
        Ok(())
    }
}

fn draw_axis<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    hi: NaiveDate,
    h: i32,
) -> crate::Result<()> {
    let style = style(text::LABEL).color(&palette::MUTED);
    let room = u32::try_from(f.right - f.left).unwrap_or(0);
    let (w, _) = area.dim_in_pixel();
    let ticks = date_ticks(f.lo, hi, (room / 100).clamp(2, 16) as usize);
    // the plan's first day where the first tick leaves room for it: a plan starting on 4 January
    // has no tick until 1 February, and its first weeks would read as no month at all
    let start = f.lo.format("%-d %b %Y").to_string();
    let first_x = ticks.first().map_or(f.right, |t| f.x(t.date));
    if first_x - f.left > text_width(area, &start, &style) + 12 {
        area.draw_text(&start, &style, (f.left + 3, f.top - 22))
            .map_err(chart_error)?;
    }
    for tick in ticks {
        let x = f.x(tick.date);
        area.draw(&PathElement::new(
            vec![(x, f.top - 6), (x, h - 40)],
            palette::BASELINE,
        ))
        .map_err(chart_error)?;
        // a label that would run off the right edge is left out rather than cut
        if x + 3 + text_width(area, &tick.label, &style) <= w as i32 {
            area.draw_text(&tick.label, &style, (x + 3, f.top - 22))
                .map_err(chart_error)?;
        }
    }
    Ok(())
}

/// Draws lane bands, row labels, baselines and bars; returns each bar's row and pixel ends.
fn draw_lanes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: &GanttInput,
    f: &Frame,
    label_w: i32,
) -> crate::Result<HashMap<String, (i32, i32, i32)>> {
    let lane_style = bold(text::LABEL);
    let row_style = style(text::LABEL);
    let line_h = text::LINE;
    // a row too low for a line of text goes without its label: fewer labels, never smaller
    let labelled = f.row_h >= f64::from(line_h);
    let chars = (label_w / 7) as usize;
    let mut positions = HashMap::new();
    let mut row = 0usize;
    for (i, (lane, bars)) in input.lanes.iter().enumerate() {
        let (y0, y1) = (f.y(row), f.y(row + bars.len() + 1));
        if i % 2 == 0 {
            area.draw(&Rectangle::new(
                [(0, y0), (f.right + 16, y1)],
                palette::LANE.filled(),
            ))
            .map_err(chart_error)?;
        }
        if labelled {
            let y = (f.y(row) + f.y(row + 1) - line_h) / 2 + 2;
            // the lane's name stays in the label column, clear of the plot
            let name = fit(area, lane, &lane_style, f.left - 12);
            area.draw_text(&name, &lane_style, (6, y))
                .map_err(chart_error)?;
        }
        row += 1;
        for bar in bars {
            let (top, bottom) = (f.y(row), f.y(row + 1));
            let mid = (top + bottom) / 2;
            let pad = ((bottom - top) / 5).max(1);
            if labelled {
                let text = format!("{} {}", bar.id, bar.title);
                // two lines where the row has room for them, before anything is cut
                let lines = if f.row_h >= f64::from(2 * line_h + 4) {
                    wrap_in_two(&text, chars.saturating_sub(2))
                } else {
                    vec![text]
                };
                let first_y = mid - line_h * lines.len() as i32 / 2 + 2;
                for (k, line) in lines.iter().enumerate() {
                    let line = fit(area, line, &row_style, label_w - 14);
                    area.draw_text(&line, &row_style, (14, first_y + line_h * k as i32))
                        .map_err(chart_error)?;
                }
            }
            if let Some((bs, bf)) = bar.baseline {
                area.draw(&Rectangle::new(
                    [(f.x(bs), mid), (f.x(bf).max(f.x(bs) + 2), bottom - pad)],
                    palette::BASELINE_BAR.filled(),
                ))
                .map_err(chart_error)?;
            }
            let (x0, x1) = (f.x(bar.start), f.x(bar.finish));
            let colour = if bar.critical {
                palette::CRITICAL
            } else {
                palette::BAR
            };
            if bar.start == bar.finish {
                let r = ((bottom - top) / 2 - pad).max(3);
                area.draw(&Polygon::new(
                    vec![(x0, mid - r), (x0 + r, mid), (x0, mid + r), (x0 - r, mid)],
                    colour.filled(),
                ))
                .map_err(chart_error)?;
            } else {
                let bar_bottom = if bar.baseline.is_some() {
                    mid
                } else {
                    bottom - pad
                };
                area.draw(&Rectangle::new(
                    [(x0, top + pad), (x1.max(x0 + 2), bar_bottom)],
                    colour.mix(0.45).filled(),
                ))
                .map_err(chart_error)?;
                let done = x0 + ((x1 - x0) as f64 * bar.percent_complete / 100.0).round() as i32;
                if done > x0 {
                    area.draw(&Rectangle::new(
                        [(x0, top + pad), (done, bar_bottom)],
                        colour.filled(),
                    ))
                    .map_err(chart_error)?;
                }
            }
            positions.insert(bar.id.clone(), (mid, x0, x1));
            row += 1;
        }
    }
    Ok(positions)
}

fn draw_dependencies<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: &GanttInput,
    f: &Frame,
    positions: &HashMap<String, (i32, i32, i32)>,
) -> crate::Result<()> {
    let head = (f.row_h / 4.0).clamp(2.0, 5.0) as i32;
    for bar in input.lanes.iter().flat_map(|(_, b)| b) {
        let Some(&(to_y, to_x, _)) = positions.get(&bar.id) else {
            continue;
        };
        for dep in &bar.depends_on {
            let Some(&(from_y, _, from_x)) = positions.get(dep) else {
                continue;
            };
            let elbow = from_x.max(to_x - 2 * head);
            let path = [
                (from_x, from_y),
                (elbow, from_y),
                (elbow, to_y),
                (to_x, to_y),
            ];
            // a dependency the plan breaks is dashed and red
            let colour = if bar.conflicts.contains(dep) {
                area.draw(&DashedPathElement::new(
                    path,
                    5,
                    4,
                    palette::CRITICAL.stroke_width(2),
                ))
                .map_err(chart_error)?;
                palette::CRITICAL
            } else {
                area.draw(&PathElement::new(path.to_vec(), palette::MUTED))
                    .map_err(chart_error)?;
                palette::MUTED
            };
            area.draw(&Polygon::new(
                vec![
                    (to_x, to_y),
                    (to_x - head, to_y - head),
                    (to_x - head, to_y + head),
                ],
                colour.filled(),
            ))
            .map_err(chart_error)?;
        }
    }
    Ok(())
}

fn draw_today<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    f: &Frame,
    today: NaiveDate,
    h: i32,
) -> crate::Result<()> {
    let x = f.x(today);
    area.draw(&PathElement::new(
        vec![(x, f.top - 8), (x, h - 40)],
        ShapeStyle::from(&palette::TODAY).stroke_width(2),
    ))
    .map_err(chart_error)?;
    let style = bold(text::LABEL).color(&palette::TODAY);
    let label = status_label(today);
    // beside the line, or to its left where it would run off the right edge
    let width = text_width(area, &label, &style);
    let (w, _) = area.dim_in_pixel();
    let x = if x + 4 + width <= w as i32 {
        x + 4
    } else {
        x - 4 - width
    };
    area.draw_text(&label, &style, (x.max(0), f.top - 46))
        .map_err(chart_error)?;
    Ok(())
}

fn draw_legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, h: i32) -> crate::Result<()> {
    let style = style(text::LABEL);
    let (w, _) = area.dim_in_pixel();
    let items = [
        (palette::BAR, "planned (solid part done)"),
        (palette::CRITICAL, "critical path"),
        (palette::BASELINE_BAR, "baseline"),
        (palette::TODAY, "status date"),
        (palette::CRITICAL, "- - broken dependency"),
    ];
    let mut x = 12;
    for (colour, text) in items {
        let width = text_width(area, text, &style);
        // what does not fit in the width is left out
        if x + 20 + width > w as i32 {
            break;
        }
        area.draw(&Rectangle::new(
            [(x, h - 26), (x + 14, h - 14)],
            colour.filled(),
        ))
        .map_err(chart_error)?;
        area.draw_text(text, &style, (x + 20, h - 29))
            .map_err(chart_error)?;
        x += 20 + width + 20;
    }
    Ok(())
}
