//! KPI readings: one value of one KPI on one date. Each reading belongs to its KPI: removing
//! the KPI removes its readings. Entries are keyed by the store's row number.

use std::borrow::Cow;

use chrono::NaiveDate;
use rusqlite::Row;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Cells, Field, Reference, Register, RegisterName, at, cells};
use crate::export::Cell;
use crate::model::{Measurement, Pack};
use crate::pack::SourcePath;
use crate::pack::validate::Checker;

/// One reading of a KPI, as the `measurements` register holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// The KPI's id.
    pub kpi: String,
    pub date: NaiveDate,
    pub value: f64,
}

pub struct Measurements;

impl Register for Measurements {
    type Item = Reading;
    const NAME: RegisterName = RegisterName::Measurements;
    const TABLE: &'static str = "measurements";
    const COLUMNS: &'static [&'static str] = &["kpi_key", "date", "value"];
    const KEYED: bool = false;
    const ORDER: &'static str = "kpi_key, date, id";
    const PARENT: Option<(RegisterName, &'static str)> = Some((RegisterName::Kpis, "kpi_key"));

    fn key(_: &Reading) -> Option<&str> {
        None
    }
    fn cells(m: &Reading) -> rusqlite::Result<Cells<'_>> {
        Ok(cells![m.kpi, m.date, m.value])
    }
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Reading> {
        Ok(Reading {
            kpi: r.get(1)?,
            date: r.get(2)?,
            value: r.get(3)?,
        })
    }
    fn items(pack: &Pack) -> Box<dyn Iterator<Item = Cow<'_, Reading>> + '_> {
        Box::new(pack.kpis.iter().flat_map(|k| {
            k.measurements.iter().map(|m| {
                Cow::Owned(Reading {
                    kpi: k.id.clone(),
                    date: m.date,
                    value: m.value,
                })
            })
        }))
    }
    /// Readings go to their KPIs, which are assembled first.
    fn assemble(pack: &mut Pack, items: Vec<Reading>) {
        let at: std::collections::HashMap<String, usize> = pack
            .kpis
            .iter()
            .enumerate()
            .map(|(i, k)| (k.id.clone(), i))
            .collect();
        for r in items {
            if let Some(&i) = at.get(&r.kpi) {
                pack.kpis[i].measurements.push(Measurement {
                    date: r.date,
                    value: r.value,
                });
            }
        }
    }
    fn check(m: &Reading, at: &SourcePath, c: &mut Checker) {
        if !m.value.is_finite() {
            c.fail(at.key("value"), "value must be a finite number");
        }
    }
    fn references(m: &Reading) -> Vec<Reference> {
        vec![Reference::new(at("kpi"), RegisterName::Kpis, &m.kpi)]
    }
    fn fields() -> Vec<Field> {
        vec![
            Field::reference("kpi", "KPI", RegisterName::Kpis).required(),
            Field::date("date", "Date").required(),
            Field::number("value", "Value", None, None).required(),
        ]
    }
    fn csv_header() -> Vec<&'static str> {
        vec!["kpi", "date", "value"]
    }
    fn csv_row(m: &Reading, _: NaiveDate) -> Vec<Cell> {
        vec![Cell::from(&m.kpi), Cell::from(m.date), Cell::from(m.value)]
    }
    fn title(m: &Reading) -> String {
        format!("{} on {}: {}", m.kpi, m.date, m.value)
    }
}
