//! What the app and the command line ask of a stored program. Each view reads only what it
//! shows: the overview counts in SQL, a chart or a CSV loads the registers it is drawn from,
//! and a chart is drawn from a [`ChartData`] after the store is let go.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::chart::{
    self, ChartKind, Format, GanttInput, GanttRow, Size, draw_as, fitted_roadmap, fitted_size,
    gantt, gantt_rows, render,
};
use crate::export;
use crate::files::write_atomically;
use crate::model::Pack;
use crate::overview::Overview;
use crate::register::list::{self, ItemPage, ItemQuery, ItemRow};
use crate::register::{Measurements, Register, RegisterName, sql, with_register};
use crate::status::{ProgramStatus, status_after};
use crate::store::read::{load_last_contacts, load_latest_readings, load_registers, snapshot};
use crate::{Result, Store};

/// A chart with the part of the program it is drawn from, loaded; drawing it needs no store.
#[derive(Debug, Clone)]
pub struct ChartData {
    pack: Pack,
    kind: ChartKind,
}

impl ChartData {
    /// The size to draw at to fill a place `pane` big (see [`fitted_size`]).
    pub fn fitted(&self, pane: Size) -> Size {
        fitted_size(&self.pack, &self.kind, pane)
    }

    pub fn svg(&self, size: Size) -> Result<String> {
        let bytes = render(&self.pack, &self.kind, size, Format::Svg)?;
        String::from_utf8(bytes).map_err(|e| crate::Error::Chart(e.to_string()))
    }

    /// The chart as the window shows it in a place `pane` big: drawn at its fitted size, but a
    /// roadmap too big to label whole in part, as the roadmap view draws it.
    pub fn on_screen(&self, pane: Size) -> Result<String> {
        match self.kind {
            ChartKind::Gantt => Ok(window_roadmap(&self.pack, pane)?.svg),
            _ => self.svg(self.fitted(pane)),
        }
    }

    /// The chart as a file (an export, the command line's `export png`): at `size`, or when
    /// none is asked on its page ([`ChartKind::page`]), fitted. A roadmap with more rows than
    /// can be labelled there is drawn in part, its first rows labelled, as the window shows it,
    /// its title saying how much.
    pub fn file(&self, size: Option<Size>, format: Format) -> Result<Vec<u8>> {
        let page = self.kind.page();
        if self.kind != ChartKind::Gantt {
            let size = size.unwrap_or_else(|| self.fitted(page));
            return render(&self.pack, &self.kind, size, format);
        }
        let (input, size) = match size {
            Some(size) => (
                GanttInput::from_pack(&self.pack).labelled_in(size.height),
                size,
            ),
            None => labelled_roadmap(&self.pack, page),
        };
        draw_as(&gantt(&input), size, format)
    }
}

/// The roadmap as the window shows it: drawn to fill its place, and where each milestone is on
/// the drawing, for hover and click. A plan too big to label whole is drawn in part: its first
/// rows (see [`GanttInput::labelled`]).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Roadmap {
    pub svg: String,
    /// In drawing order, top to bottom.
    pub rows: Vec<GanttRow>,
    /// How many milestones the plan has: more than `rows` when it is drawn in part.
    pub milestones: usize,
}

/// The plan a roadmap is drawn from, loaded; drawing it needs no store.
#[derive(Debug, Clone)]
pub struct RoadmapData(Pack);

impl RoadmapData {
    /// The roadmap drawn to fill a place `pane` big (as [`ChartData::fitted`] draws the
    /// `gantt` chart of a plan it can label whole), the plan analysed once for the drawing and
    /// its rows.
    pub fn draw(&self, pane: Size) -> Result<Roadmap> {
        window_roadmap(&self.0, pane)
    }
}

/// The roadmap of `pack` as the window draws it to fill a place `pane` big.
fn window_roadmap(pack: &Pack, pane: Size) -> Result<Roadmap> {
    let (input, size) = labelled_roadmap(pack, pane);
    Ok(Roadmap {
        svg: chart::svg(&gantt(&input), size)?,
        rows: gantt_rows(&input, size),
        milestones: input.planned,
    })
}

/// The plan of `pack` as far as a roadmap can label it (whole, or its first rows), and the
/// size to draw it at to fill a place `pane` big.
fn labelled_roadmap(pack: &Pack, pane: Size) -> (GanttInput, Size) {
    let input = GanttInput::from_pack(pack).labelled();
    let size = fitted_roadmap(&input, pane);
    (input, size)
}

/// The registers a chart is drawn from.
fn chart_sources(kind: &ChartKind) -> &'static [RegisterName] {
    use RegisterName::*;
    match kind {
        ChartKind::Gantt => &[Workstreams, Milestones],
        ChartKind::Heatmap => &[Risks],
        ChartKind::Stakeholders => &[Stakeholders],
        ChartKind::Evm => &[Milestones, Costs],
        ChartKind::Kpi(_) => &[Kpis],
        ChartKind::Report => RegisterName::ALL,
    }
}

