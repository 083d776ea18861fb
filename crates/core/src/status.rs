//! The program's overall status (red, amber or green) and the reasons behind it, as of a date:
//! what the weekly status report leads with.
//!
//! Red: SPI or CPI below 0.85, a KPI red, an open critical risk (score 20 or more), a
//! critical-path milestone past its finish and not done, or a forecast finish after the
//! program's end. Amber: SPI or CPI below 0.95, a KPI amber, a high risk past its review date,
//! a stakeholder overdue for communication, a broken RACI, a plan that breaks a dependency, or a
//! late milestone off the critical path. Green otherwise. The status is the worst reason's.
//! More than three milestones late, in conflict or with a broken RACI are said in one reason
//! that counts them, so that a long program's other reasons still show.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::evm::{EarnedValue, earned_value_at};
use crate::figures::{
    self, BaselineVariance, GridQuadrant, KpiStatus, OverdueCommunication, RaciViolation,
    RiskLevel, RiskRating, TeamDependency,
};
use crate::format::{capitalised, figure, long_date};
use crate::model::{Direction, Pack, Rag, RiskStatus, name_of};
use crate::schedule::{self, Schedule};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Reason {
    pub rag: Rag,
    pub text: String,
}

/// What the status says of the schedule: its critical path, forecast finish and broken
/// dependencies. Each milestone's slack (`Schedule::milestones`) stays out: nothing that shows
/// the status uses it, and on 5,000 milestones it was 860 kB of the 1.47 MB the window read
/// again after every change.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScheduleSummary {
    pub critical_path: Vec<String>,
    /// The forecast finish of the last milestone, everything left going as soon as possible.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub finish: Option<NaiveDate>,
    /// Dependencies the current plan breaks between unfinished milestones: (milestone,
    /// predecessor planned to finish after it starts).
    pub conflicts: Vec<(String, String)>,
}

impl From<Schedule> for ScheduleSummary {
    fn from(schedule: Schedule) -> ScheduleSummary {
        ScheduleSummary {
            critical_path: schedule.critical_path,
            finish: schedule.finish,
            conflicts: schedule.conflicts,
        }
    }
}

/// Everything the status report says, as of `date`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProgramStatus {
    pub date: NaiveDate,
    pub rag: Rag,
    /// Worst first.
    pub reasons: Vec<Reason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub schedule: Option<ScheduleSummary>,
    pub earned_value: EarnedValue,
    /// The five open risks with the highest inherent score.
    pub top_risks: Vec<RiskRating>,
    /// Every open risk, highest inherent score first: the heat map's content.
    pub open_risks: Vec<RiskRating>,
    /// The power/interest grid, quadrant by quadrant.
    pub stakeholder_grid: Vec<GridQuadrant>,
    /// The slip from its baseline of each milestone whose plan moved; one not listed slipped
    /// 0 days. Listing every milestone was 229 kB of the status on 5,000 milestones, most of
    /// them 0.
    pub variances: Vec<BaselineVariance>,
    /// Which teams wait on which.
    pub team_dependencies: Vec<TeamDependency>,
    pub kpis: Vec<KpiStatus>,
    pub overdue: Vec<OverdueCommunication>,
    pub raci_violations: Vec<RaciViolation>,
    pub without_goal: Vec<String>,
    /// Milestones past their planned finish and not complete.
    pub late: Vec<String>,
}

/// Amber reasons of one kind: each said on its own, or past three, counted in one reason that
/// names the first few, so a long program's report still shows its other reasons.
fn say_grouped(say: &mut impl FnMut(Rag, String), items: Vec<(String, String)>, what: &str) {
    const ONE_BY_ONE: usize = 3;
    let mut ids: Vec<&str> = items.iter().map(|(id, _)| id.as_str()).collect();
    ids.dedup();
    if ids.len() > ONE_BY_ONE {
        let text = format!(
            "{} {what}: {} and {} more",
            ids.len(),
            ids[..ONE_BY_ONE].join(", "),
            ids.len() - ONE_BY_ONE
        );
        say(Rag::Amber, text);
        return;
    }
    for (_, text) in items {
        say(Rag::Amber, text);
    }
}

pub fn program_status(pack: &Pack, date: NaiveDate) -> ProgramStatus {
    status_after(
        pack,
        date,
        &figures::last_contacts(&pack.communications, date),
    )
}

