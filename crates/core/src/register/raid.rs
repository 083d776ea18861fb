//! Assumptions, issues and decisions: the RAID logs that share one light shape and one table.

use std::borrow::Cow;

use chrono::NaiveDate;
use rusqlite::Row;

use super::{Cells, Field, Reference, Register, RegisterName, cells, from_name, named, optional};
use crate::export::Cell;
use crate::model::{Pack, RaidEntry, name_of};

/// One RAID log: which of the pack's lists it is and its kind in the shared table.
macro_rules! raid_register {
    ($register:ident, $variant:ident, $field:ident, $kind:literal, $noun:literal) => {
        pub struct $register;

        impl Register for $register {
            type Item = RaidEntry;
            const NAME: RegisterName = RegisterName::$variant;
            const TABLE: &'static str = "raid_entries";
            const KIND: Option<&'static str> = Some($kind);
            const COLUMNS: &'static [&'static str] = &[
                "title",
                "detail",
                "owner_key",
                "raised",
                "status",
                "risk_key",
            ];

            fn key(item: &RaidEntry) -> Option<&str> {
                Some(&item.id)
            }
            fn cells(e: &RaidEntry) -> rusqlite::Result<Cells<'_>> {
                let mut cells: Cells<'_> = cells![e.title, e.detail, e.owner, e.raised];
                cells.push(named(&e.status));
                cells.extend(cells![e.risk]);
                Ok(cells)
            }
            fn from_row(r: &Row<'_>) -> rusqlite::Result<RaidEntry> {
                entry_from_row(r)
            }
            fn items(pack: &Pack) -> Box<dyn Iterator<Item = Cow<'_, RaidEntry>> + '_> {
                Box::new(pack.$field.iter().map(Cow::Borrowed))
            }
            fn assemble(pack: &mut Pack, items: Vec<RaidEntry>) {
                pack.$field = items;
            }
            fn references(e: &RaidEntry) -> Vec<Reference> {
                entry_references(e)
            }
            fn fields() -> Vec<Field> {
                entry_fields($noun)
            }
            fn csv_header() -> Vec<&'static str> {
                vec!["id", "title", "detail", "owner", "raised", "status", "risk"]
            }
            fn csv_row(e: &RaidEntry, _: NaiveDate) -> Vec<Cell> {
                entry_csv_row(e)
            }
            fn title(e: &RaidEntry) -> String {
                e.title.clone()
            }
        }
    };
}

raid_register!(
    Assumptions,
    Assumptions,
    assumptions,
    "assumption",
    "Assumption"
);
raid_register!(Issues, Issues, issues, "issue", "Issue");
raid_register!(Decisions, Decisions, decisions, "decision", "Decision");

fn entry_from_row(r: &Row<'_>) -> rusqlite::Result<RaidEntry> {
    Ok(RaidEntry {
        id: r.get(0)?,
        title: r.get(1)?,
        detail: r.get(2)?,
        owner: r.get(3)?,
        raised: r.get(4)?,
        status: from_name(r, 5)?,
        risk: r.get(6)?,
    })
}

fn entry_references(e: &RaidEntry) -> Vec<Reference> {
    let mut out = Vec::new();
    optional(&mut out, "owner", RegisterName::Stakeholders, &e.owner);
    optional(&mut out, "risk", RegisterName::Risks, &e.risk);
    out
}

fn entry_fields(noun: &str) -> Vec<Field> {
    vec![
        Field::text("id", "Id")
            .required()
            .help("A short id, unique in this log"),
        Field::text("title", noun).required(),
        Field::long_text("detail", "Detail"),
        Field::reference("owner", "Owner", RegisterName::Stakeholders),
        Field::date("raised", "Raised on").required(),
        Field::choice("status", "Status", &["open", "closed"]).required(),
        Field::reference("risk", "From risk", RegisterName::Risks)
            .help("The risk this came from, when a risk was realised"),
    ]
}

fn entry_csv_row(e: &RaidEntry) -> Vec<Cell> {
    vec![
        Cell::from(&e.id),
        Cell::from(&e.title),
        Cell::from(&e.detail),
        Cell::from(&e.owner),
        Cell::from(e.raised),
        Cell::from(&name_of(&e.status)),
        Cell::from(&e.risk),
    ]
}
