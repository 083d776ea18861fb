//! KPIs: what is measured, which way is better, the target and the amber and red thresholds.
//! Their readings are a register of their own (`measurements`), so a KPI item as edited
//! carries none: putting a KPI never touches its readings, and removing one removes them too.

use std::borrow::Cow;

use chrono::NaiveDate;
use rusqlite::Row;

use super::{Cells, Field, Reference, Register, RegisterName, cells, from_name, named, optional};
use crate::export::Cell;
use crate::figures::kpi_status;
use crate::model::{Direction, Kpi, Pack, name_of};
use crate::pack::SourcePath;
use crate::pack::validate::Checker;

pub struct Kpis;

impl Register for Kpis {
    type Item = Kpi;
    const NAME: RegisterName = RegisterName::Kpis;
    const TABLE: &'static str = "kpis";
    const OTHER_KEYS: &'static [&'static str] = &["measurements"];
    const COLUMNS: &'static [&'static str] = &[
        "name",
        "unit",
        "direction",
        "target",
        "amber",
        "red",
        "frequency",
        "owner_key",
    ];
    const TITLE_COLUMN: Option<&'static str> = Some("name");

    fn key(item: &Kpi) -> Option<&str> {
        Some(&item.id)
    }
    fn cells(k: &Kpi) -> rusqlite::Result<Cells<'_>> {
        let mut cells: Cells<'_> = cells![k.name, k.unit];
        cells.push(named(&k.direction));
        cells.extend(cells![k.target, k.amber, k.red, k.frequency, k.owner]);
        Ok(cells)
    }
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Kpi> {
        Ok(Kpi {
            id: r.get(0)?,
            name: r.get(1)?,
            unit: r.get(2)?,
            direction: from_name(r, 3)?,
            target: r.get(4)?,
            amber: r.get(5)?,
            red: r.get(6)?,
            frequency: r.get(7)?,
            owner: r.get(8)?,
            measurements: Vec::new(),
        })
    }
    fn items(pack: &Pack) -> Box<dyn Iterator<Item = Cow<'_, Kpi>> + '_> {
        Box::new(pack.kpis.iter().map(Cow::Borrowed))
    }
    fn assemble(pack: &mut Pack, items: Vec<Kpi>) {
        pack.kpis = items;
    }
    fn check(k: &Kpi, at: &SourcePath, c: &mut Checker) {
        let ordered = match k.direction {
            Direction::Lower => k.target <= k.amber && k.amber <= k.red,
            Direction::Higher => k.target >= k.amber && k.amber >= k.red,
        };
        if !ordered {
            let order = match k.direction {
                Direction::Lower => "target <= amber <= red when lower is better",
                Direction::Higher => "target >= amber >= red when higher is better",
            };
            c.fail(
                at.key("amber"),
                format!("thresholds out of order: expected {order}"),
            );
        }
    }
    fn edit_check(k: &Kpi, at: &SourcePath, c: &mut Checker) {
        if !k.measurements.is_empty() {
            c.fail(
                at.key("measurements"),
                "readings are their own register: record them one by one, and leave `measurements` out of a KPI",
            );
        }
    }
    fn references(k: &Kpi) -> Vec<Reference> {
        let mut out = Vec::new();
        optional(&mut out, "owner", RegisterName::Stakeholders, &k.owner);
        out
    }
    fn fields() -> Vec<Field> {
        vec![
            Field::text("id", "Id")
                .required()
                .help("A short id, unique among KPIs"),
            Field::text("name", "KPI").required(),
            Field::text("unit", "Unit").help("%, ms, orders/day …"),
            Field::choice("direction", "Better when", &["lower", "higher"]).required(),
            Field::number("target", "Target", None, None).required(),
            Field::number("amber", "Amber at", None, None)
                .required()
                .help("The value at which the status turns amber"),
            Field::number("red", "Red at", None, None)
                .required()
                .help("The value at which the status turns red"),
            Field::text("frequency", "Measured").help("weekly, monthly …"),
            Field::reference("owner", "Owner", RegisterName::Stakeholders),
        ]
    }
    fn csv_header() -> Vec<&'static str> {
        vec![
            "id",
            "name",
            "unit",
            "direction",
            "target",
            "amber",
            "red",
            "frequency",
            "owner",
            "latest",
            "latest_date",
            "status",
        ]
    }
    fn csv_row(k: &Kpi, as_of: NaiveDate) -> Vec<Cell> {
        let s = kpi_status(k, as_of);
        vec![
            Cell::from(&k.id),
            Cell::from(&k.name),
            Cell::from(&k.unit),
            Cell::from(&name_of(&k.direction)),
            Cell::from(k.target),
            Cell::from(k.amber),
            Cell::from(k.red),
            Cell::from(&k.frequency),
            Cell::from(&k.owner),
            s.latest.map_or(Cell::Text(String::new()), Cell::Number),
            Cell::Date(s.date),
            Cell::Text(s.rag.map(|g| name_of(&g)).unwrap_or_default()),
        ]
    }
    fn title(k: &Kpi) -> String {
        k.name.clone()
    }
}
