//! What crosses IPC to the UI: the error payload, and the TypeScript twins of every type
//! that crosses, generated from the Rust definitions (`ui/src/lib/bindings.ts`).

use serde::Serialize;
use ts_rs::{Config, TS};

use crate::Error;

/// An error as the UI receives it: a stable kind to switch on, and a message to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErrorPayload {
    pub kind: String,
    pub message: String,
}

impl From<&Error> for ErrorPayload {
    fn from(e: &Error) -> Self {
        ErrorPayload {
            kind: e.kind().to_string(),
            message: e.to_string(),
        }
    }
}

/// The generated TypeScript for every IPC type, as committed in `ui/src/lib/bindings.ts`.
pub fn typescript_bindings() -> String {
    use crate::model::*;
    let cfg = Config::new().with_large_int("number");
    let decls = [
        ErrorPayload::decl(&cfg),
        crate::store::ProgramSummary::decl(&cfg),
        crate::overview::Overview::decl(&cfg),
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
        crate::schedule::Schedule::decl(&cfg),
        crate::schedule::MilestoneSlack::decl(&cfg),
        crate::status::ProgramStatus::decl(&cfg),
        crate::status::Reason::decl(&cfg),
        crate::evm::EarnedValue::decl(&cfg),
        crate::figures::RiskRating::decl(&cfg),
        crate::figures::RiskLevel::decl(&cfg),
        crate::figures::KpiStatus::decl(&cfg),
        crate::figures::OverdueCommunication::decl(&cfg),
        crate::figures::RaciViolation::decl(&cfg),
        crate::edit::Edit::decl(&cfg),
        crate::edit::Section::decl(&cfg),
        crate::edit::Action::decl(&cfg),
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
