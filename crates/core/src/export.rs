//! CSV exports of every register and log: a header row, RFC 4180 quoting with CRLF line ends,
//! UTF-8 with an optional byte-order mark for Excel. Text that a spreadsheet would run as a
//! formula is neutralised; numbers and dates are written as numbers and ISO dates.

use chrono::NaiveDate;

use crate::evm::weekly;
use crate::figures::{kpi_status, risk_rating};
use crate::model::{Pack, name_of};
use crate::{Error, Result};

/// The registers and logs that export to CSV.
pub const REGISTERS: [&str; 11] = [
    "milestones",
    "risks",
    "assumptions",
    "issues",
    "decisions",
    "stakeholders",
    "communications",
    "kpis",
    "measurements",
    "costs",
    "evm",
];

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

macro_rules! row {
    ($($cell:expr),* $(,)?) => { vec![$(Cell::from($cell)),*] };
}

/// The named register of the program.
pub fn table(pack: &Pack, what: &str) -> Result<Table> {
    let as_of = pack.program.as_of();
    let (header, rows): (Vec<&'static str>, Vec<Vec<Cell>>) = match what {
        "milestones" => (
            vec![
                "id",
                "title",
                "workstream",
                "goal",
                "start",
                "finish",
                "baseline_start",
                "baseline_finish",
                "actual_start",
                "actual_finish",
                "depends_on",
                "planned_value",
                "percent_complete",
                "accountable",
                "responsible",
            ],
            pack.milestones
                .iter()
                .map(|m| {
                    row![
                        &m.id,
                        &m.title,
                        &m.workstream,
                        &m.goal,
                        m.start,
                        m.finish,
                        m.baseline_start(),
                        m.baseline_finish(),
                        m.actual_start,
                        m.actual_finish,
                        &m.depends_on.join(" "),
                        m.planned_value,
                        m.percent_complete,
                        &m.raci.accountable,
                        &m.raci.responsible.join(" ")
                    ]
                })
                .collect(),
        ),
        "risks" => (
            vec![
                "id",
                "title",
                "cause",
                "event",
                "effect",
                "category",
                "likelihood",
                "impact",
                "score",
                "level",
                "owner",
                "response",
                "actions",
                "review",
                "residual_likelihood",
                "residual_impact",
                "residual_score",
                "status",
            ],
            pack.risks
                .iter()
                .map(|r| {
                    let rating = risk_rating(r);
                    row![
                        &r.id,
                        &r.title,
                        &r.cause,
                        &r.event,
                        &r.effect,
                        &r.category,
                        f64::from(r.likelihood),
                        f64::from(r.impact),
                        f64::from(rating.score),
                        &name_of(&rating.level),
                        &r.owner,
                        &name_of(&r.response),
                        &r.actions,
                        r.review,
                        f64::from(r.residual_likelihood.unwrap_or(r.likelihood)),
                        f64::from(r.residual_impact.unwrap_or(r.impact)),
                        f64::from(rating.residual_score),
                        &name_of(&r.status)
                    ]
                })
                .collect(),
        ),
        "assumptions" | "issues" | "decisions" => {
            let entries = match what {
                "assumptions" => &pack.assumptions,
                "issues" => &pack.issues,
                _ => &pack.decisions,
            };
            (
                vec!["id", "title", "detail", "owner", "raised", "status"],
                entries
                    .iter()
                    .map(|e| {
                        row![
                            &e.id,
                            &e.title,
                            &e.detail,
                            &e.owner,
                            e.raised,
                            &name_of(&e.status)
                        ]
                    })
                    .collect(),
            )
        }
        "stakeholders" => (
            vec![
                "id",
                "name",
                "role",
                "org",
                "power",
                "interest",
                "quadrant",
                "engagement",
                "desired_engagement",
                "channel",
                "cadence_days",
            ],
            pack.stakeholders
                .iter()
                .map(|s| {
                    row![
                        &s.id,
                        &s.name,
                        &s.role,
                        &s.org,
                        f64::from(s.power),
                        f64::from(s.interest),
                        crate::figures::Quadrant::of(s.power, s.interest).label(),
                        &name_of(&s.engagement),
                        &name_of(&s.desired_engagement),
                        &s.channel,
                        f64::from(s.cadence_days)
                    ]
                })
                .collect(),
        ),
        "communications" => (
            vec![
                "date",
                "stakeholders",
                "channel",
                "summary",
                "decisions",
                "follow_up",
            ],
            pack.communications
                .iter()
                .map(|c| {
                    row![
                        c.date,
                        &c.stakeholders.join(" "),
                        &c.channel,
                        &c.summary,
                        &c.decisions,
                        c.follow_up
                    ]
                })
                .collect(),
        ),
        "kpis" => (
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
            ],
            pack.kpis
                .iter()
                .map(|k| {
                    let s = kpi_status(k, as_of);
                    let mut r = row![
                        &k.id,
                        &k.name,
                        &k.unit,
                        &name_of(&k.direction),
                        k.target,
                        k.amber,
                        k.red,
                        &k.frequency,
                        &k.owner
                    ];
                    r.push(s.latest.map_or(Cell::Text(String::new()), Cell::Number));
                    r.push(Cell::Date(s.date));
                    r.push(Cell::Text(s.rag.map(|g| name_of(&g)).unwrap_or_default()));
                    r
                })
                .collect(),
        ),
        "measurements" => (
            vec!["kpi", "date", "value"],
            pack.kpis
                .iter()
                .flat_map(|k| {
                    k.measurements
                        .iter()
                        .map(move |m| row![&k.id, m.date, m.value])
                })
                .collect(),
        ),
        "costs" => (
            vec!["date", "amount", "description", "workstream"],
            pack.costs
                .iter()
                .map(|c| row![c.date, c.amount, &c.description, &c.workstream])
                .collect(),
        ),
        "evm" => (
            vec!["date", "pv", "ev", "ac", "sv", "cv", "spi", "cpi", "eac"],
            weekly(pack, as_of)
                .into_iter()
                .map(|e| {
                    let opt = |v: Option<f64>| v.map_or(Cell::Text(String::new()), Cell::Number);
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
        ),
        other => {
            return Err(Error::not_found(
                "register",
                format!("`{other}`; the registers are {}", REGISTERS.join(", ")),
            ));
        }
    };
    Ok(Table { header, rows })
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
