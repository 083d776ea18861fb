//! The milestone graph: dependency cycles, and the forecast with each milestone's slack and the
//! critical path, as of the status date.
//!
//! The schedule counts working days, Monday to Friday: a milestone runs from its start to its
//! finish inclusive, and a finish-to-start successor can start on the next working day, so work
//! finishing on a Friday and its successor starting on the Monday leave no slack between them.
//!
//! What has happened is kept, and only the work left is scheduled:
//! - A **finished** milestone (an actual finish, or 100% complete) is fixed at its actual dates,
//!   or its planned ones where none were recorded.
//! - A **started** milestone (an actual start, or some work complete) keeps its actual start. The
//!   work left, `(1 − percent complete)` of its planned working days rounded up, runs from the
//!   status date, and not before its dependencies' forecast finish.
//! - An **unstarted** milestone starts at the latest of its planned start, its dependencies'
//!   forecast finish and the status date, and lasts its planned working days.
//!
//! So no unfinished milestone is forecast to finish before the status date. The backward pass
//! runs over unfinished work only, from the latest forecast finish: slack is late minus early
//! finish in working days, finished milestones have none and are never critical, and the
//! critical path is the chain of unfinished milestones with no slack that ends last. A conflict
//! is a dependency the current plan breaks (a milestone planned to start before its predecessor
//! finishes) between two milestones that are both unfinished.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};

use crate::model::Milestone;

/// Slack and criticality of one milestone.
#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneSlack {
    pub id: String,
    pub early_start: NaiveDate,
    pub early_finish: NaiveDate,
    pub late_start: NaiveDate,
    pub late_finish: NaiveDate,
    /// In working days.
    pub slack_days: i64,
    pub critical: bool,
    /// Fixed at its actual dates: no slack, never critical.
    pub finished: bool,
}

/// The schedule analysed: slack per milestone, and the critical path from first to last. The
/// status carries its summary (`status::ScheduleSummary`); the slack is core's own.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub milestones: Vec<MilestoneSlack>,
    pub critical_path: Vec<String>,
    /// The forecast finish of the last milestone, everything left going as soon as possible.
    pub finish: Option<NaiveDate>,
    /// Dependencies the current plan breaks between unfinished milestones: (milestone,
    /// predecessor planned to finish after it starts).
    pub conflicts: Vec<(String, String)>,
}

fn index(milestones: &[Milestone]) -> HashMap<&str, usize> {
    milestones
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect()
}

/// Predecessor positions of each milestone; references to unknown ids are ignored here
/// (validation reports them).
fn predecessors(milestones: &[Milestone]) -> Vec<Vec<usize>> {
    let at = index(milestones);
    milestones
        .iter()
        .map(|m| {
            m.depends_on
                .iter()
                .filter_map(|d| at.get(d.as_str()).copied())
                .collect()
        })
        .collect()
}

/// The milestones in an order where each comes after its predecessors, or a cycle.
fn topological(preds: &[Vec<usize>]) -> Result<Vec<usize>, Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = vec![Mark::New; preds.len()];
    let mut order = Vec::with_capacity(preds.len());
    for root in 0..preds.len() {
        if mark[root] != Mark::New {
            continue;
        }
        // an explicit stack: packs may hold thousands of milestones in one chain
        let mut stack = vec![(root, 0usize)];
        mark[root] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&pred) = preds[node].get(*next) {
                *next += 1;
                match mark[pred] {
                    Mark::New => {
                        mark[pred] = Mark::Open;
                        stack.push((pred, 0));
                    }
                    Mark::Open => {
                        let from = stack.iter().position(|&(n, _)| n == pred).unwrap_or(0);
                        let mut cycle: Vec<usize> = stack[from..].iter().map(|&(n, _)| n).collect();
                        cycle.push(pred);
                        return Err(cycle);
                    }
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                order.push(node);
                stack.pop();
            }
        }
    }
    Ok(order)
}

/// A dependency cycle as ids, first id repeated at the end, if there is one.
pub fn find_cycle(milestones: &[Milestone]) -> Option<Vec<String>> {
    topological(&predecessors(milestones)).err().map(|cycle| {
        cycle
            .into_iter()
            .map(|i| milestones[i].id.clone())
            .collect()
    })
}

/// Working days, Monday to Friday, numbered from a Monday. A Saturday or Sunday has the
/// number of the Monday after it.
type Workday = i64;

fn workday(date: NaiveDate) -> Workday {
    let days = i64::from(date.num_days_from_ce()) - 1; // day 1 of the era, 0001-01-01, is a Monday
    days.div_euclid(7) * 5 + days.rem_euclid(7).min(5)
}

fn date_of(day: Workday) -> NaiveDate {
    let days = day.div_euclid(5) * 7 + day.rem_euclid(5) + 1;
    // a pack's dates are validated, so their working days stay well inside chrono's range
    i32::try_from(days)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(NaiveDate::MAX)
}

/// The last working day on or before `date`.
fn last_workday(date: NaiveDate) -> Workday {
    workday(date + Duration::days(1)) - 1
}

