//! The communication log: who was spoken to, when, through which channel, what was decided,
//! and when to follow up. Entries are keyed by the store's row number.

use std::borrow::Cow;

use chrono::NaiveDate;
use rusqlite::Row;

use super::{Cells, Field, Reference, Register, RegisterName, at, cells, from_json, json_cell};
use crate::export::Cell;
use crate::model::{Communication, Pack};
use crate::pack::SourcePath;
use crate::pack::validate::Checker;

pub struct Communications;

impl Register for Communications {
    type Item = Communication;
    const NAME: RegisterName = RegisterName::Communications;
    const TABLE: &'static str = "communications";
    const COLUMNS: &'static [&'static str] = &[
        "date",
        "stakeholders",
        "channel",
        "summary",
        "decisions",
        "follow_up",
    ];
    const KEYED: bool = false;
    const ORDER: &'static str = "id";

    fn key(_: &Communication) -> Option<&str> {
        None
    }
    fn cells(c: &Communication) -> rusqlite::Result<Cells<'_>> {
        let mut cells: Cells<'_> = cells![c.date];
        cells.push(json_cell(&c.stakeholders)?);
        cells.extend(cells![c.channel, c.summary, c.decisions, c.follow_up]);
        Ok(cells)
    }
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Communication> {
        Ok(Communication {
            date: r.get(1)?,
            stakeholders: from_json(r, 2)?,
            channel: r.get(3)?,
            summary: r.get(4)?,
            decisions: r.get(5)?,
            follow_up: r.get(6)?,
        })
    }
    fn items(pack: &Pack) -> Box<dyn Iterator<Item = Cow<'_, Communication>> + '_> {
        Box::new(pack.communications.iter().map(Cow::Borrowed))
    }
    fn assemble(pack: &mut Pack, items: Vec<Communication>) {
        pack.communications = items;
    }
    fn check(c: &Communication, at: &SourcePath, checker: &mut Checker) {
        if c.stakeholders.is_empty() {
            checker.fail(
                at.key("stakeholders"),
                "a communication names at least one stakeholder",
            );
        }
        if let Some(f) = c.follow_up {
            checker.forward(at.key("follow_up"), c.date, f, "the communication's date");
        }
    }
    fn references(c: &Communication) -> Vec<Reference> {
        c.stakeholders
            .iter()
            .enumerate()
            .map(|(j, s)| {
                Reference::new(at("stakeholders").index(j), RegisterName::Stakeholders, s)
            })
            .collect()
    }
    fn fields() -> Vec<Field> {
        vec![
            Field::date("date", "Date").required(),
            Field::references("stakeholders", "With", RegisterName::Stakeholders)
                .required()
                .help("Everyone who took part; at least one"),
            Field::text("channel", "Channel"),
            Field::long_text("summary", "Summary").required(),
            Field::long_text("decisions", "Decisions"),
            Field::date("follow_up", "Follow up by"),
        ]
    }
    fn csv_header() -> Vec<&'static str> {
        vec![
            "date",
            "stakeholders",
            "channel",
            "summary",
            "decisions",
            "follow_up",
        ]
    }
    fn csv_row(c: &Communication, _: NaiveDate) -> Vec<Cell> {
        vec![
            Cell::from(c.date),
            Cell::from(&c.stakeholders.join(" ")),
            Cell::from(&c.channel),
            Cell::from(&c.summary),
            Cell::from(&c.decisions),
            Cell::from(c.follow_up),
        ]
    }
    fn title(c: &Communication) -> String {
        c.summary.clone()
    }
}
