//! The one-page weekly status report a TPM sends to stakeholders: the program and date, the
//! overall status with its reasons, the next milestones, the top five risks, earned value, and
//! a tile per KPI in its status colour. Landscape; 1600×1000 prints well on A4 or Letter.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::heatmap::level_colour;
use super::{Draw, FONT, chart_error, label, palette, wrap_in_two};
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

/// Text at a size relative to the page, so any page size lays out alike.
struct Page {
    scale: f64,
}

impl Page {
    fn font(&self, size: f64, bold: bool) -> TextStyle<'static> {
        let font = (FONT, size * self.scale).into_font();
        let font = if bold {
            font.style(FontStyle::Bold)
        } else {
            font
        };
        TextStyle::from(font).color(&palette::INK)
    }
    fn px(&self, v: f64) -> i32 {
        (v * self.scale) as i32
    }
}

impl Draw for StatusReport<'_> {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> crate::Result<()> {
        let input = self.0;
        let s = &input.status;
        area.fill(&WHITE).map_err(chart_error)?;
        let (w, h) = area.dim_in_pixel();
        let page = Page {
            scale: (f64::from(w) / 1600.0).min(f64::from(h) / 1000.0),
        };
        let p = |v: f64| page.px(v);

        // header: name and date, and the overall status as a badge
        area.draw_text(
            &label(&input.program, 60),
            &page.font(34.0, true),
            (p(40.0), p(30.0)),
        )
        .map_err(chart_error)?;
        let subtitle = format!("Weekly program status · {}", s.date.format("%A %-d %B %Y"));
        area.draw_text(
            &subtitle,
            &page.font(18.0, false).color(&palette::MUTED),
            (p(40.0), p(80.0)),
        )
        .map_err(chart_error)?;
        let badge = [(p(1330.0), p(28.0)), (p(1560.0), p(100.0))];
        area.draw(&Rectangle::new(badge, rag_colour(Some(s.rag)).filled()))
            .map_err(chart_error)?;
        area.draw_text(
            s.rag.word(),
            &page.font(32.0, true).color(&WHITE),
            (p(1350.0), p(45.0)),
        )
        .map_err(chart_error)?;

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
        area.draw_text(&evm, &page.font(17.0, false), (p(40.0), p(125.0)))
            .map_err(chart_error)?;

        // left: why, and what comes next
        heading(area, &page, "Why this status", 40.0, 175.0)?;
        let reasons: Vec<(String, Option<Rag>)> = if s.reasons.is_empty() {
            vec![(
                "On track: no schedule, cost, KPI, risk or stakeholder warning".into(),
                Some(Rag::Green),
            )]
        } else {
            s.reasons
                .iter()
                .map(|r| (r.text.clone(), Some(r.rag)))
                .collect()
        };
        // worst first, each in up to two lines, as many as the column holds
        let mut y = 215.0;
        let mut said = 0;
        for (text, rag) in &reasons {
            let lines = wrap_in_two(text, 80);
            let height = lines.len() as f64 * 22.0;
            if y + height > 450.0 {
                break;
            }
            area.draw(&Circle::new(
                (p(50.0), p(y + 10.0)),
                p(7.0),
                rag_colour(*rag).filled(),
            ))
            .map_err(chart_error)?;
            for (k, line) in lines.iter().enumerate() {
                let at = (p(66.0), p(y + k as f64 * 22.0));
                area.draw_text(line, &page.font(16.0, false), at)
                    .map_err(chart_error)?;
            }
            y += height + 8.0;
            said += 1;
        }
        if said < reasons.len() {
            let more = format!("… and {} more", reasons.len() - said);
            area.draw_text(
                &more,
                &page.font(15.0, false).color(&palette::MUTED),
                (p(66.0), p(455.0)),
            )
            .map_err(chart_error)?;
        }
        heading(area, &page, "Next milestones", 40.0, 490.0)?;
        for (i, m) in input.next.iter().enumerate() {
            let y = 530.0 + i as f64 * 30.0;
            let line = format!("{}  {} {}", long_date(m.finish), m.id, m.title);
            area.draw_text(&label(&line, 56), &page.font(16.0, false), (p(44.0), p(y)))
                .map_err(chart_error)?;
            area.draw_text(
                &format!("{:.0}%", m.percent_complete),
                &page.font(16.0, true),
                (p(720.0), p(y)),
            )
            .map_err(chart_error)?;
        }

        // right: the top risks
        heading(area, &page, "Top risks", 820.0, 175.0)?;
        for (i, r) in input.risks.iter().enumerate() {
            let y = 215.0 + i as f64 * 34.0;
            area.draw(&Rectangle::new(
                [(p(820.0), p(y - 4.0)), (p(870.0), p(y + 24.0))],
                level_colour(r.level).filled(),
            ))
            .map_err(chart_error)?;
            area.draw_text(
                &r.score.to_string(),
                &page.font(16.0, true),
                (p(832.0), p(y)),
            )
            .map_err(chart_error)?;
            let line = format!("{} {}", r.id, r.title);
            area.draw_text(&label(&line, 62), &page.font(16.0, false), (p(884.0), p(y)))
                .map_err(chart_error)?;
        }
        if input.risks.is_empty() {
            area.draw_text(
                "No open risks",
                &page.font(16.0, false),
                (p(820.0), p(215.0)),
            )
            .map_err(chart_error)?;
        }

        // bottom: KPI tiles
        heading(area, &page, "KPIs", 820.0, 420.0)?;
        // three tiles and two gaps span the 700 px rule above them
        let tile_w = (700.0 - 2.0 * 12.0) / 3.0;
        for (i, k) in input.kpis.iter().take(9).enumerate() {
            let (col, row) = ((i % 3) as f64, (i / 3) as f64);
            let (x, y) = (820.0 + col * (tile_w + 12.0), 460.0 + row * 130.0);
            area.draw(&Rectangle::new(
                [(p(x), p(y)), (p(x + tile_w), p(y + 118.0))],
                rag_colour(k.rag).mix(0.18).filled(),
            ))
            .map_err(chart_error)?;
            area.draw(&Rectangle::new(
                [(p(x), p(y)), (p(x + 8.0), p(y + 118.0))],
                rag_colour(k.rag).filled(),
            ))
            .map_err(chart_error)?;
            area.draw_text(
                &label(&k.name, 24),
                &page.font(14.0, false),
                (p(x + 18.0), p(y + 12.0)),
            )
            .map_err(chart_error)?;
            let value = k.value.map_or_else(
                || "no reading".into(),
                |v| format!("{} {}", figure(v), label(&k.unit, 10)),
            );
            area.draw_text(&value, &page.font(24.0, true), (p(x + 18.0), p(y + 48.0)))
                .map_err(chart_error)?;
            let word = k.rag.map_or("", Rag::word);
            area.draw_text(
                word,
                &page.font(13.0, true).color(&rag_colour(k.rag)),
                (p(x + 18.0), p(y + 88.0)),
            )
            .map_err(chart_error)?;
        }
        Ok(())
    }
}

fn heading<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    page: &Page,
    text: &str,
    x: f64,
    y: f64,
) -> crate::Result<()> {
    area.draw_text(text, &page.font(20.0, true), (page.px(x), page.px(y)))
        .map_err(chart_error)?;
    area.draw(&PathElement::new(
        vec![
            (page.px(x), page.px(y + 28.0)),
            (page.px(x + 700.0), page.px(y + 28.0)),
        ],
        palette::BASELINE,
    ))
    .map_err(chart_error)?;
    Ok(())
}
