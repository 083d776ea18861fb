//! What the app and the command line ask of a stored program: each view loads the program
//! and derives one figure, chart or file from it.

use std::path::Path;

use crate::Result;
use crate::Store;
use crate::chart::{ChartKind, Format, Size, render};
use crate::export;
use crate::files::write_atomically;
use crate::overview::Overview;
use crate::register::RegisterName;
use crate::register::list::{self, ItemPage, ItemQuery, ItemRow};
use crate::status::{ProgramStatus, program_status};

impl Store {
    pub fn overview(&self, program: i64) -> Result<Overview> {
        Ok(Overview::of(program, &self.load(program)?))
    }

    /// The program's status as of its status date.
    pub fn status(&self, program: i64) -> Result<ProgramStatus> {
        let pack = self.load(program)?;
        Ok(program_status(&pack, pack.program.as_of()))
    }

    /// The names of the charts this program has (`gantt`, …, `kpi:ID`).
    pub fn chart_names(&self, program: i64) -> Result<Vec<String>> {
        Ok(ChartKind::names(&self.load(program)?))
    }

    /// A chart by name as SVG text.
    pub fn chart_svg(&self, program: i64, chart: &str, size: Size) -> Result<String> {
        let pack = self.load(program)?;
        let kind = ChartKind::parse(chart, &pack)?;
        let bytes = render(&pack, &kind, size, Format::Svg)?;
        String::from_utf8(bytes).map_err(|e| crate::Error::Chart(e.to_string()))
    }

    /// Writes a chart by name as PNG (its default size when none is given), whole or not at all.
    pub fn export_chart_png(
        &self,
        program: i64,
        chart: &str,
        size: Option<Size>,
        out: &Path,
    ) -> Result<()> {
        let pack = self.load(program)?;
        let kind = ChartKind::parse(chart, &pack)?;
        let size = size.unwrap_or_else(|| kind.default_size());
        write_atomically(out, &render(&pack, &kind, size, Format::Png)?)
    }

    /// Writes a register as CSV, whole or not at all.
    pub fn export_csv(&self, program: i64, register: &str, bom: bool, out: &Path) -> Result<()> {
        let pack = self.load(program)?;
        write_atomically(out, &export::csv(&export::table(&pack, register)?, bom)?)
    }
}

/// Register reads: narrow queries in SQL, never the whole program.
impl Store {
    /// A page of one register's items, filtered and sorted in SQL.
    pub fn list_items(&self, program: i64, query: &ItemQuery) -> Result<ItemPage> {
        self.find_program(&program.to_string())?;
        list::list(self.conn(), program, query)
    }

    /// One item by its key.
    pub fn item(&self, program: i64, register: RegisterName, key: &str) -> Result<ItemRow> {
        list::get(self.conn(), program, register, key)
    }

    /// Every item that refers to this one: what stops its removal.
    pub fn referrers(
        &self,
        program: i64,
        register: RegisterName,
        key: &str,
    ) -> Result<Vec<String>> {
        let found = crate::register::sql::referrers(self.conn(), program, register, key)?;
        Ok(found.iter().map(ToString::to_string).collect())
    }
}
