//! Earned value as of a date: planned value (PV), earned value (EV), actual cost (AC) and the
//! indices a TPM reports (SV, CV, SPI, CPI, EAC).
//!
//! PV accrues each milestone's planned value evenly over its baseline span. EV is planned value
//! times percent complete; before the status date, a milestone in flight is taken to have earned
//! evenly from its actual start to the status date. AC sums the costs dated on or before the day.
//! BAC, the budget at completion, is the total planned value of the milestones.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::model::{Milestone, Pack};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct EarnedValue {
    pub date: NaiveDate,
    pub pv: f64,
    pub ev: f64,
    pub ac: f64,
    /// EV − PV
    pub sv: f64,
    /// EV − AC
    pub cv: f64,
    /// EV ÷ PV; none before any value is planned
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub spi: Option<f64>,
    /// EV ÷ AC; none before anything is spent
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cpi: Option<f64>,
    pub bac: f64,
    /// BAC ÷ CPI: what the whole will cost if spending goes on as it has
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub eac: Option<f64>,
}

/// An index (SPI, CPI) as reports write it: two decimals, or `n/a` when it has no value yet.
pub fn format_index(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".into(), |v| format!("{v:.2}"))
}

/// Share of a span from `from` to `to` that has passed by `date`, 0 to 1.
fn elapsed(from: NaiveDate, to: NaiveDate, date: NaiveDate) -> f64 {
    if date >= to {
        1.0
    } else if date < from {
        0.0
    } else {
        (date - from).num_days() as f64 / (to - from).num_days().max(1) as f64
    }
}

fn planned_value(m: &Milestone, date: NaiveDate) -> f64 {
    m.planned_value * elapsed(m.baseline_start(), m.baseline_finish(), date)
}

fn earned_value(m: &Milestone, date: NaiveDate, as_of: NaiveDate) -> f64 {
    let earned_by_status_date = m.planned_value * m.percent_complete / 100.0;
    if date >= as_of {
        return earned_by_status_date;
    }
    if m.actual_finish.is_some_and(|f| f <= date) {
        return m.planned_value;
    }
    let began = m.actual_start.unwrap_or(m.start);
    earned_by_status_date * elapsed(began, as_of, date)
}

pub fn earned_value_at(pack: &Pack, date: NaiveDate) -> EarnedValue {
    let as_of = pack.program.as_of();
    let pv: f64 = pack.milestones.iter().map(|m| planned_value(m, date)).sum();
    let ev: f64 = pack
        .milestones
        .iter()
        .map(|m| earned_value(m, date, as_of))
        .sum();
    let ac: f64 = pack
        .costs
        .iter()
        .filter(|c| c.date <= date)
        .map(|c| c.amount)
        .sum();
    let bac: f64 = pack.milestones.iter().map(|m| m.planned_value).sum();
    let ratio = |a: f64, b: f64| (b > 0.0).then(|| a / b);
    let cpi = ratio(ev, ac);
    EarnedValue {
        date,
        pv,
        ev,
        ac,
        sv: ev - pv,
        cv: ev - ac,
        spi: ratio(ev, pv),
        cpi,
        bac,
        eac: cpi.filter(|c| *c > 0.0).map(|c| bac / c),
    }
}

/// Earned value at the end of each week from the program's start to `until`.
pub fn weekly(pack: &Pack, until: NaiveDate) -> Vec<EarnedValue> {
    let mut out = Vec::new();
    let mut d = pack.program.start;
    while d < until {
        out.push(earned_value_at(pack, d));
        d += chrono::Duration::days(7);
    }
    out.push(earned_value_at(pack, until));
    out
}
