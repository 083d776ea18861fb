//! Attempt files (`.fdattempt`) and replaying them.
//!
//! An attempt file is JSON: the format and app version, the learner, the SHA-256 of the pack
//! the attempt was made on, when each event fired, the learner's actions in effect with what
//! each changed (before and after), the weekly status reports, and a SHA-256 of all of that.
//! It holds no score: a score is always worked out again by replaying the record.
//!
//! **Replay.** The pack is loaded into a store, an attempt is started on it, and the record is
//! played back in simulated time: the clock moves to each action's day (firing the events
//! due, as in the app), each change is checked to start from the item as the replay has it
//! and is applied through the same checks as an edit, and each report is written in its week.
//! A record that does not follow from the pack is refused, saying which action broke off.
//!
//! The content hash detects accidents and casual edits by hand. It is not a signature: someone
//! who recomputes it can forge a file, and nothing here proves who made an attempt.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::rubric::{ItemChange, LearnerAction};
use super::{StatusDraft, StatusReport, pack_sha256};
use crate::edit::change::transition;
use crate::model::Pack;
use crate::register::{Register, RegisterName, sql, with_register};
use crate::{Error, Result, Store};

/// The format name and version of the attempt files written.
pub const ATTEMPT_FORMAT: &str = "flightdeck-attempt/2";
/// The formats read: version 1 is version 2 without `real_times`.
const FORMATS_READ: [&str; 2] = ["flightdeck-attempt/1", ATTEMPT_FORMAT];
/// The largest attempt file read.
pub const MAX_ATTEMPT_BYTES: u64 = 64 * 1024 * 1024;

/// What an attempt file holds, without its content hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptRecord {
    pub format: String,
    pub app_version: String,
    pub learner: String,
    /// The program's id in the pack.
    pub program: String,
    pub pack_sha256: String,
    pub started_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<String>,
    pub clock: NaiveDate,
    pub fired: BTreeMap<String, NaiveDate>,
    pub actions: Vec<LearnerAction>,
    pub reports: Vec<StatusReport>,
    /// When each step happened in real time (version 2); the score never depends on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub real_times: Option<RealTimes>,
}

/// When the steps of an attempt happened in real time, RFC 3339: what the learning record
/// store is told, beside the simulated dates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RealTimes {
    /// Action id (as text: JSON's keys are) → when the learner did it.
    pub actions: BTreeMap<String, String>,
    /// Event id → when it reached the inbox.
    pub events: BTreeMap<String, String>,
    /// Week (as text) → when its report was last revised.
    pub reports: BTreeMap<String, String>,
}

/// An attempt file: the record and the SHA-256 of its canonical JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptFile {
    #[serde(flatten)]
    pub record: AttemptRecord,
    pub content_sha256: String,
}

impl AttemptFile {
    /// The record with its content hash.
    pub fn sealed(record: AttemptRecord) -> Result<AttemptFile> {
        Ok(AttemptFile {
            content_sha256: record.content_sha256()?,
            record,
        })
    }
}

impl AttemptRecord {
    fn content_sha256(&self) -> Result<String> {
        let json = serde_json::to_vec(self)
            .map_err(|e| Error::Conflict(format!("the attempt cannot be written: {e}")))?;
        Ok(format!("{:x}", Sha256::digest(json)))
    }
}

impl Store {
    /// The attempt as a file's contents.
    pub fn attempt_file(&self, id: i64) -> Result<AttemptFile> {
        let attempt = self.attempt(id)?;
        let record = self.practice_record(id)?;
        let record = AttemptRecord {
            format: ATTEMPT_FORMAT.into(),
            app_version: env!("CARGO_PKG_VERSION").into(),
            learner: attempt.learner,
            program: attempt.of_program,
            pack_sha256: attempt.pack_sha256,
            started_at: attempt.started_at,
            finished_at: attempt.finished_at,
            clock: attempt.clock,
            fired: record.fired,
            actions: record.actions,
            reports: record.reports,
            real_times: Some(self.real_times(id)?),
        };
        AttemptFile::sealed(record)
    }