/// [`program_status`] with each stakeholder's last contact on or before `date` known (see
/// [`figures::last_contacts`]), for a pack read only as far as the status needs: its
/// communications are not read, and of each KPI's readings only the last two on or before
/// `date` matter.
pub(crate) fn status_after(
    pack: &Pack,
    date: NaiveDate,
    last_contact: &HashMap<String, NaiveDate>,
) -> ProgramStatus {
    let schedule = schedule::analyse(&pack.milestones, date).map(ScheduleSummary::from);
    let earned_value = earned_value_at(pack, date);
    let kpis: Vec<KpiStatus> = pack
        .kpis
        .iter()
        .map(|k| figures::kpi_status(k, date))
        .collect();
    let overdue = figures::overdue_after(pack, last_contact, date);
    let raci_violations = figures::raci_violations(pack);
    let late: Vec<String> = pack
        .milestones
        .iter()
        .filter(|m| m.finish < date && !m.finished())
        .map(|m| m.id.clone())
        .collect();

    let mut reasons = Vec::new();
    // each reason reads as a sentence of its own: "Critical risk R5 open: …"
    let mut say = |rag: Rag, text: String| {
        reasons.push(Reason {
            rag,
            text: capitalised(&text),
        })
    };
    for (name, index) in [("SPI", earned_value.spi), ("CPI", earned_value.cpi)] {
        match index {
            Some(v) if v < 0.85 => say(Rag::Red, format!("{name} {v:.2} is below 0.85")),
            Some(v) if v < 0.95 => say(Rag::Amber, format!("{name} {v:.2} is below 0.95")),
            _ => {}
        }
    }
    for k in &kpis {
        let Some(kpi) = pack.kpis.iter().find(|x| x.id == k.id) else {
            continue;
        };
        // with its unit and its target, as the KPI board shows them: "red at 10.5 days
        // (target ≤ 2 days)"
        let with_unit = |v: f64| format!("{} {}", figure(v), kpi.unit).trim_end().to_string();
        let goal = match kpi.direction {
            Direction::Lower => "≤",
            Direction::Higher => "≥",
        };
        let name = &kpi.name;
        let target = with_unit(kpi.target);
        if let (Some(rag @ (Rag::Red | Rag::Amber)), Some(v)) = (k.rag, k.latest) {
            let (colour, at) = (name_of(&rag), with_unit(v));
            say(
                rag,
                format!("KPI {name} is {colour} at {at} (target {goal} {target})"),
            );
        }
    }
    for r in pack.risks.iter().filter(|r| r.status == RiskStatus::Open) {
        let rating = figures::risk_rating(r);
        if rating.level == RiskLevel::Critical {
            say(
                Rag::Red,
                format!("critical risk {} open: {}", r.id, r.title),
            );
        } else if rating.level == RiskLevel::High && r.review.is_some_and(|d| d < date) {
            say(
                Rag::Amber,
                format!("high risk {} is past its review date", r.id),
            );
        }
    }
    let critical: Vec<&String> = schedule
        .as_ref()
        .map(|s| s.critical_path.iter().collect())
        .unwrap_or_default();
    let (late_critical, late_other): (Vec<&String>, Vec<&String>) =
        late.iter().partition(|id| critical.contains(id));
    for id in late_critical {
        say(Rag::Red, format!("critical-path milestone {id} is late"));
    }
    let late_other = late_other
        .into_iter()
        .map(|id| (id.clone(), format!("milestone {id} is late")))
        .collect();
    say_grouped(&mut say, late_other, "milestones are late");
    if let Some(finish) = schedule.as_ref().and_then(|s| s.finish)
        && finish > pack.program.end
    {
        say(
            Rag::Red,
            format!(
                "forecast finish {} is after the program's end, {}",
                long_date(finish),
                long_date(pack.program.end)
            ),
        );
    }
    if let Some(s) = &schedule {
        let conflicts = s
            .conflicts
            .iter()
            .map(|(m, dep)| (m.clone(), format!("{m} starts before {dep} finishes")))
            .collect();
        say_grouped(
            &mut say,
            conflicts,
            "milestones are planned to start before a predecessor finishes",
        );
    }
    for o in &overdue {
        say(Rag::Amber, o.describe());
    }
    let broken = raci_violations
        .iter()
        .map(|v| {
            (
                v.milestone.clone(),
                format!("RACI of {}: {}", v.milestone, v.problem),
            )
        })
        .collect();
    say_grouped(&mut say, broken, "milestones have a broken RACI");
    reasons.sort_by_key(|r| std::cmp::Reverse(r.rag));
    let open_risks = figures::top_risks(pack, usize::MAX);
    let rag = reasons.first().map_or(Rag::Green, |r| r.rag);

    ProgramStatus {
        date,
        rag,
        reasons,
        schedule,
        earned_value,
        top_risks: open_risks.iter().take(5).cloned().collect(),
        open_risks,
        stakeholder_grid: figures::stakeholder_grid(pack),
        variances: pack
            .milestones
            .iter()
            .map(figures::baseline_variance)
            .filter(|v| v.start_days != 0 || v.finish_days != 0)
            .collect(),
        team_dependencies: figures::team_dependencies(pack),
        kpis,
        overdue,
        raci_violations,
        without_goal: figures::milestones_without_goal(pack),
        late,
    }
}
