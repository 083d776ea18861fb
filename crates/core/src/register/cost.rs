//! Costs: money actually spent, by date and optionally by workstream, for earned value.
//! Entries are keyed by the store's row number.

use std::borrow::Cow;

use chrono::NaiveDate;
use rusqlite::Row;

use super::{Cells, Field, Reference, Register, RegisterName, cells, optional};
use crate::export::Cell;
use crate::model::{Cost, Pack};
use crate::pack::SourcePath;
use crate::pack::validate::Checker;

pub struct Costs;

impl Register for Costs {
    type Item = Cost;
    const NAME: RegisterName = RegisterName::Costs;
    const TABLE: &'static str = "costs";
    const COLUMNS: &'static [&'static str] = &["date", "amount", "description", "workstream_key"];
    const KEYED: bool = false;
    const ORDER: &'static str = "id";

    fn key(_: &Cost) -> Option<&str> {
        None
    }
    fn cells(c: &Cost) -> rusqlite::Result<Cells<'_>> {
        Ok(cells![c.date, c.amount, c.description, c.workstream])
    }
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Cost> {
        Ok(Cost {
            date: r.get(1)?,
            amount: r.get(2)?,
            description: r.get(3)?,
            workstream: r.get(4)?,
        })
    }
    fn items(pack: &Pack) -> Box<dyn Iterator<Item = Cow<'_, Cost>> + '_> {
        Box::new(pack.costs.iter().map(Cow::Borrowed))
    }
    fn assemble(pack: &mut Pack, items: Vec<Cost>) {
        pack.costs = items;
    }
    fn check(cost: &Cost, at: &SourcePath, c: &mut Checker) {
        if !(cost.amount.is_finite() && cost.amount > 0.0) {
            c.fail(at.key("amount"), "amount must be a positive number");
        }
    }
    fn references(c: &Cost) -> Vec<Reference> {
        let mut out = Vec::new();
        optional(
            &mut out,
            "workstream",
            RegisterName::Workstreams,
            &c.workstream,
        );
        out
    }
    fn fields() -> Vec<Field> {
        vec![
            Field::date("date", "Date").required(),
            Field::number("amount", "Amount", Some(0.0), None)
                .money()
                .required(),
            Field::text("description", "Description"),
            Field::reference("workstream", "Workstream", RegisterName::Workstreams),
        ]
    }
    fn csv_header() -> Vec<&'static str> {
        vec!["date", "amount", "description", "workstream"]
    }
    fn csv_row(c: &Cost, _: NaiveDate) -> Vec<Cell> {
        vec![
            Cell::from(c.date),
            Cell::from(c.amount),
            Cell::from(&c.description),
            Cell::from(&c.workstream),
        ]
    }
    fn title(c: &Cost) -> String {
        c.description.clone()
    }
}
