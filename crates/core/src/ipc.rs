//! What crosses IPC to the UI: the error payload, and the TypeScript twins of every type
//! that crosses, generated from the Rust definitions (`ui/src/lib/bindings.ts`).

use serde::{Deserialize, Serialize};
use ts_rs::{Config, TS};

use crate::Error;

/// What went wrong, as the UI switches on it; never parse the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Input that breaks the model's rules; `problems` says where and what.
    Validation,
    NotFound,
    /// The store's state refuses it: a program already loaded, an undo whose item moved on.
    Conflict,
    /// The pack's program is loaded already: import it again to replace it or keep both.
    AlreadyLoaded,
    /// Over one of the safety limits.
    Limit,
    NewerDatabase,
    /// The database is someone else's: not SQLite, or SQLite without Flightdeck's mark.
    ForeignDatabase,
    Corrupt,
    Io,
    Database,
    Chart,
    /// A fault in the app itself.
    Internal,
}

impl ErrorKind {
    pub fn name(self) -> String {
        crate::model::name_of(&self)
    }
}

impl PartialEq<&str> for ErrorKind {
    fn eq(&self, other: &&str) -> bool {
        self.name() == *other
    }
}

/// One problem of an input, beside the field it concerns: `risks[R7].likelihood`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldProblem {
    pub path: String,
    pub message: String,
}

/// An error as the UI and `flightdeck-cli --json` give it: a stable kind to switch on, a
/// message to show, and for bad input every problem with its path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ErrorPayload {
    pub kind: ErrorKind,
    pub message: String,
    pub problems: Vec<FieldProblem>,
}

impl From<&Error> for ErrorPayload {
    fn from(e: &Error) -> Self {
        let problems = match e {
            Error::Invalid(found) => found
                .iter()
                .map(|p| FieldProblem {
                    path: p.path.clone(),
                    message: p.message.clone(),
                })
                .collect(),
            _ => Vec::new(),
        };
        ErrorPayload {
            kind: e.kind(),
            message: e.to_string(),
            problems,
        }
    }
}

/// What the window shows first, handed to the page with it (as `window.__FLIGHTDECK_START__`)
/// so that the program list is painted without waiting for a command: the programs, and why
/// the database could not be opened.
#[derive(Debug, Clone, Serialize, TS)]
pub struct StartSnapshot {
    pub programs: Vec<crate::store::ProgramSummary>,
    pub problem: Option<ErrorPayload>,
}

/// The generated TypeScript for every IPC type, as committed in `ui/src/lib/bindings.ts`.
pub fn typescript_bindings() -> String {
    use crate::model::*;
    let cfg = Config::new().with_large_int("number");
    let decls = [
        ErrorKind::decl(&cfg),
        FieldProblem::decl(&cfg),
        ErrorPayload::decl(&cfg),
        StartSnapshot::decl(&cfg),
        crate::store::ProgramSummary::decl(&cfg),
        crate::store::Backup::decl(&cfg),
        crate::store::OnLoaded::decl(&cfg),
        crate::register::list::ItemTitle::decl(&cfg),
        crate::overview::Overview::decl(&cfg),
        crate::chart::GanttRow::decl(&cfg),
        crate::Roadmap::decl(&cfg),
        crate::practice::Attempt::decl(&cfg),
        crate::practice::ScenarioBrief::decl(&cfg),
        crate::practice::InboxEntry::decl(&cfg),
        crate::practice::StatusDraft::decl(&cfg),
        crate::practice::StatusReport::decl(&cfg),
        crate::practice::Debrief::decl(&cfg),
        crate::practice::rubric::ItemResult::decl(&cfg),
        crate::practice::rubric::Score::decl(&cfg),
        crate::practice::rubric::ResponsibilityScore::decl(&cfg),
        crate::practice::xapi::Sent::decl(&cfg),
        crate::practice::xapi::LrsSettings::decl(&cfg),
        crate::practice::xapi::LrsState::decl(&cfg),
        crate::overview::ModuleCounts::decl(&cfg),
        Industry::decl(&cfg),
        Pack::decl(&cfg),
        ProgramInfo::decl(&cfg),
        Goal::decl(&cfg),
        Team::decl(&cfg),
        Workstream::decl(&cfg),
        Raci::decl(&cfg),
        Milestone::decl(&cfg),
        RiskResponse::decl(&cfg),
        RiskStatus::decl(&cfg),
        Risk::decl(&cfg),
        EntryStatus::decl(&cfg),
        RaidEntry::decl(&cfg),
        Engagement::decl(&cfg),
        Stakeholder::decl(&cfg),
        Communication::decl(&cfg),
        Direction::decl(&cfg),
        Measurement::decl(&cfg),
        Kpi::decl(&cfg),
        Cost::decl(&cfg),
        Scenario::decl(&cfg),
        ScenarioEvent::decl(&cfg),
        Effect::decl(&cfg),
        Responsibility::decl(&cfg),
        Rag::decl(&cfg),
        RubricItem::decl(&cfg),
        Expectation::decl(&cfg),
        crate::status::ScheduleSummary::decl(&cfg),
        crate::status::ProgramStatus::decl(&cfg),
        crate::status::Reason::decl(&cfg),
        crate::evm::EarnedValue::decl(&cfg),
        crate::figures::RiskRating::decl(&cfg),
        crate::figures::RiskLevel::decl(&cfg),
        crate::figures::KpiStatus::decl(&cfg),
        crate::figures::Trend::decl(&cfg),
        crate::figures::OverdueCommunication::decl(&cfg),
        crate::figures::RaciViolation::decl(&cfg),
        crate::figures::Quadrant::decl(&cfg),
        crate::figures::GridQuadrant::decl(&cfg),
        crate::figures::GridEntry::decl(&cfg),
        crate::figures::BaselineVariance::decl(&cfg),
        crate::figures::TeamDependency::decl(&cfg),
        crate::register::RegisterName::decl(&cfg),
        crate::register::Item::decl(&cfg),
        crate::register::Reading::decl(&cfg),
        crate::register::Field::decl(&cfg),
        crate::register::FieldKind::decl(&cfg),
        crate::register::RegisterInfo::decl(&cfg),
        crate::register::list::ItemQuery::decl(&cfg),
        crate::register::list::SortDirection::decl(&cfg),
        crate::register::list::ItemRow::decl(&cfg),
        crate::register::list::ItemPage::decl(&cfg),
        crate::edit::Edit::decl(&cfg),
        crate::edit::ActionKind::decl(&cfg),
        crate::edit::ActionState::decl(&cfg),
        crate::edit::Action::decl(&cfg),
        crate::edit::Progress::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from flightdeck-core's Rust types by `script/gen-types`; do not edit.\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