impl Store {
    /// The program's facts and how many items each register holds, counted in SQL.
    pub fn overview(&self, program: i64) -> Result<Overview> {
        snapshot(self.conn(), || self.overview_now(program))
    }

    /// The overview's reads, which `overview` makes on one snapshot.
    fn overview_now(&self, program: i64) -> Result<Overview> {
        let info = crate::store::read::load_program_info(self.conn(), program)?;
        let mut counts = Vec::new();
        for &register in RegisterName::ALL {
            counts.push((
                register,
                with_register!(register, R => sql::count::<R>(self.conn(), program))?,
            ));
        }
        let practice = |table: &str| -> Result<usize> {
            let sql = format!("SELECT COUNT(*) FROM {table} WHERE program_id = ?1");
            let n: i64 = self.conn().query_row(&sql, [program], |r| r.get(0))?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        Ok(Overview::new(
            program,
            info,
            &counts,
            practice("scenario_events")?,
            practice("rubric_items")?,
        ))
    }

    /// The program's status as of its status date, as [`crate::status::program_status`] works
    /// it out from the whole program, reading only what it needs: of the communications log
    /// and the KPIs' readings, the biggest registers, SQL reads the last contact with each
    /// stakeholder and the last two readings of each KPI.
    pub fn status(&self, program: i64) -> Result<ProgramStatus> {
        snapshot(self.conn(), || {
            let registers: Vec<RegisterName> = RegisterName::ALL
                .iter()
                .copied()
                .filter(|r| !matches!(r, RegisterName::Communications | RegisterName::Measurements))
                .collect();
            let mut pack = load_registers(self.conn(), program, &registers)?;
            let date = pack.program.as_of();
            load_latest_readings(self.conn(), program, date, &mut pack)?;
            let last_contact = load_last_contacts(self.conn(), program, date)?;
            Ok(status_after(&pack, date, &last_contact))
        })
    }

    /// The names of the charts this program has (`gantt`, …, `kpi:ID`).
    pub fn chart_names(&self, program: i64) -> Result<Vec<String>> {
        let pack = load_registers(self.conn(), program, &[RegisterName::Kpis])?;
        Ok(ChartKind::names(&pack))
    }

    /// A chart by name with what it is drawn from; a KPI's trend loads that KPI's readings only.
    pub fn chart(&self, program: i64, chart: &str) -> Result<ChartData> {
        snapshot(self.conn(), || {
            let kpis = load_registers(self.conn(), program, &[RegisterName::Kpis])?;
            let kind = ChartKind::parse(chart, &kpis)?;
            let mut pack = load_registers(self.conn(), program, chart_sources(&kind))?;
            if let ChartKind::Kpi(id) = &kind {
                let readings =
                    sql::load_where::<Measurements>(self.conn(), program, "kpi_key", id)?;
                Measurements::assemble(&mut pack, readings.into_iter().map(|r| r.item).collect());
            }
            Ok(ChartData { pack, kind })
        })
    }

    /// A chart by name as SVG text.
    pub fn chart_svg(&self, program: i64, chart: &str, size: Size) -> Result<String> {
        self.chart(program, chart)?.svg(size)
    }

    /// The plan the roadmap is drawn from, loaded; drawing it needs no store.
    pub fn roadmap(&self, program: i64) -> Result<RoadmapData> {
        let sources = chart_sources(&ChartKind::Gantt);
        Ok(RoadmapData(load_registers(self.conn(), program, sources)?))
    }

    /// Writes a chart by name as PNG (its default size when none is given), whole or not at all.
    pub fn export_chart_png(
        &self,
        program: i64,
        chart: &str,
        size: Option<Size>,
        out: &Path,
    ) -> Result<()> {
        write_atomically(out, &self.chart(program, chart)?.file(size, Format::Png)?)
    }

    /// Writes a register as CSV, whole or not at all, reading only what the table shows.
    pub fn export_csv(&self, program: i64, register: &str, bom: bool, out: &Path) -> Result<()> {
        let pack = load_registers(self.conn(), program, &export::sources(register)?)?;
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

    /// Every item the query matches before its text, with what a text filter looks in.
    pub fn list_searchable(&self, program: i64, query: &ItemQuery) -> Result<ItemPage> {
        self.find_program(&program.to_string())?;
        list::list_searchable(self.conn(), program, query)
    }

    /// Every item of a register as (key, title), for a picker: a fraction of the items' size.
    pub fn titles(&self, program: i64, register: RegisterName) -> Result<Vec<list::ItemTitle>> {
        self.find_program(&program.to_string())?;
        list::titles(self.conn(), program, register)
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
        let found = crate::register::refs::referrers(self.conn(), program, register, key)?;
        Ok(found.iter().map(ToString::to_string).collect())
    }
}
