//! The registers a program is made of — goals, teams, workstreams, milestones, risks,
//! assumptions, issues, decisions, stakeholders, communications, KPIs with their readings, and
//! costs — each described once: its key, its table and row mapping, its item rules, the
//! references it makes, its CSV columns and its form fields.
//!
//! Store reads and writes (`register/sql.rs`), item edits (`edit.rs`), whole-pack validation,
//! CSV export and the UI's lists are loops over this registry, so adding a field is one
//! description here plus a migration.

mod communication;
mod cost;
pub mod field;
mod goal;
mod kpi;
pub mod list;
mod measurement;
mod milestone;
mod raid;
pub(crate) mod refs;
mod risk;
pub(crate) mod sql;
mod stakeholder;
mod team;
mod workstream;

use std::borrow::Cow;

use chrono::NaiveDate;
use rusqlite::Row;
use rusqlite::types::ToSqlOutput;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::export::Cell;
use crate::model::{
    Communication, Cost, Goal, Kpi, Milestone, Pack, RaidEntry, Risk, Stakeholder, Team, Workstream,
};
use crate::pack::SourcePath;
use crate::pack::validate::Checker;
pub use communication::Communications;
pub use cost::Costs;
pub use field::{Field, FieldKind};
pub use goal::Goals;
pub use kpi::Kpis;
pub use measurement::{Measurements, Reading};
pub use milestone::Milestones;
pub use raid::{Assumptions, Decisions, Issues};
pub use risk::Risks;
pub use stakeholder::Stakeholders;
pub use team::Teams;
pub use workstream::Workstreams;

/// A row's cells for the register's data columns, in [`Register::COLUMNS`] order.
pub type Cells<'a> = Vec<ToSqlOutput<'a>>;

/// What every register is: one implementation per register, in `register/*.rs`.
pub trait Register: 'static {
    /// The item as packs, the store, edits and IPC see it.
    type Item: Clone + PartialEq + std::fmt::Debug + Serialize + DeserializeOwned + Send;
    const NAME: RegisterName;
    /// The table holding the items; RAID logs share one, told apart by [`Register::KIND`].
    const TABLE: &'static str;
    const KIND: Option<&'static str> = None;
    /// The data columns after the program and the key.
    const COLUMNS: &'static [&'static str];
    /// Whether items carry the trainer's id; log entries are keyed by the store's row number.
    const KEYED: bool = true;
    /// The column that orders a pack's items: a keyed register's `position`, a log's `id`.
    const ORDER: &'static str = "position";
    /// Keys an item may carry that are not form fields (a KPI's `measurements`, always empty
    /// in an edit, which `edit_check` enforces).
    const OTHER_KEYS: &'static [&'static str] = &[];
    /// The register whose items own these, and the column naming the owner: a KPI's readings
    /// live inside it in a pack, go when it goes, and are not references to it.
    const PARENT: Option<(RegisterName, &'static str)> = None;
    /// The column holding what [`Register::title`] gives, where one does (a reading's title is
    /// made of three): a reference to the item is found by it in a text filter.
    const TITLE_COLUMN: Option<&'static str> = None;

    /// The item's key: the trainer's id; `None` for log entries, which the store numbers.
    fn key(item: &Self::Item) -> Option<&str>;
    fn cells(item: &Self::Item) -> rusqlite::Result<Cells<'_>>;
    /// The item from a row holding the key, then [`Register::COLUMNS`].
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self::Item>;
    /// The register's items in a pack, in order.
    fn items(pack: &Pack) -> Box<dyn Iterator<Item = Cow<'_, Self::Item>> + '_>;
    /// Puts items loaded from the store into the pack.
    fn assemble(pack: &mut Pack, items: Vec<Self::Item>);
    /// The rules one item keeps on its own (ranges, dates that run forward); `at` is its path.
    fn check(_item: &Self::Item, _at: &SourcePath, _c: &mut Checker) {}
    /// Rules for an item put by an edit, beyond those a pack's items keep.
    fn edit_check(_item: &Self::Item, _at: &SourcePath, _c: &mut Checker) {}
    /// Every other item this one names.
    fn references(_item: &Self::Item) -> Vec<Reference> {
        Vec::new()
    }
    /// The form's fields, in order.
    fn fields() -> Vec<Field>;
    /// Figures worked out from an item rather than typed, that a list can filter and sort by:
    /// each field with the SQL expression computing it from the register's columns.
    fn derived() -> Vec<(Field, String)> {
        Vec::new()
    }
    /// The CSV export's header.
    fn csv_header() -> Vec<&'static str>;
    /// One CSV row; `as_of` is the program's status date, for derived columns.
    fn csv_row(item: &Self::Item, as_of: NaiveDate) -> Vec<Cell>;
    /// The item's title as a list shows it.
    fn title(item: &Self::Item) -> String;
}

/// A register's item as the tagged [`Item`] that crosses IPC.
pub trait Wrap<T> {
    fn wrap(item: T) -> Item;
}

