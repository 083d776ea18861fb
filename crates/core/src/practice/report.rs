//! The debrief as files: a one-page PNG (or SVG for the window) and a CSV of every item.

use std::path::Path;

use super::{Debrief, Record};
use crate::chart::{self, DebriefInput, Size, debrief};
use crate::export::{Cell, Table, csv};
use crate::files::write_atomically;
use crate::format::capitalised;
use crate::model::name_of;
use crate::{Result, Store};

/// The debrief page's size when none is asked for: one landscape page.
pub const DEBRIEF_SIZE: Size = Size {
    width: 1600,
    height: 1000,
};

impl Debrief {
    /// What the debrief page draws, with the record's days for its timeline.
    pub fn chart_input(&self, record: &Record) -> DebriefInput {
        let a = &self.attempt;
        let s = &self.scored;
        let state = if a.finished() { "finished" } else { "in play" };
        DebriefInput {
            title: format!("Debrief: {} on {}", a.learner, a.program_name),
            heading: true,
            summary: format!(
                "Total {:.0}% ({} of {} points) · {state} on {}, week {} of {}",
                s.total.percent,
                s.total.met,
                s.total.possible,
                a.clock.format("%-d %b %Y"),
                a.week,
                a.weeks
            ),
            responsibilities: s
                .responsibilities
                .iter()
                .map(|r| {
                    (
                        capitalised(&name_of(&r.responsibility)),
                        r.score.percent,
                        format!("{} of {}", r.score.met, r.score.possible),
                    )
                })
                .collect(),
            starts: a.starts,
            ends: a.ends,
            events: record
                .fired
                .iter()
                .map(|(id, day)| (id.clone(), *day))
                .collect(),
            actions: record.actions.iter().map(|x| x.at_sim).collect(),
            reports: record.reports.iter().map(|r| r.at_sim).collect(),
            items: s
                .items
                .iter()
                .map(|i| {
                    (
                        i.met,
                        format!("{} ({} pts) {}: {}", i.id, i.points, i.expected, i.evidence),
                    )
                })
                .collect(),
        }
    }

    /// One row per rubric item, as the CSV export writes it.
    pub fn table(&self) -> Table {
        let rows = self
            .scored
            .items
            .iter()
            .map(|i| {
                vec![
                    Cell::from(i.id.as_str()),
                    Cell::from(name_of(&i.responsibility).as_str()),
                    Cell::Number(f64::from(i.points)),
                    Cell::from(if i.met { "met" } else { "missed" }),
                    Cell::from(i.after.as_str()),
                    Cell::Date(i.due),
                    Cell::Date(i.day),
                    Cell::from(i.expected.as_str()),
                    Cell::from(i.evidence.as_str()),
                    Cell::from(i.explain.as_str()),
                ]
            })
            .collect();
        Table {
            header: vec![
                "item",
                "responsibility",
                "points",
                "result",
                "after_event",
                "due",
                "answered_on",
                "expected",
                "evidence",
                "explain",
            ],
            rows,
        }
    }
}

impl Store {
    fn debrief_input(&self, id: i64) -> Result<DebriefInput> {
        Ok(self.debrief(id)?.chart_input(&self.practice_record(id)?))
    }

    /// The debrief page as SVG; for the window (`whole` false), only the scores and the
    /// timeline: it writes the heading and lists the items itself.
    pub fn debrief_svg(&self, id: i64, size: Size, whole: bool) -> Result<String> {
        let mut input = self.debrief_input(id)?;
        if !whole {
            input.items.clear();
            input.heading = false;
        }
        chart::svg(&debrief(&input), size)
    }

    /// Writes the debrief page as PNG, whole or not at all.
    pub fn export_debrief_png(&self, id: i64, out: &Path) -> Result<()> {
        let png = chart::png(&debrief(&self.debrief_input(id)?), DEBRIEF_SIZE)?;
        write_atomically(out, &png)
    }

    /// Writes every rubric item of the debrief as CSV, whole or not at all.
    pub fn export_debrief_csv(&self, id: i64, out: &Path) -> Result<()> {
        write_atomically(out, &csv(&self.debrief(id)?.table(), false)?)
    }
}
