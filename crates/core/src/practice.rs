//! Practice mode: a learner's attempt on a program's scenario.
//!
//! An attempt is a program of its own, copied from the pack of the program it was started on,
//! so the program itself stays clean and a program can have many attempts. Every register
//! command works on an attempt by its key, as on a program.
//!
//! **The clock.** An attempt starts on the program's status date (`as_of`), in week 1. Week
//! `w` starts `7 × (w − 1)` days later, and the scenario's last day is the last day of week
//! `weeks`. The learner moves the clock forward by days, never back and never past that day.
//!
//! **Events.** Each event fires at the start of its week: when the clock reaches that day its
//! effects are applied through the same item changes as the learner's edits, recorded as the
//! scenario's action (never undone), and the event arrives in the inbox. Events of week 1 fire
//! when the attempt starts.
//!
//! **Weekly status.** The learner writes one report a week (an overall colour, a colour per
//! KPI and a note), revisable within that week; every revision is kept, and a week's report is
//! its latest revision.
//!
//! **Finish.** After finishing, the attempt is read-only: no edit, undo, advance or report.

pub mod file;
#[cfg(feature = "lrs")]
pub mod lrs;
mod model_answer;
pub mod report;
pub mod rubric;
pub mod xapi;

pub use rubric::{ItemChange, LearnerAction, Record, Scored};

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::edit::change::put;
use crate::edit::{ActionKind, ActionState, Change, record};
use crate::model::{Cost, Effect, Pack, Rag, RiskStatus};
use crate::register::sql;
use crate::register::{Costs, Measurements, Milestones, Reading, Risks, Stakeholders};
use crate::store::write;
use crate::{Error, Result, Store};

/// An attempt: who, on which program, and where its clock stands.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Attempt {
    /// The attempt's own program id; every register command takes it.
    pub id: i64,
    /// Its key, like a program's slug.
    pub key: String,
    /// The slug of the program it was started on.
    pub of_program: String,
    /// That program's id, while it is loaded.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub of_program_id: Option<i64>,
    pub program_name: String,
    pub learner: String,
    /// The simulated date.
    pub clock: NaiveDate,
    /// The week the clock is in, from 1.
    pub week: u32,
    pub weeks: u32,
    pub starts: NaiveDate,
    /// The scenario's last day.
    pub ends: NaiveDate,
    /// Days from the clock to the first day of the next week: what "next week" advances.
    pub days_to_next_week: u32,
    /// Days from the clock to the scenario's last day.
    pub days_left: u32,
    /// Real time, RFC 3339.
    pub started_at: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<String>,
    /// SHA-256 of the pack's canonical JSON: which pack the attempt was made on.
    pub pack_sha256: String,
}

impl Attempt {
    pub fn finished(&self) -> bool {
        self.finished_at.is_some()
    }
}

/// A scenario event that reached the inbox.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct InboxEntry {
    pub event: String,
    pub week: u32,
    pub title: String,
    pub narrative: String,
    pub fired_on: NaiveDate,
    /// What the event changed, one line per effect.
    pub changed: Vec<String>,
}

/// What the learner writes for a week's status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StatusDraft {
    pub overall: Rag,
    /// KPI id → colour.
    #[serde(default)]
    pub kpis: BTreeMap<String, Rag>,
    #[serde(default)]
    pub note: String,
}

/// A week's status report, as last revised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StatusReport {
    pub week: u32,
    pub overall: Rag,
    pub kpis: BTreeMap<String, Rag>,
    pub note: String,
    /// The simulated date of the last revision.
    pub at_sim: NaiveDate,
}

/// What a learner may know of a scenario before playing it: never its events.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScenarioBrief {
    pub title: String,
    pub briefing: String,
    pub weeks: u32,
    /// How many events and rubric items it has.
    pub events: u32,
    pub rubric_items: u32,
}

/// The longest learner name and status note accepted.
const MAX_NAME: usize = 200;
const MAX_NOTE: usize = 10_000;

