//! Derived figures: what a TPM reads off the registers. Each is a pure function of the program
//! (and a date where it matters), computed here so the app, the command line and the charts
//! agree, and tested against hand-worked examples.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::model::{
    Communication, Direction, Engagement, Kpi, Milestone, Pack, Rag, Risk, RiskStatus, Stakeholder,
};

/// Risk level on the 5×5 grid, from the score (likelihood × impact).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum RiskLevel {
    /// 1–4
    Low,
    /// 5–9
    Medium,
    /// 10–16
    High,
    /// 20–25
    Critical,
}

impl RiskLevel {
    /// Each level below critical with the highest score it covers.
    const UP_TO: [(u32, RiskLevel); 3] = [
        (4, RiskLevel::Low),
        (9, RiskLevel::Medium),
        (16, RiskLevel::High),
    ];

    pub fn of(likelihood: u8, impact: u8) -> RiskLevel {
        let score = u32::from(likelihood) * u32::from(impact);
        Self::UP_TO
            .iter()
            .find(|(max, _)| score <= *max)
            .map_or(RiskLevel::Critical, |(_, level)| *level)
    }

    pub fn name(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
            RiskLevel::Critical => "critical",
        }
    }

    /// The same rule as [`RiskLevel::of`] in SQL, over a score expression: lists filter by it.
    pub fn sql(score: &str) -> String {
        let arms: String = Self::UP_TO
            .iter()
            .map(|(max, level)| format!(" WHEN {score} <= {max} THEN '{}'", level.name()))
            .collect();
        format!("CASE{arms} ELSE '{}' END", RiskLevel::Critical.name())
    }
}

/// A risk's inherent and residual place on the grid, score and level.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RiskRating {
    pub id: String,
    pub likelihood: u8,
    pub impact: u8,
    pub residual_likelihood: u8,
    pub residual_impact: u8,
    pub score: u32,
    pub level: RiskLevel,
    pub residual_score: u32,
    pub residual_level: RiskLevel,
}

pub fn risk_rating(r: &Risk) -> RiskRating {
    let rl = r.residual_likelihood.unwrap_or(r.likelihood);
    let ri = r.residual_impact.unwrap_or(r.impact);
    RiskRating {
        id: r.id.clone(),
        likelihood: r.likelihood,
        impact: r.impact,
        residual_likelihood: rl,
        residual_impact: ri,
        score: u32::from(r.likelihood) * u32::from(r.impact),
        level: RiskLevel::of(r.likelihood, r.impact),
        residual_score: u32::from(rl) * u32::from(ri),
        residual_level: RiskLevel::of(rl, ri),
    }
}

/// Open risks by inherent score, highest first (ties by id), at most `n`.
pub fn top_risks(pack: &Pack, n: usize) -> Vec<RiskRating> {
    let mut open: Vec<RiskRating> = pack
        .risks
        .iter()
        .filter(|r| r.status == RiskStatus::Open)
        .map(risk_rating)
        .collect();
    open.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    open.truncate(n);
    open
}

/// Mendelow's power/interest quadrants. Power or interest of 3 or more counts as high.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    ManageClosely,
    KeepSatisfied,
    KeepInformed,
    Monitor,
}

impl Quadrant {
    pub fn of(power: u8, interest: u8) -> Quadrant {
        match (power >= 3, interest >= 3) {
            (true, true) => Quadrant::ManageClosely,
            (true, false) => Quadrant::KeepSatisfied,
            (false, true) => Quadrant::KeepInformed,
            (false, false) => Quadrant::Monitor,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Quadrant::ManageClosely => "Manage closely",
            Quadrant::KeepSatisfied => "Keep satisfied",
            Quadrant::KeepInformed => "Keep informed",
            Quadrant::Monitor => "Monitor",
        }
    }
}

/// One quadrant of the power/interest grid with the stakeholders in it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GridQuadrant {
    pub quadrant: Quadrant,
    pub label: String,
    pub stakeholders: Vec<GridEntry>,
}

/// A stakeholder on the grid, and how many steps their engagement is from where it should be.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GridEntry {
    pub id: String,
    pub name: String,
    pub engagement_gap: i32,
}

