//! The risk heat map: two 5×5 grids of likelihood × impact, inherent beside residual, each cell
//! in its level's colour with the ids of the open risks that sit in it.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{Draw, FONT, chart_error, draw_title, label, no_data, palette};
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
        let (w, _) = area.dim_in_pixel();
        draw_title(area, &input.title)?;
        let body = area.margin(50, 10, 10, 10);
        let (left, right) = body.split_horizontally(w / 2);
        grid(&left, "Inherent", input, |r| (r.likelihood, r.impact))?;
        grid(&right, "Residual", input, |r| {
            (r.residual_likelihood, r.residual_impact)
        })?;
        Ok(())
    }
}

fn grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    name: &str,
    input: &HeatmapInput,
    place: impl Fn(&HeatmapRisk) -> (u8, u8),
) -> crate::Result<()> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let heading =
        TextStyle::from((FONT, 16.0).into_font().style(FontStyle::Bold)).color(&palette::INK);
    let axis = TextStyle::from((FONT, 13.0).into_font()).color(&palette::MUTED);
    area.draw_text(name, &heading, (40, 0))
        .map_err(chart_error)?;
    let (x0, y0) = (40, 28);
    let side = ((w - x0 - 16).min(h - y0 - 40) / 5).max(8);
    let cell_font = (f64::from(side) / 7.0).clamp(8.0, 14.0);
    let ids_style = TextStyle::from((FONT, cell_font).into_font()).color(&palette::INK);
    let per_line = ((f64::from(side) - 8.0) / (cell_font * 0.62)).max(3.0) as usize;
    let lines = ((f64::from(side) - 6.0) / (cell_font * 1.2)).max(1.0) as usize;
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
            for (n, text) in wrap(&ids, per_line, lines).iter().enumerate() {
                let y = cy + 4 + (n as f64 * cell_font * 1.2) as i32;
                area.draw_text(text, &ids_style, (cx + 4, y))
                    .map_err(chart_error)?;
            }
        }
    }
    for n in 1..=5 {
        let y = y0 + (5 - n) * side + side / 2 - 6;
        area.draw_text(&n.to_string(), &axis, (x0 - 14, y))
            .map_err(chart_error)?;
        let x = x0 + (n - 1) * side + side / 2 - 4;
        area.draw_text(&n.to_string(), &axis, (x, y0 + 5 * side + 4))
            .map_err(chart_error)?;
    }
    area.draw_text(
        "Impact →",
        &axis,
        (x0 + 5 * side / 2 - 30, y0 + 5 * side + 20),
    )
    .map_err(chart_error)?;
    area.draw_text("Likelihood ↑", &axis, (0, y0 - 18))
        .map_err(chart_error)?;
    Ok(())
}

/// Ids packed into lines of at most `width` characters; what does not fit ends as "+N".
fn wrap(ids: &[&str], width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, id) in ids.iter().enumerate() {
        let id = label(id, width);
        if !current.is_empty() && current.chars().count() + 1 + id.chars().count() > width {
            out.push(std::mem::take(&mut current));
            if out.len() == lines {
                let last = out.pop().unwrap_or_default();
                out.push(label(&format!("{last} +{}", ids.len() - i), width + 4));
                return out;
            }
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&id);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}