    /// When the learner's actions in effect, the fired events and the weekly reports happened
    /// in real time. An event fired by a scenario action has that action's time.
    pub fn real_times(&self, id: i64) -> Result<RealTimes> {
        self.attempt(id)?;
        let conn = self.conn();
        let pairs = |sql: &str| -> Result<BTreeMap<String, String>> {
            let mut stmt = conn.prepare_cached(sql)?;
            let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok(RealTimes {
            actions: pairs(
                "SELECT CAST(id AS TEXT), at_real FROM actions WHERE program_id = ?1 AND actor = 'learner'",
            )?,
            events: pairs(
                "SELECT i.event_key, a.at_real FROM inbox i JOIN actions a ON a.id = i.action_id
                 WHERE i.program_id = ?1",
            )?,
            reports: pairs(
                "SELECT CAST(week AS TEXT), at_real FROM status_reports s WHERE program_id = ?1
                   AND id = (SELECT MAX(id) FROM status_reports WHERE program_id = s.program_id AND week = s.week)",
            )?,
        })
    }

    /// Writes the attempt to `out` as one file, whole or not at all.
    pub fn export_attempt(&self, id: i64, out: &Path) -> Result<()> {
        let file = self.attempt_file(id)?;
        let json = serde_json::to_vec_pretty(&file)
            .map_err(|e| Error::Conflict(format!("the attempt cannot be written: {e}")))?;
        crate::files::write_atomically(out, &json)
    }

    /// Imports an attempt file as a finished attempt on the loaded program it was made on,
    /// replaying its record; returns the new attempt's id.
    pub fn import_attempt(&mut self, path: &Path) -> Result<i64> {
        let file = read_attempt(path)?;
        let program = self.find_program(&file.record.program).map_err(|_| {
            Error::Conflict(format!(
                "the attempt was made on “{}”, which is not loaded: import its pack first",
                file.record.program
            ))
        })?;
        let id = replay(self, program, &file.record)?;
        let tx = self.write()?;
        tx.execute(
            "UPDATE attempts SET finished_at = COALESCE(?2, started_at), started_at = ?3 WHERE program_id = ?1",
            rusqlite::params![id, file.record.finished_at, file.record.started_at],
        )?;
        tx.commit()?;
        Ok(id)
    }
}

/// Reads and checks an attempt file: its size, its JSON, its format and its content hash.
pub fn read_attempt(path: &Path) -> Result<AttemptFile> {
    let text = crate::files::read_capped(path, MAX_ATTEMPT_BYTES)?;
    parse_attempt(&text)
}

/// Parses and checks an attempt file's text.
pub fn parse_attempt(text: &str) -> Result<AttemptFile> {
    let format: Option<String> = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("format")?.as_str().map(str::to_string));
    if let Some(format) = format.filter(|f| !FORMATS_READ.contains(&f.as_str())) {
        return Err(Error::Conflict(format!(
            "not an attempt file this Flightdeck reads: its format is `{format}`, expected `{ATTEMPT_FORMAT}`"
        )));
    }
    let file: AttemptFile = serde_json::from_str(text).map_err(|e| {
        Error::Conflict(format!(
            "not a readable attempt file (line {}, column {}): {e}",
            e.line(),
            e.column()
        ))
    })?;
    if file.record.content_sha256()? != file.content_sha256 {
        return Err(Error::Conflict(
            "the attempt file was changed after it was exported: its content hash does not match"
                .into(),
        ));
    }
    Ok(file)
}