/// The first day of week `week` of a scenario starting on `start`.
pub fn week_start(start: NaiveDate, week: u32) -> NaiveDate {
    start + Duration::days(7 * (i64::from(week.max(1)) - 1))
}

/// The week (from 1) that `date` falls in.
pub fn week_of(start: NaiveDate, date: NaiveDate) -> u32 {
    u32::try_from((date - start).num_days().max(0) / 7 + 1).unwrap_or(u32::MAX)
}

/// SHA-256 of the pack's canonical form (its JSON as Flightdeck writes it), in hex.
pub fn pack_sha256(pack: &Pack) -> Result<String> {
    let json = serde_json::to_vec(pack)
        .map_err(|e| Error::Conflict(format!("the pack cannot be written as JSON: {e}")))?;
    Ok(format!("{:x}", Sha256::digest(json)))
}

impl Store {
    /// Starts an attempt on the program's scenario for `learner`: a copy of the program's
    /// pack, its clock on the status date, and the events of week 1 in its inbox.
    pub fn start_attempt(&mut self, program: i64, learner: &str) -> Result<Attempt> {
        let learner = learner.trim();
        if learner.is_empty() || learner.chars().count() > MAX_NAME {
            return Err(Error::Conflict(format!(
                "the learner's name must be 1 to {MAX_NAME} characters"
            )));
        }
        let tx = self.write()?;
        if is_attempt(&tx, program)? {
            return Err(Error::Conflict(
                "this is an attempt: start a new attempt on the program it was made on".into(),
            ));
        }
        let (slug, mut pack) = write::source_pack(&tx, program)?;
        if pack.scenario.is_none() {
            return Err(Error::Conflict(format!(
                "“{}” has no scenario to practise: only a pack with a [scenario] has practice mode",
                pack.program.name
            )));
        }
        let sha = pack_sha256(&pack)?;
        pack.program.id = attempt_key(&tx, &slug, learner)?;
        let id = write::insert_program(&tx, &pack)?;
        let start = pack.program.as_of();
        tx.prepare_cached(
            "INSERT INTO attempts (program_id, of_slug, learner, pack_sha256, clock, started_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![id, slug, learner, sha, start, Utc::now().to_rfc3339()])?;
        fire_due(&tx, id, start)?;
        tx.commit()?;
        self.attempt(id)
    }

    /// The program's scenario as a learner may see it before playing; `None` without one.
    pub fn scenario_brief(&self, program: i64) -> Result<Option<ScenarioBrief>> {
        let Some(scenario) = crate::store::read::load_scenario(self.conn(), program)? else {
            return Ok(None);
        };
        let rubric_items: u32 = self
            .conn()
            .prepare_cached("SELECT COUNT(*) FROM rubric_items WHERE program_id = ?1")?
            .query_row([program], |r| r.get(0))?;
        Ok(Some(ScenarioBrief {
            title: scenario.title,
            briefing: scenario.briefing,
            weeks: scenario.weeks,
            events: u32::try_from(scenario.events.len()).unwrap_or(u32::MAX),
            rubric_items,
        }))
    }

    /// The attempt with this program id; `not_found` when the program is not an attempt.
    pub fn attempt(&self, id: i64) -> Result<Attempt> {
        load_attempt(self.conn(), id)?.ok_or_else(|| Error::not_found("attempt", id.to_string()))
    }

    /// Every attempt, newest first; of one program when `of` names it.
    pub fn attempts(&self, of: Option<&str>) -> Result<Vec<Attempt>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT program_id FROM attempts WHERE ?1 IS NULL OR of_slug = ?1 ORDER BY program_id DESC",
        )?;
        let ids: Vec<i64> = stmt
            .query_map([of], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.attempt(id)).collect()
    }

    /// Moves the clock `days` forward (to the scenario's last day at most) and fires the
    /// events whose week has started; returns those events.
    pub fn advance(&mut self, id: i64, days: u32) -> Result<Vec<InboxEntry>> {
        let attempt = self.attempt(id)?;
        ensure_open(&attempt)?;
        if days == 0 {
            return Err(Error::Conflict("advance by at least one day".into()));
        }
        if attempt.clock >= attempt.ends {
            return Err(Error::Conflict(format!(
                "the scenario's last week is over ({}): finish the attempt to see the debrief",
                attempt.ends
            )));
        }
        let to = (attempt.clock + Duration::days(i64::from(days))).min(attempt.ends);
        let tx = self.write()?;
        let fired = fire_due(&tx, id, to)?;
        tx.prepare_cached("UPDATE attempts SET clock = ?2 WHERE program_id = ?1")?
            .execute(params![id, to])?;
        tx.commit()?;
        if fired.is_empty() {
            return Ok(Vec::new());
        }
        let inbox = self.inbox(id)?;
        Ok(inbox
            .into_iter()
            .filter(|e| fired.contains(&e.event))
            .collect())
    }

    /// Every event that reached the attempt's inbox, in the order they fired.
    pub fn inbox(&self, id: i64) -> Result<Vec<InboxEntry>> {
        self.attempt(id)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.key, e.week, e.title, e.narrative, e.effects, i.fired_on
             FROM inbox i JOIN scenario_events e ON e.program_id = i.program_id AND e.key = i.event_key
             WHERE i.program_id = ?1 ORDER BY i.fired_on, e.position",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, NaiveDate>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (event, week, title, narrative, effects, fired_on) = row?;
            let effects: Vec<Effect> = serde_json::from_str(&effects)
                .map_err(|e| Error::Conflict(format!("event {event} cannot be read: {e}")))?;
            out.push(InboxEntry {
                event,
                week,
                title,
                narrative,
                fired_on,
                changed: effects.iter().map(describe_effect).collect(),
            });
        }
        Ok(out)
    }

    /// Writes (or revises) the status report of the week the clock is in.
    pub fn report_status(&mut self, id: i64, draft: &StatusDraft) -> Result<StatusReport> {
        let attempt = self.attempt(id)?;
        ensure_open(&attempt)?;
        if draft.note.chars().count() > MAX_NOTE {
            return Err(Error::Conflict(format!(
                "the note is longer than {MAX_NOTE} characters"
            )));
        }
        let tx = self.write()?;
        for kpi in draft.kpis.keys() {
            if !sql::contains(&tx, id, crate::register::RegisterName::Kpis, kpi)? {
                return Err(Error::not_found("KPI", kpi.clone()));
            }
        }
        let kpis = serde_json::to_string(&draft.kpis)
            .map_err(|e| Error::Conflict(format!("the report cannot be saved: {e}")))?;
        tx.prepare_cached(
            "INSERT INTO status_reports (program_id, week, overall, kpis, note, at_sim, at_real) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            id,
            attempt.week,
            crate::model::name_of(&draft.overall),
            kpis,
            draft.note.trim(),
            attempt.clock,
            Utc::now().to_rfc3339()
        ])?;
        tx.commit()?;
        Ok(StatusReport {
            week: attempt.week,
            overall: draft.overall,
            kpis: draft.kpis.clone(),
            note: draft.note.trim().to_string(),
            at_sim: attempt.clock,
        })
    }

    /// Each week's report as last revised, by week.
    pub fn status_reports(&self, id: i64) -> Result<Vec<StatusReport>> {
        self.attempt(id)?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT week, overall, kpis, note, at_sim FROM status_reports s
             WHERE program_id = ?1 AND id = (SELECT MAX(id) FROM status_reports WHERE program_id = s.program_id AND week = s.week)
             ORDER BY week",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, NaiveDate>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (week, overall, kpis, note, at_sim) = row?;
            let unreadable = |e: serde_json::Error| {
                Error::Conflict(format!("the report of week {week} cannot be read: {e}"))
            };
            out.push(StatusReport {
                week,
                overall: serde_json::from_value(serde_json::Value::String(overall))
                    .map_err(unreadable)?,
                kpis: serde_json::from_str(&kpis).map_err(unreadable)?,
                note,
                at_sim,
            });
        }
        Ok(out)
    }

    /// Ends the attempt; from now on it is read-only.
    pub fn finish_attempt(&mut self, id: i64) -> Result<Attempt> {
        let attempt = self.attempt(id)?;
        ensure_open(&attempt)?;
        let tx = self.write()?;
        tx.prepare_cached("UPDATE attempts SET finished_at = ?2 WHERE program_id = ?1")?
            .execute(params![id, Utc::now().to_rfc3339()])?;
        tx.commit()?;
        self.attempt(id)
    }
}