/// When each milestone's work left can start and when it finishes, in working days, as of
/// `as_of`; finished milestones are fixed at their dates.
struct Forecast {
    /// Shown start: the actual start once started.
    early_start: Vec<Workday>,
    /// When the work left starts.
    work_start: Vec<Workday>,
    /// The last working day of the work.
    early_finish: Vec<Workday>,
    left: Vec<Workday>,
}

fn forecast(
    milestones: &[Milestone],
    preds: &[Vec<usize>],
    order: &[usize],
    as_of: NaiveDate,
) -> Forecast {
    let n = milestones.len();
    let today = workday(as_of);
    let mut f = Forecast {
        early_start: vec![today; n],
        work_start: vec![today; n],
        early_finish: vec![today; n],
        left: vec![0; n],
    };
    for &i in order {
        let m = &milestones[i];
        if m.finished() {
            f.early_start[i] = workday(m.actual_start.unwrap_or(m.start));
            f.work_start[i] = f.early_start[i];
            f.early_finish[i] = last_workday(m.actual_finish.unwrap_or(m.finish));
            continue;
        }
        let span = (last_workday(m.finish) - workday(m.start) + 1).max(1);
        let after_predecessors = preds[i]
            .iter()
            .map(|&p| f.early_finish[p] + 1)
            .max()
            .unwrap_or(today)
            .max(today);
        if m.started() {
            let began = workday(m.actual_start.unwrap_or(m.start));
            let share_left = (1.0 - m.percent_complete / 100.0).clamp(0.0, 1.0);
            // rounded up: work left is never forecast as done early
            f.left[i] = (span as f64 * share_left).ceil() as Workday;
            f.early_start[i] = began;
            f.work_start[i] = after_predecessors.max(began);
        } else {
            f.left[i] = span;
            f.work_start[i] = after_predecessors.max(workday(m.start));
            f.early_start[i] = f.work_start[i];
        }
        f.early_finish[i] = f.work_start[i] + f.left[i] - 1;
    }
    f
}

/// Forecast, slack and critical path as of the status date `as_of`; `None` when the
/// dependencies hold a cycle.
pub fn analyse(milestones: &[Milestone], as_of: NaiveDate) -> Option<Schedule> {
    let preds = predecessors(milestones);
    let order = topological(&preds).ok()?;
    let f = forecast(milestones, &preds, &order, as_of);
    let open: Vec<bool> = milestones.iter().map(|m| !m.finished()).collect();
    let finish = f.early_finish.iter().max().map(|&d| date_of(d));

    // The backward pass over unfinished work, from the latest forecast finish of that work.
    let mut successors = vec![Vec::new(); milestones.len()];
    for (i, ps) in preds.iter().enumerate() {
        for &p in ps {
            successors[p].push(i);
        }
    }
    let end = (0..milestones.len())
        .filter(|&i| open[i])
        .map(|i| f.early_finish[i])
        .max()
        .unwrap_or_else(|| workday(as_of));
    let mut late_finish = f.early_finish.clone();
    let mut late_start = f.work_start.clone();
    for &i in order.iter().rev().filter(|&&i| open[i]) {
        late_finish[i] = successors[i]
            .iter()
            .filter(|&&s| open[s])
            .map(|&s| late_start[s] - 1)
            .fold(end, Workday::min);
        late_start[i] = late_finish[i] - f.left[i] + 1;
    }

    let slack: Vec<MilestoneSlack> = milestones
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let slack_days = late_finish[i] - f.early_finish[i];
            MilestoneSlack {
                id: m.id.clone(),
                early_start: date_of(f.early_start[i]),
                early_finish: date_of(f.early_finish[i]),
                late_start: date_of(if open[i] {
                    late_start[i]
                } else {
                    f.early_start[i]
                }),
                late_finish: date_of(late_finish[i]),
                slack_days,
                critical: open[i] && slack_days <= 0,
                finished: !open[i],
            }
        })
        .collect();

    let critical_path = critical_chain(&order, &preds, &slack, &f, end);
    let conflicts = milestones
        .iter()
        .enumerate()
        .filter(|&(i, _)| open[i])
        .flat_map(|(i, m)| {
            preds[i]
                .iter()
                .filter(|&&p| open[p] && milestones[p].finish > m.start)
                .map(|&p| (m.id.clone(), milestones[p].id.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    Some(Schedule {
        milestones: slack,
        critical_path: critical_path
            .into_iter()
            .map(|i| milestones[i].id.clone())
            .collect(),
        finish,
        conflicts,
    })
}

/// Walks back from the critical milestone that finishes last through the critical
/// predecessors whose finish drives the start of its work left.
fn critical_chain(
    order: &[usize],
    preds: &[Vec<usize>],
    slack: &[MilestoneSlack],
    f: &Forecast,
    end: Workday,
) -> Vec<usize> {
    let Some(last) = order
        .iter()
        .rev()
        .copied()
        .find(|&i| slack[i].critical && f.early_finish[i] == end)
    else {
        return Vec::new();
    };
    let mut chain = vec![last];
    let mut at = last;
    while let Some(&p) = preds[at]
        .iter()
        .find(|&&p| slack[p].critical && f.early_finish[p] + 1 == f.work_start[at])
    {
        chain.push(p);
        at = p;
    }
    chain.reverse();
    chain
}
