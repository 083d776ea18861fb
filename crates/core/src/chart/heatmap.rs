//! The risk heat map: two 5×5 grids of likelihood × impact, inherent beside residual, each cell
//! in its level's colour with the ids of the open risks that sit in it.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Draw, bold, chart_error, draw_title, no_data, palette, style, text, text_width};
use crate::figures::RiskLevel;
use crate::model::{Pack, RiskStatus};

/// One risk's place on both grids.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatmapRisk {
    pub id: String,
    pub likelihood: u8,
    pub impact: u8,
    pub residual_likelihood: u8,
    pub residual_impact: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HeatmapInput {
    pub title: String,
    pub risks: Vec<HeatmapRisk>,
}

impl HeatmapInput {
    /// The program's open risks.
    pub fn from_pack(pack: &Pack) -> HeatmapInput {
        HeatmapInput {
            title: format!("{} — risk heat map (open risks)", pack.program.name),
            risks: pack
                .risks
                .iter()
                .filter(|r| r.status == RiskStatus::Open)
                .map(|r| HeatmapRisk {
                    id: r.id.clone(),
                    likelihood: r.likelihood,
                    impact: r.impact,
                    residual_likelihood: r.residual_likelihood.unwrap_or(r.likelihood),
                    residual_impact: r.residual_impact.unwrap_or(r.impact),
                })
                .collect(),
        }
    }
}

pub fn heatmap(input: &HeatmapInput) -> impl Draw + '_ {
    Heatmap(input)
}

struct Heatmap<'a>(&'a HeatmapInput);

pub fn level_colour(level: RiskLevel) -> RGBColor {
    match level {
        RiskLevel::Low => RGBColor(183, 225, 161),
        RiskLevel::Medium => RGBColor(255, 229, 153),
        RiskLevel::High => RGBColor(249, 183, 120),
        RiskLevel::Critical => RGBColor(234, 128, 118),
    }
}

impl Draw for Heatmap<'_> {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> crate::Result<()> {
        let input = self.0;
        if input.risks.is_empty() {
            return no_data(area, &input.title, "no open risks");
        }
        area.fill(&WHITE).map_err(chart_error)?;
        let (w, h) = area.dim_in_pixel();
        draw_title(area, &input.title)?;
        let body = area.margin(50, 10, 10, 10);
        let (left, right) = body.split_horizontally((w - 20) / 2);
        // both panels at one size and scale: the cell side that fits the smaller half
        let (half_w, half_h) = ((w as i32 - 20) / 2, h as i32 - 60);
        let side = ((half_w - X0 - 16).min(half_h - Y0 - 48) / 5).max(8);
        grid(&left, "Inherent", input, side, |r| (r.likelihood, r.impact))?;
        grid(&right, "Residual", input, side, |r| {
            (r.residual_likelihood, r.residual_impact)
        })?;
        Ok(())
    }
}

/// Where a panel's grid starts, right of the likelihood numbers and under the heading.
const X0: i32 = 44;
const Y0: i32 = 30;