/// The four quadrants as the grid is drawn, row by row: high power on top, high interest on
/// the right; each with its stakeholders in the pack's order.
pub fn stakeholder_grid(pack: &Pack) -> Vec<GridQuadrant> {
    use Quadrant::*;
    [KeepSatisfied, ManageClosely, Monitor, KeepInformed]
        .into_iter()
        .map(|quadrant| GridQuadrant {
            quadrant,
            label: quadrant.label().to_string(),
            stakeholders: pack
                .stakeholders
                .iter()
                .filter(|s| Quadrant::of(s.power, s.interest) == quadrant)
                .map(|s| GridEntry {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    engagement_gap: engagement_gap(s),
                })
                .collect(),
        })
        .collect()
}

/// Steps from current to desired engagement: positive when the stakeholder must be brought
/// further (Resistant → Supportive is 2), zero when they are where they should be.
pub fn engagement_gap(s: &Stakeholder) -> i32 {
    rank(s.desired_engagement) - rank(s.engagement)
}

fn rank(e: Engagement) -> i32 {
    match e {
        Engagement::Unaware => 0,
        Engagement::Resistant => 1,
        Engagement::Neutral => 2,
        Engagement::Supportive => 3,
        Engagement::Leading => 4,
    }
}

/// A stakeholder who has not heard from the program within their cadence.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OverdueCommunication {
    pub stakeholder: String,
    /// The stakeholder's name, for people.
    pub name: String,
    /// The last communication that named them; none means no contact is logged.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub last: Option<NaiveDate>,
    pub due: NaiveDate,
    pub days_overdue: i64,
}

impl OverdueCommunication {
    /// "Dana Ortiz is 9 days overdue for communication", or that no contact is logged.
    pub fn describe(&self) -> String {
        let days = match self.days_overdue {
            1 => "1 day".to_string(),
            n => format!("{n} days"),
        };
        match self.last {
            Some(_) => format!("{} is {days} overdue for communication", self.name),
            None => format!(
                "{} has no contact logged and is {days} overdue (due {})",
                self.name,
                self.due.format("%-d %b %Y")
            ),
        }
    }
}

/// Stakeholders overdue as of `today`, most overdue first. A stakeholder is due their cadence
/// after the last communication naming them. With none logged, the count starts on the status
/// date the pack describes (when the learner joined), never on the program's start: a pack's
/// log holds only what its author wrote down.
pub fn overdue_communications(pack: &Pack, today: NaiveDate) -> Vec<OverdueCommunication> {
    overdue_after(pack, &last_contacts(&pack.communications, today), today)
}

/// The date of the last communication naming each stakeholder, on or before `today`.
pub fn last_contacts(
    communications: &[Communication],
    today: NaiveDate,
) -> HashMap<String, NaiveDate> {
    let mut last: HashMap<String, NaiveDate> = HashMap::new();
    for c in communications.iter().filter(|c| c.date <= today) {
        for s in &c.stakeholders {
            let entry = last.entry(s.clone()).or_insert(c.date);
            *entry = (*entry).max(c.date);
        }
    }
    last
}

/// [`overdue_communications`] with each stakeholder's last contact known (see
/// [`last_contacts`]): the pack's own communications are not read.
pub fn overdue_after(
    pack: &Pack,
    last: &HashMap<String, NaiveDate>,
    today: NaiveDate,
) -> Vec<OverdueCommunication> {
    let mut overdue: Vec<OverdueCommunication> = pack
        .stakeholders
        .iter()
        .filter_map(|s| {
            let seen = last.get(s.id.as_str()).copied();
            let due = seen.unwrap_or_else(|| pack.program.joined())
                + chrono::Duration::days(i64::from(s.cadence_days));
            let days_overdue = (today - due).num_days();
            (days_overdue > 0).then(|| OverdueCommunication {
                stakeholder: s.id.clone(),
                name: s.name.clone(),
                last: seen,
                due,
                days_overdue,
            })
        })
        .collect();
    overdue.sort_by(|a, b| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then_with(|| a.stakeholder.cmp(&b.stakeholder))
    });
    overdue
}

/// How far the current plan has moved from the baseline, in days (positive is later).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BaselineVariance {
    pub id: String,
    pub start_days: i64,
    pub finish_days: i64,
}

pub fn baseline_variance(m: &Milestone) -> BaselineVariance {
    BaselineVariance {
        id: m.id.clone(),
        start_days: (m.start - m.baseline_start()).num_days(),
        finish_days: (m.finish - m.baseline_finish()).num_days(),
    }
}

