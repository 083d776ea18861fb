//! The one-page weekly status report a TPM sends to stakeholders: the program and date, the
//! overall status with its reasons, the next milestones, the top five risks, earned value, and
//! a tile per KPI in its status colour. Landscape at 1600×1000, which prints well on A4 or
//! Letter; in one column in a narrow window.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::heatmap::level_colour;
use super::{Draw, bold, chart_error, fit, palette, style, text, text_width, wrap_in_two};
use crate::evm::format_index;
use crate::figures::RiskLevel;
use crate::format::{figure, long_date, money};
use crate::model::{Pack, Rag};
use crate::status::{ProgramStatus, program_status};

#[derive(Debug, Clone, PartialEq)]
pub struct ReportMilestone {
    pub id: String,
    pub title: String,
    pub finish: NaiveDate,
    pub percent_complete: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportRisk {
    pub id: String,
    pub title: String,
    pub score: u32,
    pub level: RiskLevel,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportKpi {
    pub name: String,
    pub value: Option<f64>,
    pub unit: String,
    pub rag: Option<Rag>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatusReportInput {
    pub program: String,
    pub currency: String,
    pub status: ProgramStatus,
    pub next: Vec<ReportMilestone>,
    pub risks: Vec<ReportRisk>,
    pub kpis: Vec<ReportKpi>,
}

impl StatusReportInput {
    pub fn from_pack(pack: &Pack, date: NaiveDate) -> StatusReportInput {
        let status = program_status(pack, date);
        let mut open: Vec<_> = pack.milestones.iter().filter(|m| !m.finished()).collect();
        open.sort_by_key(|m| (m.finish, m.id.clone()));
        let next = open
            .into_iter()
            .take(5)
            .map(|m| ReportMilestone {
                id: m.id.clone(),
                title: m.title.clone(),
                finish: m.finish,
                percent_complete: m.percent_complete,
            })
            .collect();
        let risks = status
            .top_risks
            .iter()
            .map(|r| ReportRisk {
                id: r.id.clone(),
                title: pack
                    .risks
                    .iter()
                    .find(|x| x.id == r.id)
                    .map(|x| x.title.clone())
                    .unwrap_or_default(),
                score: r.score,
                level: r.level,
            })
            .collect();
        let kpis = pack
            .kpis
            .iter()
            .zip(&status.kpis)
            .map(|(k, s)| ReportKpi {
                name: k.name.clone(),
                value: s.latest,
                unit: k.unit.clone(),
                rag: s.rag,
            })
            .collect();
        StatusReportInput {
            program: pack.program.name.clone(),
            currency: pack.program.currency.clone(),
            status,
            next,
            risks,
            kpis,
        }
    }
}

pub fn status_report(input: &StatusReportInput) -> impl Draw + '_ {
    StatusReport(input)
}

struct StatusReport<'a>(&'a StatusReportInput);

pub fn rag_colour(rag: Option<Rag>) -> RGBColor {
    match rag {
        Some(Rag::Green) => palette::GREEN,
        Some(Rag::Amber) => palette::AMBER,
        Some(Rag::Red) => palette::RED,
        None => palette::MUTED,
    }
}

/// The page's margin, and the gap between its columns.
const MARGIN: i32 = 32;
/// The page is drawn in two columns from this width, in one below it.
const TWO_COLUMNS: i32 = 1100;
/// Where the sections start, under the header.
const BODY_TOP: i32 = 150;
/// A section's heading and its rule.
const HEADING_H: i32 = 40;
const REASON_LINE: i32 = text::LINE;
/// A reason's text starts right of its dot.
const REASON_INDENT: i32 = 30;
const MILESTONE_ROW: i32 = 28;
const RISK_ROW: i32 = 32;
const TILE_H: i32 = 100;
const GAP: i32 = 12;
/// At most this many reasons; the rest are counted.
const MOST_REASONS: usize = 6;
/// At most this many KPI tiles.
const MOST_KPIS: usize = 9;

/// Where the page's sections go at a width: in two columns (why and next on the left, risks
/// and KPIs on the right) or one below the other. Text stays at its size at any width; a page
/// too short for everything shows fewer items.
struct Layout {
    /// Each section's left edge and top.
    why: (i32, i32),
    next: (i32, i32),
    risks: (i32, i32),
    kpis: (i32, i32),
    column: i32,
    /// The height that shows every section whole.
    height: i32,
}

impl Layout {
    fn of(input: &StatusReportInput, width: i32) -> Layout {
        let two = width >= TWO_COLUMNS;
        let column = if two {
            (width - 3 * MARGIN) / 2
        } else {
            width - 2 * MARGIN
        };
        // the reasons wrap as `Page::why` wraps them, right of their dots
        let chars = reason_chars(column - REASON_INDENT);
        let why = HEADING_H
            + reasons(input)
                .iter()
                .take(MOST_REASONS + 1)
                .map(|(text, _)| wrap_in_two(text, chars).len() as i32 * REASON_LINE + 8)
                .sum::<i32>();
        let next = HEADING_H + MILESTONE_ROW * input.next.len().max(1) as i32;
        let risks = HEADING_H + RISK_ROW * input.risks.len().max(1) as i32;
        let tiles = input.kpis.len().min(MOST_KPIS);
        let kpis = HEADING_H + (TILE_H + GAP) * tiles.div_ceil(tiles_across(column)) as i32;
        let (x, right, y) = (MARGIN, 2 * MARGIN + column, BODY_TOP);
        if two {
            Layout {
                why: (x, y),
                next: (x, y + why + 16),
                risks: (right, y),
                kpis: (right, y + risks + 16),
                column,
                height: y + (why + next).max(risks + kpis) + 16 + MARGIN,
            }
        } else {
            let next_y = y + why + 16;
            let risks_y = next_y + next + 16;
            let kpis_y = risks_y + risks + 16;
            Layout {
                why: (x, y),
                next: (x, next_y),
                risks: (x, risks_y),
                kpis: (x, kpis_y),
                column,
                height: kpis_y + kpis + MARGIN,
            }
        }
    }
}

/// About how many characters of label text a column holds.
fn reason_chars(column: i32) -> usize {
    (column / 8).max(20) as usize
}

fn tiles_across(column: i32) -> usize {
    if column >= 600 { 3 } else { 2 }
}

/// The reasons for the status, worst first; a green line when there are none.
fn reasons(input: &StatusReportInput) -> Vec<(String, Option<Rag>)> {
    let s = &input.status;
    if s.reasons.is_empty() {
        return vec![(
            "On track: no schedule, cost, KPI, risk or stakeholder warning".into(),
            Some(Rag::Green),
        )];
    }
    s.reasons
        .iter()
        .map(|r| (r.text.clone(), Some(r.rag)))
        .collect()
}

/// The height at which the report of `input`, drawn `width` wide, shows every section whole.
pub fn report_height(input: &StatusReportInput, width: u32) -> u32 {
    u32::try_from(Layout::of(input, width as i32).height).unwrap_or(u32::MAX)
}

impl Draw for StatusReport<'_> {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> crate::Result<()> {
        let input = self.0;
        area.fill(&WHITE).map_err(chart_error)?;
        let (w, h) = area.dim_in_pixel();
        let (w, h) = (w as i32, h as i32);
        let layout = Layout::of(input, w);
        let page = Page {
            area,
            column: layout.column,
            bottom: h - MARGIN / 2,
        };
        page.header(input, w)?;
        page.why(input, layout.why)?;
        page.next(input, layout.next)?;
        page.risks(input, layout.risks)?;
        page.kpis(input, layout.kpis)?;
        Ok(())
    }
}