/// An attempt's debrief: who and where, every rubric item met or missed, and the scores.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Debrief {
    pub attempt: Attempt,
    #[serde(flatten)]
    pub scored: Scored,
}

impl Store {
    /// Scores the attempt from its record, as the grader would.
    pub fn debrief(&self, id: i64) -> Result<Debrief> {
        let attempt = self.attempt(id)?;
        let (_, pack) = write::source_pack(self.conn(), id)?;
        let record = self.practice_record(id)?;
        Ok(Debrief {
            attempt,
            scored: rubric::score(&pack, &record),
        })
    }

    /// Everything the attempt's score depends on: when each event fired, the learner's
    /// actions in effect with what they changed, and the weekly reports.
    pub fn practice_record(&self, id: i64) -> Result<Record> {
        self.attempt(id)?;
        let conn = self.conn();
        let mut stmt =
            conn.prepare_cached("SELECT event_key, fired_on FROM inbox WHERE program_id = ?1")?;
        let fired = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, at_sim, target, kind FROM actions
             WHERE program_id = ?1 AND actor = 'learner' AND state IN ('done', 'final')
               AND kind NOT IN ('undo', 'redo', 'reset')
             ORDER BY id",
        )?;
        let heads: Vec<(i64, NaiveDate, String, ActionKind)> = stmt
            .query_map([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    crate::register::from_name(r, 3)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut changes = conn.prepare_cached(
            "SELECT register, key_before, key_after, before, after FROM action_changes WHERE action_id = ?1 ORDER BY seq",
        )?;
        let mut actions = Vec::new();
        for (action, at_sim, target, kind) in heads {
            let rows = changes.query_map([action], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })?;
            let mut list = Vec::new();
            for row in rows {
                let (register, key_before, key_after, before, after) = row?;
                let value = |text: Option<String>| -> Result<Option<serde_json::Value>> {
                    text.map(|t| serde_json::from_str(&t))
                        .transpose()
                        .map_err(|e| {
                            Error::Conflict(format!("the action record cannot be read: {e}"))
                        })
                };
                list.push(ItemChange {
                    register: crate::register::RegisterName::parse(&register)?,
                    key_before,
                    key_after,
                    before: value(before)?,
                    after: value(after)?,
                });
            }
            actions.push(LearnerAction {
                id: action,
                at_sim,
                kind,
                target,
                changes: list,
            });
        }
        Ok(Record {
            fired,
            actions,
            reports: self.status_reports(id)?,
        })
    }
}