/// A KPI's status from its latest reading on or before `today`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct KpiStatus {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub latest: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub date: Option<NaiveDate>,
    /// None when there is no reading yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rag: Option<Rag>,
    /// The reading before the latest, and which way the KPI moved since; none before two
    /// readings.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub previous: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub trend: Option<Trend>,
}

/// Which way a KPI moved between its last two readings, judged by its direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Trend {
    Better,
    Worse,
    Unchanged,
}

/// Red at or past the red threshold, amber at or past amber, else green; "past" follows the
/// KPI's direction.
pub fn rag(kpi: &Kpi, value: f64) -> Rag {
    let worse_or_equal = |threshold: f64| match kpi.direction {
        Direction::Lower => value >= threshold,
        Direction::Higher => value <= threshold,
    };
    if worse_or_equal(kpi.red) {
        Rag::Red
    } else if worse_or_equal(kpi.amber) {
        Rag::Amber
    } else {
        Rag::Green
    }
}

pub fn kpi_status(kpi: &Kpi, today: NaiveDate) -> KpiStatus {
    // by date, a later entry of the same date after an earlier one: the last is the latest
    let mut known: Vec<_> = kpi
        .measurements
        .iter()
        .filter(|m| m.date <= today)
        .collect();
    known.sort_by_key(|m| m.date);
    let latest = known.last();
    let previous = known.len().checked_sub(2).map(|i| known[i].value);
    let trend = latest.zip(previous).map(|(now, before)| {
        let up = now.value > before;
        if now.value == before {
            Trend::Unchanged
        } else if up == (kpi.direction == Direction::Higher) {
            Trend::Better
        } else {
            Trend::Worse
        }
    });
    KpiStatus {
        id: kpi.id.clone(),
        latest: latest.map(|m| m.value),
        date: latest.map(|m| m.date),
        rag: latest.map(|m| rag(kpi, m.value)),
        previous,
        trend,
    }
}

/// What is wrong with a milestone's RACI.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RaciViolation {
    pub milestone: String,
    pub problem: String,
}

/// Milestones without exactly one Accountable or without any Responsible.
pub fn raci_violations(pack: &Pack) -> Vec<RaciViolation> {
    let mut out = Vec::new();
    for m in &pack.milestones {
        for problem in m.raci.problems() {
            out.push(RaciViolation {
                milestone: m.id.clone(),
                problem: problem.into(),
            });
        }
    }
    out
}

/// Milestones that serve no business goal.
pub fn milestones_without_goal(pack: &Pack) -> Vec<String> {
    pack.milestones
        .iter()
        .filter(|m| m.goal.is_none())
        .map(|m| m.id.clone())
        .collect()
}

/// How many milestones of one team wait on a milestone of another team (finish-to-start),
/// each milestone belonging to its workstream's team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TeamDependency {
    /// The team whose milestone waits.
    pub from: String,
    /// The team it waits on.
    pub to: String,
    pub count: u32,
}

/// Every pair of different teams where one waits on the other, by `from` then `to`. A
/// milestone whose workstream has no team counts for none.
pub fn team_dependencies(pack: &Pack) -> Vec<TeamDependency> {
    let team_of_workstream: HashMap<&str, &str> = pack
        .workstreams
        .iter()
        .filter_map(|w| Some((w.id.as_str(), w.team.as_deref()?)))
        .collect();
    let team_of: HashMap<&str, &str> = pack
        .milestones
        .iter()
        .filter_map(|m| {
            Some((
                m.id.as_str(),
                *team_of_workstream.get(m.workstream.as_str())?,
            ))
        })
        .collect();
    let mut count: std::collections::BTreeMap<(&str, &str), u32> = Default::default();
    for m in &pack.milestones {
        let Some(&from) = team_of.get(m.id.as_str()) else {
            continue;
        };
        for d in &m.depends_on {
            if let Some(&to) = team_of.get(d.as_str())
                && to != from
            {
                *count.entry((from, to)).or_default() += 1;
            }
        }
    }
    count
        .into_iter()
        .map(|((from, to), count)| TeamDependency {
            from: from.to_string(),
            to: to.to_string(),
            count,
        })
        .collect()
}