/// The page being drawn: its column width, and the line nothing is drawn below.
struct Page<'p, DB: DrawingBackend> {
    area: &'p DrawingArea<DB, Shift>,
    column: i32,
    bottom: i32,
}

impl<DB: DrawingBackend> Page<'_, DB> {
    fn text(&self, text: &str, style: &TextStyle<'_>, at: (i32, i32)) -> crate::Result<()> {
        self.area.draw_text(text, style, at).map_err(chart_error)
    }

    /// Whether a row from `y` down `height` pixels is on the page.
    fn room(&self, y: i32, height: i32) -> bool {
        y + height <= self.bottom
    }

    /// The program's name and date, the overall status as a badge, and earned value.
    fn header(&self, input: &StatusReportInput, w: i32) -> crate::Result<()> {
        let s = &input.status;
        let badge_w = 150;
        let name_style = bold(28.0);
        let name = fit(
            self.area,
            &input.program,
            &name_style,
            w - 3 * MARGIN - badge_w,
        );
        self.text(&name, &name_style, (MARGIN, 24))?;
        let subtitle = format!("Weekly program status · {}", s.date.format("%A %-d %B %Y"));
        let muted = style(text::LABEL).color(&palette::MUTED);
        self.text(
            &fit(self.area, &subtitle, &muted, w - 3 * MARGIN - badge_w),
            &muted,
            (MARGIN, 64),
        )?;
        let badge = [(w - MARGIN - badge_w, 22), (w - MARGIN, 78)];
        self.area
            .draw(&Rectangle::new(badge, rag_colour(Some(s.rag)).filled()))
            .map_err(chart_error)?;
        // centred on the badge (placed by its top, the word sat high in it); a word in capitals
        // has nothing below its baseline, so its box's centre is lowered by about half the
        // font's descent to centre the letters themselves
        let word = bold(26.0)
            .color(&WHITE)
            .pos(Pos::new(HPos::Center, VPos::Center));
        self.text(
            s.rag.word(),
            &word,
            (w - MARGIN - badge_w / 2, (22 + 78) / 2 + 5),
        )?;

        let ev = &s.earned_value;
        let money = |v: f64| money(v, &input.currency);
        let evm = format!(
            "SPI {} · CPI {} · earned {} of {} planned · spent {} · EAC {}",
            format_index(ev.spi),
            format_index(ev.cpi),
            money(ev.ev),
            money(ev.pv),
            money(ev.ac),
            ev.eac.map_or_else(|| "n/a".into(), money)
        );
        let body = style(text::LABEL);
        for (k, line) in wrap_in_two(&evm, reason_chars(w - 2 * MARGIN))
            .iter()
            .enumerate()
        {
            let line = fit(self.area, line, &body, w - 2 * MARGIN);
            self.text(&line, &body, (MARGIN, 98 + k as i32 * REASON_LINE))?;
        }
        Ok(())
    }

    /// A section's heading with a rule under it across the column.
    fn heading(&self, title: &str, (x, y): (i32, i32)) -> crate::Result<bool> {
        if !self.room(y, HEADING_H) {
            return Ok(false);
        }
        self.text(title, &bold(text::HEADING), (x, y))?;
        self.area
            .draw(&PathElement::new(
                vec![(x, y + 26), (x + self.column, y + 26)],
                palette::BASELINE,
            ))
            .map_err(chart_error)?;
        Ok(true)
    }

    /// Why this status: the reasons, worst first, each in up to two lines.
    fn why(&self, input: &StatusReportInput, (x, y): (i32, i32)) -> crate::Result<()> {
        if !self.heading("Why this status", (x, y))? {
            return Ok(());
        }
        let reasons = reasons(input);
        let body = style(text::LABEL);
        let chars = reason_chars(self.column - REASON_INDENT);
        let mut y = y + HEADING_H;
        let mut said = 0;
        for (text, rag) in reasons.iter().take(MOST_REASONS) {
            let lines = wrap_in_two(text, chars);
            let height = lines.len() as i32 * REASON_LINE + 8;
            // the last line is kept for "… and N more" when some are left unsaid
            if !self.room(y, height + REASON_LINE) {
                break;
            }
            self.area
                .draw(&Circle::new((x + 8, y + 7), 6, rag_colour(*rag).filled()))
                .map_err(chart_error)?;
            for (k, line) in lines.iter().enumerate() {
                let line = fit(self.area, line, &body, self.column - 26);
                self.text(&line, &body, (x + 24, y + k as i32 * REASON_LINE))?;
            }
            y += height;
            said += 1;
        }
        if said < reasons.len() {
            let more = format!("… and {} more", reasons.len() - said);
            self.text(&more, &body.color(&palette::MUTED), (x + 24, y))?;
        }
        Ok(())
    }

    /// The next milestones to finish, with how far each is done.
    fn next(&self, input: &StatusReportInput, (x, y): (i32, i32)) -> crate::Result<()> {
        if !self.heading("Next milestones", (x, y))? {
            return Ok(());
        }
        let body = style(text::LABEL);
        let strong = bold(text::LABEL);
        if input.next.is_empty() {
            return self.text("Every milestone is finished", &body, (x, y + HEADING_H));
        }
        for (i, m) in input.next.iter().enumerate() {
            let y = y + HEADING_H + i as i32 * MILESTONE_ROW;
            if !self.room(y, MILESTONE_ROW) {
                break;
            }
            let done = format!("{:.0}%", m.percent_complete);
            let done_w = text_width(self.area, &done, &strong);
            let line = format!("{}  {} {}", long_date(m.finish), m.id, m.title);
            let line = fit(self.area, &line, &body, self.column - done_w - 16);
            self.text(&line, &body, (x, y))?;
            self.text(&done, &strong, (x + self.column - done_w, y))?;
        }
        Ok(())
    }

    /// The top risks, each with its score on its level's colour.
    fn risks(&self, input: &StatusReportInput, (x, y): (i32, i32)) -> crate::Result<()> {
        if !self.heading("Top risks", (x, y))? {
            return Ok(());
        }
        let body = style(text::LABEL);
        if input.risks.is_empty() {
            return self.text("No open risks", &body, (x, y + HEADING_H));
        }
        for (i, r) in input.risks.iter().enumerate() {
            let y = y + HEADING_H + i as i32 * RISK_ROW;
            if !self.room(y, RISK_ROW) {
                break;
            }
            self.area
                .draw(&Rectangle::new(
                    [(x, y - 4), (x + 44, y + 22)],
                    level_colour(r.level).filled(),
                ))
                .map_err(chart_error)?;
            let score = r.score.to_string();
            let strong = bold(text::LABEL);
            let sx = x + 22 - text_width(self.area, &score, &strong) / 2;
            self.text(&score, &strong, (sx, y))?;
            let line = fit(
                self.area,
                &format!("{} {}", r.id, r.title),
                &body,
                self.column - 56,
            );
            self.text(&line, &body, (x + 56, y))?;
        }
        Ok(())
    }

    /// A tile per KPI in its status colour, with its latest value.
    fn kpis(&self, input: &StatusReportInput, (x, y): (i32, i32)) -> crate::Result<()> {
        if !self.heading("KPIs", (x, y))? {
            return Ok(());
        }
        let across = tiles_across(self.column);
        // the tiles and their gaps span the rule above them
        let tile_w = (self.column - GAP * (across as i32 - 1)) / across as i32;
        let name_style = style(text::LABEL);
        for (i, k) in input.kpis.iter().take(MOST_KPIS).enumerate() {
            let (col, row) = ((i % across) as i32, (i / across) as i32);
            let (tx, ty) = (
                x + col * (tile_w + GAP),
                y + HEADING_H + row * (TILE_H + GAP),
            );
            if !self.room(ty, TILE_H) {
                break;
            }
            let colour = rag_colour(k.rag);
            self.area
                .draw(&Rectangle::new(
                    [(tx, ty), (tx + tile_w, ty + TILE_H)],
                    colour.mix(0.18).filled(),
                ))
                .map_err(chart_error)?;
            self.area
                .draw(&Rectangle::new(
                    [(tx, ty), (tx + 8, ty + TILE_H)],
                    colour.filled(),
                ))
                .map_err(chart_error)?;
            let inside = tile_w - 26;
            self.text(
                &fit(self.area, &k.name, &name_style, inside),
                &name_style,
                (tx + 18, ty + 10),
            )?;
            let value = k.value.map_or_else(
                || "no reading".into(),
                |v| format!("{} {}", figure(v), k.unit),
            );
            let value_style = bold(24.0);
            self.text(
                &fit(self.area, &value, &value_style, inside),
                &value_style,
                (tx + 18, ty + 36),
            )?;
            let word = k.rag.map_or("", Rag::word);
            self.text(word, &bold(text::LABEL).color(&colour), (tx + 18, ty + 72))?;
        }
        Ok(())
    }
}
