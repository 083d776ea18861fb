//! The stakeholder grid: power against interest, split into Mendelow's four quadrants. Each
//! point of the grid lists the people at it by name, one line each, centred on the point: a dot
//! in the colour of their engagement now, and where it should change, an arrow to a ring in the
//! desired engagement's colour (longer for a wider gap). Lines never overlap: a point with more
//! people than its cell holds ends its list with "+N more".

use std::collections::BTreeMap;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Draw, bold, chart_error, draw_title, fit, no_data, palette, style, text, text_width};
use crate::figures::{Quadrant, engagement_gap};
use crate::model::{Engagement, Pack};

#[derive(Debug, Clone, PartialEq)]
pub struct GridStakeholder {
    pub id: String,
    pub name: String,
    pub power: u8,
    pub interest: u8,
    pub engagement: Engagement,
    pub desired: Engagement,
    pub gap: i32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StakeholderGridInput {
    pub title: String,
    pub stakeholders: Vec<GridStakeholder>,
}

impl StakeholderGridInput {
    pub fn from_pack(pack: &Pack) -> StakeholderGridInput {
        StakeholderGridInput {
            title: format!("{} — stakeholders by power and interest", pack.program.name),
            stakeholders: pack
                .stakeholders
                .iter()
                .map(|s| GridStakeholder {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    power: s.power,
                    interest: s.interest,
                    engagement: s.engagement,
                    desired: s.desired_engagement,
                    gap: engagement_gap(s),
                })
                .collect(),
        }
    }
}

pub fn stakeholder_grid(input: &StakeholderGridInput) -> impl Draw + '_ {
    StakeholderGrid(input)
}

struct StakeholderGrid<'a>(&'a StakeholderGridInput);

fn engagement_colour(e: Engagement) -> RGBColor {
    match e {
        Engagement::Unaware => RGBColor(173, 181, 189),
        Engagement::Resistant => palette::RED,
        Engagement::Neutral => RGBColor(251, 188, 4),
        Engagement::Supportive => RGBColor(66, 133, 244),
        Engagement::Leading => palette::GREEN,
    }
}

const ENGAGEMENTS: [(Engagement, &str); 5] = [
    (Engagement::Unaware, "Unaware"),
    (Engagement::Resistant, "Resistant"),
    (Engagement::Neutral, "Neutral"),
    (Engagement::Supportive, "Supportive"),
    (Engagement::Leading, "Leading"),
];

impl Draw for StakeholderGrid<'_> {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> crate::Result<()> {
        let input = self.0;
        if input.stakeholders.is_empty() {
            return no_data(area, &input.title, "no stakeholders yet");
        }
        area.fill(&WHITE).map_err(chart_error)?;
        let (w, h) = area.dim_in_pixel();
        let (w, h) = (w as i32, h as i32);
        draw_title(area, &input.title)?;
        let (x0, y0, x1, y1) = (70, 50, w - 20, h - 70);
        let cell_w = f64::from(x1 - x0) / 5.0;
        let cell_h = f64::from(y1 - y0) / 5.0;
        let x_of = |interest: f64| x0 + ((interest - 0.5) * cell_w) as i32;
        let y_of = |power: f64| y1 - ((power - 0.5) * cell_h) as i32;

        // quadrants: high means 3 or more, so the split lies between 2 and 3
        let (mx, my) = (x_of(2.5), y_of(2.5));
        let shade = [
            (Quadrant::KeepSatisfied, (x0, y0, mx, my)),
            (Quadrant::ManageClosely, (mx, y0, x1, my)),
            (Quadrant::Monitor, (x0, my, mx, y1)),
            (Quadrant::KeepInformed, (mx, my, x1, y1)),
        ];
        let quadrant_style = bold(text::LABEL).color(&palette::MUTED);
        for (i, (q, (a, b, c, d))) in shade.iter().enumerate() {
            let fill = if i % 3 == 0 { palette::LANE } else { WHITE };
            area.draw(&Rectangle::new([(*a, *b), (*c, *d)], fill.filled()))
                .map_err(chart_error)?;
            area.draw_text(q.label(), &quadrant_style, (a + 8, b + 6))
                .map_err(chart_error)?;
        }
        // faint lines between the scores, so each point's list reads as a cell around its
        // tick rather than as dots plotted left of it
        let cell_line = palette::BASELINE.mix(0.5);
        for n in [1.5, 3.5, 4.5] {
            area.draw(&PathElement::new(
                vec![(x_of(n), y0), (x_of(n), y1)],
                cell_line,
            ))
            .map_err(chart_error)?;
            area.draw(&PathElement::new(
                vec![(x0, y_of(n)), (x1, y_of(n))],
                cell_line,
            ))
            .map_err(chart_error)?;
        }
        area.draw(&Rectangle::new(
            [(x0, y0), (x1, y1)],
            palette::BASELINE.stroke_width(1),
        ))
        .map_err(chart_error)?;
        let axis = style(text::LABEL).color(&palette::MUTED);
        for n in 1..=5 {
            let digit = n.to_string();
            let half = text_width(area, &digit, &axis) / 2;
            area.draw_text(&digit, &axis, (x_of(f64::from(n)) - half, y1 + 4))
                .map_err(chart_error)?;
            area.draw_text(&digit, &axis, (x0 - 10 - 2 * half, y_of(f64::from(n)) - 8))
                .map_err(chart_error)?;
        }
        let interest = "Interest →";
        let x = (x0 + x1 - text_width(area, interest, &axis)) / 2;
        area.draw_text(interest, &axis, (x, y1 + 22))
            .map_err(chart_error)?;
        // up the left side, read from below
        let power = "Power →";
        let y = (y0 + y1 + text_width(area, power, &axis)) / 2;
        area.draw_text(power, &axis.transform(FontTransform::Rotate270), (12, y))
            .map_err(chart_error)?;

        let mut at_point: BTreeMap<(u8, u8), Vec<&GridStakeholder>> = BTreeMap::new();
        for s in &input.stakeholders {
            at_point.entry((s.power, s.interest)).or_default().push(s);
        }
        let cell = Cell {
            w: cell_w as i32,
            h: cell_h as i32,
        };
        for ((power, interest), people) in at_point {
            let centre = (x_of(f64::from(interest)), y_of(f64::from(power)));
            // below the quadrant's name, where the cell holds it
            let below = if names_its_quadrant(power, interest) {
                QUADRANT_NAME_H
            } else {
                0
            };
            cell.draw_people(area, centre, below, &people)?;
        }
        legend(area, h)
    }
}

