//! Teams: who does the work, each optionally led by a stakeholder.

use std::borrow::Cow;

use chrono::NaiveDate;
use rusqlite::Row;

use super::{Cells, Field, Reference, Register, RegisterName, cells, optional};
use crate::export::Cell;
use crate::model::{Pack, Team};

pub struct Teams;

impl Register for Teams {
    type Item = Team;
    const NAME: RegisterName = RegisterName::Teams;
    const TABLE: &'static str = "teams";
    const COLUMNS: &'static [&'static str] = &["name", "lead_key"];
    const TITLE_COLUMN: Option<&'static str> = Some("name");

    fn key(item: &Team) -> Option<&str> {
        Some(&item.id)
    }
    fn cells(t: &Team) -> rusqlite::Result<Cells<'_>> {
        Ok(cells![t.name, t.lead])
    }
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Team> {
        Ok(Team {
            id: r.get(0)?,
            name: r.get(1)?,
            lead: r.get(2)?,
        })
    }
    fn items(pack: &Pack) -> Box<dyn Iterator<Item = Cow<'_, Team>> + '_> {
        Box::new(pack.teams.iter().map(Cow::Borrowed))
    }
    fn assemble(pack: &mut Pack, items: Vec<Team>) {
        pack.teams = items;
    }
    fn references(t: &Team) -> Vec<Reference> {
        let mut out = Vec::new();
        optional(&mut out, "lead", RegisterName::Stakeholders, &t.lead);
        out
    }
    fn fields() -> Vec<Field> {
        vec![
            Field::text("id", "Id")
                .required()
                .help("A short id, unique among teams"),
            Field::text("name", "Team").required(),
            Field::reference("lead", "Lead", RegisterName::Stakeholders),
        ]
    }
    fn csv_header() -> Vec<&'static str> {
        vec!["id", "name", "lead"]
    }
    fn csv_row(t: &Team, _: NaiveDate) -> Vec<Cell> {
        vec![Cell::from(&t.id), Cell::from(&t.name), Cell::from(&t.lead)]
    }
    fn title(t: &Team) -> String {
        t.name.clone()
    }
}
