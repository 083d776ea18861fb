//! Workstreams: the lanes of the roadmap, each optionally owned by a team.

use std::borrow::Cow;

use chrono::NaiveDate;
use rusqlite::Row;

use super::{Cells, Field, Reference, Register, RegisterName, cells, optional};
use crate::export::Cell;
use crate::model::{Pack, Workstream};

pub struct Workstreams;

impl Register for Workstreams {
    type Item = Workstream;
    const NAME: RegisterName = RegisterName::Workstreams;
    const TABLE: &'static str = "workstreams";
    const COLUMNS: &'static [&'static str] = &["name", "team_key"];
    const TITLE_COLUMN: Option<&'static str> = Some("name");

    fn key(item: &Workstream) -> Option<&str> {
        Some(&item.id)
    }
    fn cells(w: &Workstream) -> rusqlite::Result<Cells<'_>> {
        Ok(cells![w.name, w.team])
    }
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Workstream> {
        Ok(Workstream {
            id: r.get(0)?,
            name: r.get(1)?,
            team: r.get(2)?,
        })
    }
    fn items(pack: &Pack) -> Box<dyn Iterator<Item = Cow<'_, Workstream>> + '_> {
        Box::new(pack.workstreams.iter().map(Cow::Borrowed))
    }
    fn assemble(pack: &mut Pack, items: Vec<Workstream>) {
        pack.workstreams = items;
    }
    fn references(w: &Workstream) -> Vec<Reference> {
        let mut out = Vec::new();
        optional(&mut out, "team", RegisterName::Teams, &w.team);
        out
    }
    fn fields() -> Vec<Field> {
        vec![
            Field::text("id", "Id")
                .required()
                .help("A short id, unique among workstreams"),
            Field::text("name", "Workstream").required(),
            Field::reference("team", "Team", RegisterName::Teams),
        ]
    }
    fn csv_header() -> Vec<&'static str> {
        vec!["id", "name", "team"]
    }
    fn csv_row(w: &Workstream, _: NaiveDate) -> Vec<Cell> {
        vec![Cell::from(&w.id), Cell::from(&w.name), Cell::from(&w.team)]
    }
    fn title(w: &Workstream) -> String {
        w.name.clone()
    }
}