/// What a reference points at: an item of a register, or a RACI party (a team or a stakeholder).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Register(RegisterName),
    Party,
}

impl Target {
    /// As the `refs` table stores it.
    pub fn code(self) -> &'static str {
        match self {
            Target::Register(r) => r.name(),
            Target::Party => "parties",
        }
    }

    /// How a message names the thing looked for.
    pub fn noun(self) -> &'static str {
        match self {
            Target::Register(r) => r.noun(),
            Target::Party => "team or stakeholder",
        }
    }
}

/// One reference from an item: the field holding it, relative to the item, and what it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub field: SourcePath,
    pub to: Target,
    pub key: String,
}

impl Reference {
    pub fn new(field: SourcePath, to: RegisterName, key: &str) -> Reference {
        Reference {
            field,
            to: Target::Register(to),
            key: key.to_string(),
        }
    }
}

/// The field `name` of an item, as a relative path.
pub(crate) fn at(name: &str) -> SourcePath {
    SourcePath::root().key(name)
}

/// Optional references in one line: `owner` → stakeholders, when set.
pub(crate) fn optional(
    out: &mut Vec<Reference>,
    field: &str,
    to: RegisterName,
    key: &Option<String>,
) {
    if let Some(key) = key {
        out.push(Reference::new(at(field), to, key));
    }
}

/// Every register by name. The names are the pack's section names.
macro_rules! registers {
    ($d:tt $($variant:ident => $register:ident, $item:ty, $name:literal, $noun:literal, $label:literal;)*) => {
        /// A register's name, as packs, CSV exports and the command line write it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum RegisterName { $($variant,)* }

        impl RegisterName {
            pub const ALL: &'static [RegisterName] = &[$(RegisterName::$variant,)*];

            pub fn name(self) -> &'static str {
                match self { $(RegisterName::$variant => $name,)* }
            }

            /// One item of the register, as messages name it (`no stakeholder has the id …`).
            pub fn noun(self) -> &'static str {
                match self { $(RegisterName::$variant => $noun,)* }
            }

            /// The register's name for people, as menus and captions show it: "KPI readings".
            pub fn label(self) -> &'static str {
                match self { $(RegisterName::$variant => $label,)* }
            }

            /// The register with this name, or a message listing those that exist.
            pub fn parse(name: &str) -> crate::Result<RegisterName> {
                match name {
                    $($name => Ok(RegisterName::$variant),)*
                    other => Err(crate::Error::not_found(
                        "register",
                        format!("`{other}`; the registers are {}", Self::names().join(", ")),
                    )),
                }
            }

            pub fn names() -> Vec<&'static str> {
                Self::ALL.iter().map(|r| r.name()).collect()
            }
        }

        /// One item of any register, tagged with its register: what edits put and lists show.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
        #[serde(tag = "register", content = "item", rename_all = "snake_case")]
        pub enum Item { $($variant($item),)* }

        $(impl Wrap<$item> for $register {
            fn wrap(item: $item) -> Item {
                Item::$variant(item)
            }
        })*

        /// Runs `body` with `R` bound to the register type named by the value.
        macro_rules! with_register {
            ($d value:expr, $d R:ident => $d body:expr) => {
                match $d value {
                    $(crate::register::RegisterName::$variant => {
                        type $d R = crate::register::$register;
                        $d body
                    })*
                }
            };
        }
        pub(crate) use with_register;

        /// Runs `body` with `R` bound to the item's register type and `it` to the item.
        macro_rules! with_item {
            ($d value:expr, $d R:ident, $d it:ident => $d body:expr) => {
                match $d value {
                    $(crate::register::Item::$variant($d it) => {
                        type $d R = crate::register::$register;
                        $d body
                    })*
                }
            };
        }
        pub(crate) use with_item;
    };
}

registers! { $
    Goals => Goals, Goal, "goals", "goal", "Goals";
    Teams => Teams, Team, "teams", "team", "Teams";
    Workstreams => Workstreams, Workstream, "workstreams", "workstream", "Workstreams";
    Milestones => Milestones, Milestone, "milestones", "milestone", "Milestones";
    Risks => Risks, Risk, "risks", "risk", "Risks";
    Assumptions => Assumptions, RaidEntry, "assumptions", "assumption", "Assumptions";
    Issues => Issues, RaidEntry, "issues", "issue", "Issues";
    Decisions => Decisions, RaidEntry, "decisions", "decision", "Decisions";
    Stakeholders => Stakeholders, Stakeholder, "stakeholders", "stakeholder", "Stakeholders";
    Communications => Communications, Communication, "communications", "communication", "Communications";
    Kpis => Kpis, Kpi, "kpis", "KPI", "KPIs";
    Measurements => Measurements, Reading, "measurements", "KPI reading", "KPI readings";
    Costs => Costs, Cost, "costs", "cost", "Costs";
}

impl RegisterName {
    /// Whether items carry the trainer's id; log entries are keyed by the store's row number.
    pub fn keyed(self) -> bool {
        with_register!(self, R => R::KEYED)
    }

