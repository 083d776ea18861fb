//! Goals: the business outcomes milestones serve, each optionally measured by a KPI.

use std::borrow::Cow;

use chrono::NaiveDate;
use rusqlite::Row;

use super::{Cells, Field, Reference, Register, RegisterName, cells, optional};
use crate::export::Cell;
use crate::model::{Goal, Pack};

pub struct Goals;

impl Register for Goals {
    type Item = Goal;
    const NAME: RegisterName = RegisterName::Goals;
    const TABLE: &'static str = "goals";
    const COLUMNS: &'static [&'static str] = &["title", "kpi_key"];
    const TITLE_COLUMN: Option<&'static str> = Some("title");

    fn key(item: &Goal) -> Option<&str> {
        Some(&item.id)
    }
    fn cells(g: &Goal) -> rusqlite::Result<Cells<'_>> {
        Ok(cells![g.title, g.kpi])
    }
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Goal> {
        Ok(Goal {
            id: r.get(0)?,
            title: r.get(1)?,
            kpi: r.get(2)?,
        })
    }
    fn items(pack: &Pack) -> Box<dyn Iterator<Item = Cow<'_, Goal>> + '_> {
        Box::new(pack.goals.iter().map(Cow::Borrowed))
    }
    fn assemble(pack: &mut Pack, items: Vec<Goal>) {
        pack.goals = items;
    }
    fn references(g: &Goal) -> Vec<Reference> {
        let mut out = Vec::new();
        optional(&mut out, "kpi", RegisterName::Kpis, &g.kpi);
        out
    }
    fn fields() -> Vec<Field> {
        vec![
            Field::text("id", "Id")
                .required()
                .help("A short id, unique among goals, such as G1"),
            Field::text("title", "Goal").required(),
            Field::reference("kpi", "Measured by KPI", RegisterName::Kpis),
        ]
    }
    fn csv_header() -> Vec<&'static str> {
        vec!["id", "title", "kpi"]
    }
    fn csv_row(g: &Goal, _: NaiveDate) -> Vec<Cell> {
        vec![Cell::from(&g.id), Cell::from(&g.title), Cell::from(&g.kpi)]
    }
    fn title(g: &Goal) -> String {
        g.title.clone()
    }
}