fn grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    name: &str,
    input: &HeatmapInput,
    side: i32,
    place: impl Fn(&HeatmapRisk) -> (u8, u8),
) -> crate::Result<()> {
    let heading = bold(text::HEADING);
    let axis = style(text::LABEL).color(&palette::MUTED);
    let ids_style = style(text::LABEL);
    area.draw_text(name, &heading, (X0, 0))
        .map_err(chart_error)?;
    let (x0, y0) = (X0, Y0);
    for likelihood in 1..=5u8 {
        for impact in 1..=5u8 {
            let cx = x0 + (i32::from(impact) - 1) * side;
            let cy = y0 + (5 - i32::from(likelihood)) * side;
            let colour = level_colour(RiskLevel::of(likelihood, impact));
            area.draw(&Rectangle::new(
                [(cx, cy), (cx + side, cy + side)],
                colour.filled(),
            ))
            .map_err(chart_error)?;
            area.draw(&Rectangle::new(
                [(cx, cy), (cx + side, cy + side)],
                WHITE.stroke_width(2),
            ))
            .map_err(chart_error)?;
            let ids: Vec<&str> = input
                .risks
                .iter()
                .filter(|r| place(r) == (likelihood, impact))
                .map(|r| r.id.as_str())
                .collect();
            let fits = |t: &str| text_width(area, t, &ids_style) <= side - 8;
            let lines = cell_lines(&ids, ((side - 6) / text::LINE).max(1) as usize, fits);
            // centred in the cell, across and down
            let top = cy + (side - text::LINE * lines.len() as i32) / 2 + 2;
            for (n, line) in lines.iter().enumerate() {
                let x = cx + (side - text_width(area, line, &ids_style)) / 2;
                area.draw_text(line, &ids_style, (x, top + n as i32 * text::LINE))
                    .map_err(chart_error)?;
            }
        }
    }
    for n in 1..=5 {
        let digit = n.to_string();
        let half = text_width(area, &digit, &axis) / 2;
        let y = y0 + (5 - n) * side + side / 2 - 8;
        area.draw_text(&digit, &axis, (x0 - 10 - 2 * half, y))
            .map_err(chart_error)?;
        let x = x0 + (n - 1) * side + side / 2 - half;
        area.draw_text(&digit, &axis, (x, y0 + 5 * side + 4))
            .map_err(chart_error)?;
    }
    let impact = "Impact →";
    let x = x0 + 5 * side / 2 - text_width(area, impact, &axis) / 2;
    area.draw_text(impact, &axis, (x, y0 + 5 * side + 22))
        .map_err(chart_error)?;
    // up the left side, read from below
    let likelihood = "Likelihood →";
    let y = y0 + 5 * side / 2 + text_width(area, likelihood, &axis) / 2;
    area.draw_text(
        likelihood,
        &axis.transform(FontTransform::Rotate270),
        (2, y),
    )
    .map_err(chart_error)?;
    Ok(())
}

/// The lines a cell shows of its risks' ids, at most `room` of them, each passing `fits`: every
/// id where they fit; otherwise a count first ("7 risks"), then as many ids as fit, the last
/// line ending "+N" for those left out.
fn cell_lines(ids: &[&str], room: usize, fits: impl Fn(&str) -> bool) -> Vec<String> {
    let joined =
        |lines: Vec<Vec<&str>>| -> Vec<String> { lines.into_iter().map(|l| l.join(" ")).collect() };
    let packed = pack(ids, &fits);
    if packed.len() <= room {
        return joined(packed);
    }
    let count = format!("{} risks", ids.len());
    let mut lines = vec![if fits(&count) {
        count
    } else {
        ids.len().to_string()
    }];
    // as many ids as fit under the count, then "+N", at the end of their last line or below
    let most: usize = packed.iter().take(room - 1).map(Vec::len).sum();
    for shown in (0..=most).rev() {
        let more = format!("+{}", ids.len() - shown);
        let mut body = joined(pack(&ids[..shown], &fits));
        if let Some(last) = body.last_mut().filter(|l| fits(&format!("{l} {more}"))) {
            last.push_str(&format!(" {more}"));
        } else {
            body.push(more);
        }
        if body.len() < room {
            lines.extend(body);
            break;
        }
    }
    lines
}

/// Ids packed greedily into lines that each pass `fits`; an id too wide alone has its own line.
fn pack<'a>(ids: &[&'a str], fits: &impl Fn(&str) -> bool) -> Vec<Vec<&'a str>> {
    let mut lines: Vec<Vec<&str>> = Vec::new();
    for &id in ids {
        match lines.last_mut() {
            Some(line) if fits(&format!("{} {id}", line.join(" "))) => line.push(id),
            _ => lines.push(vec![id]),
        }
    }
    lines
}
