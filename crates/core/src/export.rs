//! CSV exports of every register and log: a header row, RFC 4180 quoting with CRLF line ends,
//! UTF-8 with an optional byte-order mark for Excel. Text that a spreadsheet would run as a
//! formula is neutralised; numbers and dates are written as numbers and ISO dates.

use chrono::NaiveDate;

use crate::evm::weekly;
use crate::model::Pack;
use crate::register::{Register, RegisterName, with_register};
use crate::{Error, Result};

/// Every register's name, and `evm` (earned value by week): what exports to CSV.
pub fn tables() -> Vec<&'static str> {
    let mut names = RegisterName::names();
    names.push("evm");
    names
}

/// The registers a table is made from: what a CSV export loads.
pub fn sources(what: &str) -> Result<Vec<RegisterName>> {
    Ok(match what {
        "evm" => vec![RegisterName::Milestones, RegisterName::Costs],
        // KPIs show their latest reading; readings live inside their KPIs in a pack
        "kpis" | "measurements" => vec![RegisterName::Kpis, RegisterName::Measurements],
        other => vec![RegisterName::parse(other).map_err(|_| unknown(other))?],
    })
}

fn unknown(what: &str) -> Error {
    Error::not_found(
        "register",
        format!("`{what}`; the registers are {}", tables().join(", ")),
    )
}

/// One cell: text is neutralised, numbers and dates stay machine-readable.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Date(Option<NaiveDate>),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}
impl From<&String> for Cell {
    fn from(s: &String) -> Self {
        Cell::Text(s.clone())
    }
}
impl From<&Option<String>> for Cell {
    fn from(s: &Option<String>) -> Self {
        Cell::Text(s.clone().unwrap_or_default())
    }
}
impl From<f64> for Cell {
    fn from(v: f64) -> Self {
        Cell::Number(v)
    }
}
impl From<NaiveDate> for Cell {
    fn from(d: NaiveDate) -> Self {
        Cell::Date(Some(d))
    }
}
impl From<Option<NaiveDate>> for Cell {
    fn from(d: Option<NaiveDate>) -> Self {
        Cell::Date(d)
    }
}

/// Text a spreadsheet would take for a formula gets a leading apostrophe, which spreadsheets
/// show as text. The fullwidth forms count too: some spreadsheets fold them to ASCII.
pub fn neutralise(text: &str) -> String {
    const TRIGGERS: [char; 11] = ['=', '+', '-', '@', '\t', '\r', '\0', '＝', '＋', '－', '＠'];
    match text.chars().next() {
        Some(c) if TRIGGERS.contains(&c) => format!("'{text}"),
        _ => text.to_string(),
    }
}

impl Cell {
    fn render(&self) -> String {
        match self {
            Cell::Text(t) => neutralise(t),
            Cell::Number(v) => format!("{v}"),
            Cell::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

/// A register as a header and rows of cells.
pub struct Table {
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// The named register of the program, or `evm`.
pub fn table(pack: &Pack, what: &str) -> Result<Table> {
    let as_of = pack.program.as_of();
    if what == "evm" {
        return Ok(evm_table(pack, as_of));
    }
    let register = RegisterName::parse(what).map_err(|_| unknown(what))?;
    Ok(with_register!(register, R => Table {
        header: R::csv_header(),
        rows: R::items(pack).map(|item| R::csv_row(&item, as_of)).collect(),
    }))
}

fn evm_table(pack: &Pack, as_of: NaiveDate) -> Table {
    let opt = |v: Option<f64>| v.map_or(Cell::Text(String::new()), Cell::Number);
    Table {
        header: vec!["date", "pv", "ev", "ac", "sv", "cv", "spi", "cpi", "eac"],
        rows: weekly(pack, as_of)
            .into_iter()
            .map(|e| {
                vec![
                    Cell::from(e.date),
                    e.pv.into(),
                    e.ev.into(),
                    e.ac.into(),
                    e.sv.into(),
                    e.cv.into(),
                    opt(e.spi),
                    opt(e.cpi),
                    opt(e.eac),
                ]
            })
            .collect(),
    }
}

/// The table as CSV bytes; `bom` starts them with UTF-8's byte-order mark for Excel.
pub fn csv(table: &Table, bom: bool) -> Result<Vec<u8>> {
    let mut out = if bom {
        "\u{feff}".as_bytes().to_vec()
    } else {
        Vec::new()
    };
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let fail = |e: csv::Error| Error::Conflict(format!("cannot write CSV: {e}"));
        writer.write_record(&table.header).map_err(fail)?;
        for row in &table.rows {
            writer
                .write_record(row.iter().map(Cell::render))
                .map_err(fail)?;
        }
        writer
            .flush()
            .map_err(|e| Error::io("cannot write CSV", e))?;
    }
    Ok(out)
}