/// A free key for the attempt: the program's slug and the learner's name, as
/// `atlas-migration-ana-ruiz`, numbered from `-2` when taken.
fn attempt_key(tx: &Connection, slug: &str, learner: &str) -> Result<String> {
    let name: String = learner
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    let name: String = name.chars().take(32).collect();
    let base = format!(
        "{slug}-{}",
        if name.is_empty() {
            "learner"
        } else {
            name.trim_end_matches('-')
        }
    );
    let taken: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM programs WHERE slug = ?1)")?
        .query_row([&base], |r| r.get(0))?;
    Ok(if taken {
        write::free_slug(tx, &base)?.0
    } else {
        base
    })
}

/// Whether the program is an attempt.
pub(crate) fn is_attempt(conn: &Connection, program: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM attempts WHERE program_id = ?1)")?
        .query_row([program], |r| r.get(0))?)
}

/// Refuses a change to a finished attempt; a program that is not an attempt is always open.
pub(crate) fn refuse_if_finished(conn: &Connection, program: i64) -> Result<()> {
    let finished: Option<(String, String)> = conn
        .prepare_cached("SELECT learner, finished_at FROM attempts WHERE program_id = ?1 AND finished_at IS NOT NULL")?
        .query_row([program], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match finished {
        Some((learner, at)) => Err(finished_error(&learner, &at)),
        None => Ok(()),
    }
}

fn finished_error(learner: &str, at: &str) -> Error {
    Error::Conflict(format!(
        "{learner}'s attempt was finished at {at} and is read-only: start a new attempt to practise again"
    ))
}

/// The attempt's clock, when the program is an attempt.
pub(crate) fn clock(conn: &Connection, program: i64) -> Result<Option<NaiveDate>> {
    // the migrations before practice mode read programs while there is no attempts table: the
    // only way this fixed statement fails to prepare
    let Ok(mut stmt) = conn.prepare_cached("SELECT clock FROM attempts WHERE program_id = ?1")
    else {
        return Ok(None);
    };
    Ok(stmt.query_row([program], |r| r.get(0)).optional()?)
}

fn ensure_open(attempt: &Attempt) -> Result<()> {
    match &attempt.finished_at {
        Some(at) => Err(finished_error(&attempt.learner, at)),
        None => Ok(()),
    }
}

fn load_attempt(conn: &Connection, id: i64) -> Result<Option<Attempt>> {
    let row = conn
        .prepare_cached(
            "SELECT p.slug, a.of_slug, p.name, a.learner, a.clock, a.started_at, a.finished_at,
                    a.pack_sha256, COALESCE(p.as_of, p.start_date), s.weeks,
                    (SELECT id FROM programs WHERE slug = a.of_slug)
             FROM attempts a JOIN programs p ON p.id = a.program_id
             JOIN scenarios s ON s.program_id = a.program_id
             WHERE a.program_id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, NaiveDate>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, NaiveDate>(8)?,
                r.get::<_, u32>(9)?,
                r.get::<_, Option<i64>>(10)?,
            ))
        })
        .optional()?;
    Ok(row.map(
        |(
            key,
            of_program,
            program_name,
            learner,
            clock,
            started_at,
            finished_at,
            pack_sha256,
            starts,
            weeks,
            of_program_id,
        )| {
            Attempt {
                id,
                key,
                of_program,
                of_program_id,
                program_name,
                learner,
                clock,
                week: week_of(starts, clock),
                weeks,
                starts,
                ends: week_start(starts, weeks) + Duration::days(6),
                days_to_next_week: u32::try_from(
                    (week_start(starts, week_of(starts, clock) + 1) - clock).num_days(),
                )
                .unwrap_or(7),
                days_left: u32::try_from(
                    (week_start(starts, weeks) + Duration::days(6) - clock).num_days(),
                )
                .unwrap_or(0),
                started_at,
                finished_at,
                pack_sha256,
            }
        },
    ))
}

