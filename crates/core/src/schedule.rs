//! The milestone graph: dependency cycles, and the critical path with each milestone's slack.
//!
//! Dependencies are finish-to-start and a milestone's duration is its planned span. The forward
//! pass schedules as soon as possible (milestones without predecessors on their planned start),
//! the backward pass runs from the latest early finish; slack is late minus early start, and the
//! critical path is the chain of milestones with no slack that ends last.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::model::Milestone;

/// Slack and criticality of one milestone.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MilestoneSlack {
    pub id: String,
    pub early_start: NaiveDate,
    pub early_finish: NaiveDate,
    pub late_start: NaiveDate,
    pub late_finish: NaiveDate,
    pub slack_days: i64,
    pub critical: bool,
}

/// The schedule analysed: slack per milestone, and the critical path from first to last.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Schedule {
    pub milestones: Vec<MilestoneSlack>,
    pub critical_path: Vec<String>,
    /// The earliest date the last milestone can finish, everything going as soon as possible.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub finish: Option<NaiveDate>,
    /// Dependencies the current plan breaks: (milestone, predecessor finishing after it starts).
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

/// Critical path and slack; `None` when the dependencies hold a cycle.
pub fn analyse(milestones: &[Milestone]) -> Option<Schedule> {
    let preds = predecessors(milestones);
    let order = topological(&preds).ok()?;
    let duration: Vec<Duration> = milestones.iter().map(|m| m.finish - m.start).collect();

    // As soon as possible: a milestone with predecessors starts when the last of them
    // finishes; one without starts on its planned date.
    let mut early_start: Vec<NaiveDate> = milestones.iter().map(|m| m.start).collect();
    let mut early_finish = early_start.clone();
    for &i in &order {
        if let Some(latest) = preds[i].iter().map(|&p| early_finish[p]).max() {
            early_start[i] = latest;
        }
        early_finish[i] = early_start[i] + duration[i];
    }
    let finish = early_finish.iter().max().copied();

    let mut successors = vec![Vec::new(); milestones.len()];
    for (i, ps) in preds.iter().enumerate() {
        for &p in ps {
            successors[p].push(i);
        }
    }
    let end = finish.unwrap_or_default();
    let mut late_finish = vec![end; milestones.len()];
    let mut late_start = vec![end; milestones.len()];
    for &i in order.iter().rev() {
        for &s in &successors[i] {
            late_finish[i] = late_finish[i].min(late_start[s]);
        }
        late_start[i] = late_finish[i] - duration[i];
    }

    let slack: Vec<MilestoneSlack> = milestones
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let slack_days = (late_start[i] - early_start[i]).num_days();
            MilestoneSlack {
                id: m.id.clone(),
                early_start: early_start[i],
                early_finish: early_finish[i],
                late_start: late_start[i],
                late_finish: late_finish[i],
                slack_days,
                critical: slack_days <= 0,
            }
        })
        .collect();

    let critical_path = critical_chain(&order, &preds, &slack, &early_finish, finish);
    let conflicts = milestones
        .iter()
        .enumerate()
        .flat_map(|(i, m)| {
            preds[i]
                .iter()
                .filter(move |&&p| milestones[p].finish > m.start)
                .map(move |&p| (m.id.clone(), milestones[p].id.clone()))
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

/// Walks back from the critical milestone that finishes last through critical predecessors
/// that drive its start.
fn critical_chain(
    order: &[usize],
    preds: &[Vec<usize>],
    slack: &[MilestoneSlack],
    early_finish: &[NaiveDate],
    finish: Option<NaiveDate>,
) -> Vec<usize> {
    let Some(end) = order
        .iter()
        .rev()
        .copied()
        .find(|&i| slack[i].critical && Some(early_finish[i]) == finish)
    else {
        return Vec::new();
    };
    let mut chain = vec![end];
    let mut at = end;
    while let Some(&p) = preds[at]
        .iter()
        .find(|&&p| slack[p].critical && early_finish[p] == slack[at].early_start)
    {
        chain.push(p);
        at = p;
    }
    chain.reverse();
    chain
}