/// Whether the point is its quadrant's top-left cell, where the quadrant's name is written.
fn names_its_quadrant(power: u8, interest: u8) -> bool {
    let quadrant = Quadrant::of(power, interest);
    (power == 5 || Quadrant::of(power + 1, interest) != quadrant)
        && (interest == 1 || Quadrant::of(power, interest - 1) != quadrant)
}

/// The height a quadrant's name takes at the top of its cell (written 6 px down), in pixels.
const QUADRANT_NAME_H: i32 = text::LINE + 6;

/// One point's cell of the grid, in pixels.
struct Cell {
    w: i32,
    h: i32,
}

const LINE_H: i32 = text::LINE;
const DOT_R: i32 = 5;

impl Cell {
    /// The people at one point, a line each, centred on it in the cell below its top `below`
    /// pixels; "+N more" when they do not fit.
    fn draw_people<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        (cx, cy): (i32, i32),
        below: i32,
        people: &[&GridStakeholder],
    ) -> crate::Result<()> {
        let style = style(text::LABEL);
        let cy = cy + below / 2;
        let room = ((self.h - 8 - below) / LINE_H).max(1) as usize;
        let shown = if people.len() > room {
            room - 1
        } else {
            people.len()
        };
        let lines = shown + usize::from(shown < people.len());
        let top = cy - (lines as i32 * LINE_H) / 2;
        let left = cx - self.w / 2 + 6;
        let text_x = left + 2 * DOT_R + 4 + arrow_length(4) + 2 * DOT_R + 4;
        let text_w = cx + self.w / 2 - 4 - text_x;
        for (k, s) in people.iter().take(shown).enumerate() {
            let y = top + k as i32 * LINE_H + LINE_H / 2;
            let dot = (left + DOT_R, y);
            if s.desired != s.engagement {
                let tip = dot.0 + DOT_R + arrow_length(s.gap.abs()) + DOT_R;
                area.draw(&PathElement::new(
                    vec![dot, (tip, y)],
                    ShapeStyle::from(&palette::MUTED).stroke_width(2),
                ))
                .map_err(chart_error)?;
                area.draw(&Circle::new(
                    (tip, y),
                    DOT_R,
                    engagement_colour(s.desired).stroke_width(2),
                ))
                .map_err(chart_error)?;
            }
            area.draw(&Circle::new(
                dot,
                DOT_R,
                engagement_colour(s.engagement).filled(),
            ))
            .map_err(chart_error)?;
            area.draw_text(&fit(area, &s.name, &style, text_w), &style, (text_x, y - 8))
                .map_err(chart_error)?;
        }
        if shown < people.len() {
            let y = top + shown as i32 * LINE_H + LINE_H / 2;
            let more = format!("+{} more", people.len() - shown);
            area.draw_text(&more, &style.color(&palette::MUTED), (text_x, y - 8))
                .map_err(chart_error)?;
        }
        Ok(())
    }
}

/// The arrow from engagement now to the desired one: longer for a wider gap.
fn arrow_length(gap: i32) -> i32 {
    4 + 4 * gap.min(4)
}

fn legend<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, h: i32) -> crate::Result<()> {
    let style = style(text::LABEL);
    let (w, _) = area.dim_in_pixel();
    let fits = |x: i32, text: &str| x + text_width(area, text, &style) <= w as i32 - 8;
    let mut x = 12;
    let intro = "engagement:";
    area.draw_text(intro, &style, (x, h - 26))
        .map_err(chart_error)?;
    x += text_width(area, intro, &style) + 10;
    // what does not fit in the width is left out
    for (e, name) in ENGAGEMENTS {
        if !fits(x + 16, name) {
            return Ok(());
        }
        area.draw(&Circle::new(
            (x + 6, h - 18),
            6,
            engagement_colour(e).filled(),
        ))
        .map_err(chart_error)?;
        area.draw_text(name, &style, (x + 16, h - 26))
            .map_err(chart_error)?;
        x += 16 + text_width(area, name, &style) + 14;
    }
    let key = "filled: now · ring: desired";
    if fits(x + 10, key) {
        area.draw_text(key, &style, (x + 10, h - 26))
            .map_err(chart_error)?;
    }
    Ok(())
}