/// Fires, in order, every event not fired yet whose week starts on or before `until`; returns
/// their ids.
fn fire_due(conn: &Connection, id: i64, until: NaiveDate) -> Result<Vec<String>> {
    let start: NaiveDate = conn
        .prepare_cached("SELECT COALESCE(as_of, start_date) FROM programs WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(
        "SELECT key, week, effects FROM scenario_events e
         WHERE program_id = ?1
           AND NOT EXISTS (SELECT 1 FROM inbox i WHERE i.program_id = e.program_id AND i.event_key = e.key)
         ORDER BY week, position",
    )?;
    let pending: Vec<(String, u32, String)> = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut fired = Vec::new();
    for (key, week, effects) in pending {
        let on = week_start(start, week);
        if on > until {
            break;
        }
        let effects: Vec<Effect> = serde_json::from_str(&effects)
            .map_err(|e| Error::Conflict(format!("event {key} cannot be read: {e}")))?;
        // the event's own date is the clock while its effects apply (a realised risk's issue
        // is raised on it)
        conn.prepare_cached("UPDATE attempts SET clock = MAX(clock, ?2) WHERE program_id = ?1")?
            .execute(params![id, on])?;
        let mut changes = Vec::new();
        for effect in &effects {
            changes.extend(apply_effect(conn, id, effect, on)?);
        }
        let target = format!("event {key}: {}", crate::edit::record::describe(&changes));
        let action = record(
            conn,
            id,
            on,
            ActionKind::Event,
            target,
            ActionState::Final,
            None,
        )?;
        crate::edit::record::save(conn, action.id, &changes)?;
        conn.prepare_cached("UPDATE actions SET actor = 'scenario' WHERE id = ?1")?
            .execute([action.id])?;
        conn.prepare_cached(
            "INSERT INTO inbox (program_id, event_key, fired_on, action_id) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id, key, on, action.id])?;
        fired.push(key);
    }
    Ok(fired)
}

/// One effect as item changes, through the same checks as an edit.
fn apply_effect(conn: &Connection, id: i64, effect: &Effect, on: NaiveDate) -> Result<Vec<Change>> {
    Ok(match effect {
        Effect::MilestoneShift {
            milestone,
            shift_days,
        } => {
            let mut m = sql::get::<Milestones>(conn, id, milestone)?
                .ok_or_else(|| Error::not_found("milestone", milestone.clone()))?
                .item;
            let by = Duration::days(i64::from(*shift_days));
            m.start += by;
            m.finish += by;
            vec![put::<Milestones>(conn, id, None, &m)?]
        }
        Effect::KpiReading { kpi, value } => {
            let reading = Reading {
                kpi: kpi.clone(),
                date: on,
                value: *value,
            };
            vec![put::<Measurements>(conn, id, None, &reading)?]
        }
        Effect::Engagement {
            stakeholder,
            engagement,
        } => {
            let mut s = sql::get::<Stakeholders>(conn, id, stakeholder)?
                .ok_or_else(|| Error::not_found("stakeholder", stakeholder.clone()))?
                .item;
            s.engagement = *engagement;
            vec![put::<Stakeholders>(conn, id, None, &s)?]
        }
        Effect::Spend { cost, description } => {
            let entry = Cost {
                date: on,
                amount: *cost,
                description: description.clone(),
                workstream: None,
            };
            vec![put::<Costs>(conn, id, None, &entry)?]
        }
        Effect::RiskStatus { risk, status } => match status {
            RiskStatus::Realised => crate::edit::domain::realise(conn, id, risk)?,
            _ => {
                let mut r = sql::get::<Risks>(conn, id, risk)?
                    .ok_or_else(|| Error::not_found("risk", risk.clone()))?
                    .item;
                r.status = *status;
                vec![put::<Risks>(conn, id, None, &r)?]
            }
        },
    })
}

/// What an effect changes, as the inbox says it.
fn describe_effect(effect: &Effect) -> String {
    match effect {
        Effect::MilestoneShift {
            milestone,
            shift_days,
        } => match shift_days.signum() {
            -1 => format!("Milestone {milestone} pulled in by {} days", -shift_days),
            _ => format!("Milestone {milestone} moved out by {shift_days} days"),
        },
        Effect::KpiReading { kpi, value } => format!("KPI {kpi} read {value}"),
        Effect::Engagement {
            stakeholder,
            engagement,
        } => format!(
            "Stakeholder {stakeholder} is now {}",
            crate::model::name_of(engagement)
        ),
        Effect::Spend { cost, description } if description.trim().is_empty() => {
            format!("{cost} spent")
        }
        Effect::Spend { cost, description } => format!("{cost} spent: {description}"),
        Effect::RiskStatus { risk, status } => match status {
            RiskStatus::Realised => format!("Risk {risk} was realised and became an issue"),
            _ => format!("Risk {risk} is now {}", crate::model::name_of(status)),
        },
    }
}