/// Replays the record against the stored program `program` as a new attempt; returns its id.
pub fn replay(store: &mut Store, program: i64, record: &AttemptRecord) -> Result<i64> {
    let (_, pack) = crate::store::write::source_pack(store.conn(), program)?;
    check_pack(&pack, record)?;
    let id = store.start_attempt(program, &record.learner)?.id;
    // the timeline: actions and reports by simulated day, actions in their order
    let mut steps: Vec<(NaiveDate, Step<'_>)> = record
        .actions
        .iter()
        .map(|a| (a.at_sim, Step::Action(a)))
        .chain(record.reports.iter().map(|r| (r.at_sim, Step::Report(r))))
        .collect();
    steps.sort_by_key(|(day, step)| (*day, matches!(step, Step::Report(_))));
    let mut keys = HashMap::new();
    // recorded action id → the replay's
    let mut replayed = HashMap::new();
    for (day, step) in steps {
        let clock = store.attempt(id)?.clock;
        if day < clock {
            return Err(broke_off(
                step.name(),
                "its day is before the day it follows",
            ));
        }
        if day > clock {
            let days = u32::try_from((day - clock).num_days()).unwrap_or(u32::MAX);
            store.advance(id, days)?;
            if store.attempt(id)?.clock != day {
                return Err(broke_off(
                    step.name(),
                    "its day is after the scenario's last day",
                ));
            }
        }
        match step {
            Step::Action(action) => {
                let done = store
                    .act(id, action.kind, |tx| {
                        action
                            .changes
                            .iter()
                            .map(|c| {
                                with_register!(c.register, R => replay_change::<R>(tx, id, c, &mut keys))
                            })
                            .collect()
                    })
                    .map_err(|e| broke_off(step.name(), &e.to_string()))?;
                replayed.insert(action.id, done.id);
            }
            Step::Report(report) => {
                let draft = StatusDraft {
                    overall: report.overall,
                    kpis: report.kpis.clone(),
                    note: report.note.clone(),
                };
                store
                    .report_status(id, &draft)
                    .map_err(|e| broke_off(step.name(), &e.to_string()))?;
            }
        }
    }
    if store.attempt(id)?.clock < record.clock {
        let days = (record.clock - store.attempt(id)?.clock).num_days();
        store.advance(id, u32::try_from(days).unwrap_or(u32::MAX))?;
    }
    let fired = store.practice_record(id)?.fired;
    if fired != record.fired {
        return Err(Error::Conflict(
            "the record does not follow from the pack: its events fired on other days".into(),
        ));
    }
    if let Some(times) = &record.real_times {
        keep_real_times(store, id, times, &replayed)?;
    }
    Ok(id)
}

/// Dates the replayed steps with the real times the record carries, so that the attempt tells
/// a learning record store when the learner took them, not when the file was imported.
fn keep_real_times(
    store: &mut Store,
    id: i64,
    times: &RealTimes,
    replayed: &HashMap<i64, i64>,
) -> Result<()> {
    let tx = store.write()?;
    for (recorded, now) in replayed {
        if let Some(at) = times.actions.get(&recorded.to_string()) {
            tx.execute(
                "UPDATE actions SET at_real = ?2 WHERE id = ?1",
                rusqlite::params![now, at],
            )?;
        }
    }
    for (event, at) in &times.events {
        tx.execute(
            "UPDATE actions SET at_real = ?3
             WHERE id = (SELECT action_id FROM inbox WHERE program_id = ?1 AND event_key = ?2)",
            rusqlite::params![id, event, at],
        )?;
    }
    for (week, at) in &times.reports {
        if let Ok(week) = week.parse::<u32>() {
            tx.execute(
                "UPDATE status_reports SET at_real = ?3 WHERE program_id = ?1 AND week = ?2",
                rusqlite::params![id, week, at],
            )?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// Refuses a record made on another pack.
fn check_pack(pack: &Pack, record: &AttemptRecord) -> Result<()> {
    if pack_sha256(pack)? != record.pack_sha256 || pack.program.id != record.program {
        return Err(Error::Conflict(format!(
            "the attempt was made on another pack than this “{}”: its pack hash does not match",
            pack.program.name
        )));
    }
    Ok(())
}

enum Step<'a> {
    Action(&'a LearnerAction),
    Report(&'a StatusReport),
}

impl Step<'_> {
    fn name(&self) -> String {
        match self {
            Step::Action(a) => format!("action {} ({}, {})", a.id, a.target, a.at_sim),
            Step::Report(r) => format!("the status report of week {}", r.week),
        }
    }
}

fn broke_off(step: String, why: &str) -> Error {
    Error::Conflict(format!(
        "the record does not follow from the pack at {step}: {why}"
    ))
}

/// One recorded change applied again: the item must be as the record says it was before.
/// Log entries get new row numbers in the replay; `keys` maps the recorded ones to them.
fn replay_change<R: Register>(
    tx: &rusqlite::Connection,
    program: i64,
    change: &ItemChange,
    keys: &mut HashMap<(RegisterName, String), String>,
) -> Result<crate::edit::Change> {
    let mapped = |key: &Option<String>, keys: &HashMap<(RegisterName, String), String>| {
        key.as_ref().map(|k| {
            keys.get(&(R::NAME, k.clone()))
                .cloned()
                .unwrap_or_else(|| k.clone())
        })
    };
    let from = match mapped(&change.key_before, keys) {
        Some(key) => {
            let stored = sql::get::<R>(tx, program, &key)?
                .ok_or_else(|| Error::Conflict(format!("{}/{key} is not there", R::NAME)))?;
            let now =
                serde_json::to_value(&stored.item).map_err(|e| Error::Conflict(e.to_string()))?;
            if Some(&now) != change.before.as_ref() {
                return Err(Error::Conflict(format!(
                    "{}/{key} is not as the record says it was",
                    R::NAME
                )));
            }
            Some(stored)
        }
        None => None,
    };
    let item: Option<R::Item> = change
        .after
        .clone()
        .map(serde_json::from_value)
        .transpose()
        .map_err(|e| Error::Conflict(format!("an item of the record cannot be read: {e}")))?;
    let to_key = if R::KEYED {
        mapped(&change.key_after, keys)
    } else {
        // a log entry keeps its place when changed; a new one gets the next number
        from.as_ref().map(|s| s.key.clone())
    };
    let applied = transition::<R>(tx, program, from, item.as_ref().map(|i| (to_key, i)), None)?;
    if let (Some(recorded), Some(now)) = (&change.key_after, &applied.key_after)
        && recorded != now
    {
        keys.insert((R::NAME, recorded.clone()), now.clone());
    }
    Ok(applied)
}

/// One attempt file graded: its learner and scores, or why it could not be graded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grade {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub learner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scored: Option<super::Scored>,
    /// Why the file could not be graded: unreadable, changed by hand, made for another pack,
    /// or a record that does not follow from the pack.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// Grades attempt files against the pack, replaying each one's record in a scratch store;
/// no stored score is ever read. A bad file gets a grade that says what is wrong with it.
/// The files are shared out between threads, one scratch store each, and graded in order.
pub fn grade(pack: &Pack, files: &[std::path::PathBuf]) -> Result<Vec<Grade>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let chunk = files.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || grade_in_one_store(pack, part)))
            .collect();
        let mut grades = Vec::with_capacity(files.len());
        for worker in workers {
            let part = worker
                .join()
                .map_err(|_| Error::Conflict("grading stopped on an internal error".into()))??;
            grades.extend(part);
        }
        Ok(grades)
    })
}

fn grade_in_one_store(pack: &Pack, files: &[std::path::PathBuf]) -> Result<Vec<Grade>> {
    let mut store = Store::open_in_memory()?;
    let program = store.import(pack)?;
    Ok(files
        .iter()
        .map(|path| {
            let file = path.display().to_string();
            let graded = read_attempt(path).and_then(|f| {
                let id = replay(&mut store, program, &f.record)?;
                Ok((f.record.learner, store.debrief(id)?.scored))
            });
            match graded {
                Ok((learner, scored)) => Grade {
                    file,
                    learner: Some(learner),
                    scored: Some(scored),
                    problem: None,
                },
                Err(e) => Grade {
                    file,
                    learner: None,
                    scored: None,
                    problem: Some(e.to_string()),
                },
            }
        })
        .collect())
}