    /// The form's fields of this register.
    pub fn fields(self) -> Vec<Field> {
        with_register!(self, R => R::fields())
    }

    /// Every shape problem of an item's JSON for this register.
    pub fn shape(self, item: &serde_json::Value) -> Vec<(SourcePath, String)> {
        with_register!(self, R => field::shape(&R::fields(), R::OTHER_KEYS, item))
    }
}

impl std::fmt::Display for RegisterName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A register as the UI lists it: its name, what one item is called, and its form.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RegisterInfo {
    pub register: RegisterName,
    pub noun: String,
    /// The register's name for people: "KPI readings".
    pub label: String,
    pub keyed: bool,
    pub fields: Vec<Field>,
    /// Worked out from the fields, never typed: the list filters and sorts by them (a risk's
    /// level).
    pub derived: Vec<Field>,
}

/// Every register with its form, in the registry's order.
pub fn catalogue() -> Vec<RegisterInfo> {
    RegisterName::ALL
        .iter()
        .map(|&r| RegisterInfo {
            register: r,
            noun: r.noun().to_string(),
            label: r.label().to_string(),
            keyed: r.keyed(),
            fields: r.fields(),
            derived: with_register!(r, R => R::derived().into_iter().map(|(f, _)| f).collect()),
        })
        .collect()
}

/// The serde name of an enum value as a SQL cell.
pub(crate) fn named<T: Serialize>(value: &T) -> ToSqlOutput<'static> {
    ToSqlOutput::from(crate::model::name_of(value))
}

/// Column `i` holding a serde name (`neutral`) as its enum.
pub(crate) fn from_name<T: DeserializeOwned>(row: &Row<'_>, i: usize) -> rusqlite::Result<T> {
    let text: String = row.get(i)?;
    serde_json::from_value(serde_json::Value::String(text)).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// A value as a JSON text cell (lists of ids, a RACI map).
pub(crate) fn json_cell<T: Serialize>(value: &T) -> rusqlite::Result<ToSqlOutput<'static>> {
    serde_json::to_string(value)
        .map(ToSqlOutput::from)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

/// Column `i` holding JSON.
pub(crate) fn from_json<T: DeserializeOwned>(row: &Row<'_>, i: usize) -> rusqlite::Result<T> {
    let text: String = row.get(i)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// `cells![a, b, c]`: each value's SQL cell, borrowing where it can.
macro_rules! cells {
    ($($value:expr),* $(,)?) => {{
        use rusqlite::ToSql as _;
        vec![$($value.to_sql()?),*]
    }};
}
pub(crate) use cells;

/// The references a pack's scenario events (their effects) and rubric items (their
/// expectations) make, as (`scenario` or `rubric`, the event's or item's id, references):
/// what they name can't be removed while they name it.
pub fn practice_references(pack: &Pack) -> Vec<(&'static str, String, Vec<Reference>)> {
    use crate::model::{Effect, Expectation};
    let mut out = Vec::new();
    for e in pack.scenario.iter().flat_map(|s| &s.events) {
        let refs = e
            .effects
            .iter()
            .enumerate()
            .filter_map(|(j, effect)| {
                let field = at("effects").index(j);
                let (name, to, key) = match effect {
                    Effect::MilestoneShift { milestone, .. } => {
                        ("milestone", RegisterName::Milestones, milestone)
                    }
                    Effect::KpiReading { kpi, .. } => ("kpi", RegisterName::Kpis, kpi),
                    Effect::Engagement { stakeholder, .. } => {
                        ("stakeholder", RegisterName::Stakeholders, stakeholder)
                    }
                    Effect::RiskStatus { risk, .. } => ("risk", RegisterName::Risks, risk),
                    Effect::Spend { .. } => return None,
                };
                Some(Reference::new(field.key(name), to, key))
            })
            .collect();
        out.push(("scenario", e.id.clone(), refs));
    }
    for r in &pack.rubric {
        // the path below `expect` and what the expectation names
        let named = match &r.expect {
            Expectation::Risk { .. } => None,
            Expectation::Communication { stakeholder } => Some((
                at("communication").key("stakeholder"),
                RegisterName::Stakeholders,
                stakeholder,
            )),
            Expectation::MilestoneReplanned(m) => {
                Some((at("milestone_replanned"), RegisterName::Milestones, m))
            }
            Expectation::KpiStatus { kpi, .. } => {
                Some((at("kpi_status").key("kpi"), RegisterName::Kpis, kpi))
            }
            Expectation::RiskResponse { risk } => {
                Some((at("risk_response").key("risk"), RegisterName::Risks, risk))
            }
            Expectation::RaciFixed(m) => Some((at("raci_fixed"), RegisterName::Milestones, m)),
        };
        let refs = named
            .map(|(path, to, key)| Reference::new(at("expect").join(&path), to, key))
            .into_iter()
            .collect();
        out.push(("rubric", r.id.clone(), refs));
    }
    out
}
