//! Every change a user makes to a program's items, one action at a time: an item put or
//! removed, or a domain action (record a KPI reading, log a communication, realise a risk,
//! re-baseline, update progress), each saved in one transaction together with its record.
//!
//! An action is a list of item changes, each keyed by (register, key) with the item's value
//! before and after. Undo applies the changes backwards and redo forwards again, through the
//! same checks as an edit; an undo is refused only when one of its own items changed since,
//! and never touches another item.
//!
//! Every write transaction starts with `BEGIN IMMEDIATE`, so it holds the write lock before
//! it reads what it checks: a second writer (the app and a script) waits for the busy timeout
//! instead of working from a stale read, and neither loses the other's edits.

pub(crate) mod change;
mod cycle;
pub(crate) mod domain;
mod parse;
pub(crate) mod record;

use chrono::{NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::name_of;
use crate::register::{Item, RegisterName, from_name};
use crate::store::write;
use crate::{Error, Result, Store};
pub use change::Change;
pub use domain::Progress;
pub use parse::parse_edit;
pub use record::in_words;

/// One change a user asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Edit {
    /// Adds the item, or replaces the one stored under `key`. A keyed item's key defaults to
    /// its own id, and a different `key` renames the item (refused while others refer to it);
    /// a log entry without a key is added as a new entry.
    Put {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        key: Option<String>,
        #[serde(flatten)]
        item: Box<Item>,
    },
    /// Removes the item stored under `key`; refused while others refer to it.
    Remove { register: RegisterName, key: String },
}

impl Edit {
    /// Puts the item under its own key (a new entry, for a log).
    pub fn put(item: Item) -> Edit {
        Edit::Put {
            key: None,
            item: Box::new(item),
        }
    }
}

/// What kind of action a history entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    Put,
    Remove,
    Record,
    Log,
    Realise,
    Rebaseline,
    Progress,
    Undo,
    Redo,
    Reset,
    /// A scenario event's effects, applied by the practice clock.
    Event,
}

/// Where an action stands in the undo history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionState {
    /// In effect; can be undone.
    Done,
    /// Undone; can be redone.
    Undone,
    /// Undone, then a new action ended the redo stack.
    Dropped,
    /// The record of an undo or a redo.
    Replay,
    /// On the record, never undone: a reset, and what was done before it.
    Final,
}

/// One entry of the action record.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Action {
    pub id: i64,
    pub program: i64,
    /// When it happened, UTC, RFC 3339.
    pub at_real: String,
    /// The simulated date of the practice clock when it happened.
    pub at_sim: NaiveDate,
    pub kind: ActionKind,
    /// What it changed, e.g. `risks/R3` or `communications/20012`.
    pub target: String,
    /// The same for people: "risk R3", "a communication".
    pub in_words: String,
    pub state: ActionState,
}

/// The practice clock: an attempt's clock, or else the status date plus the weeks played.
pub(crate) fn simulated_date(conn: &Connection, program: i64) -> Result<NaiveDate> {
    if let Some(clock) = crate::practice::clock(conn, program)? {
        return Ok(clock);
    }
    let as_of = crate::store::read::load_program_info(conn, program)?.as_of();
    let week: i64 = conn
        .query_row(
            "SELECT current_week FROM scenarios WHERE program_id = ?1",
            [program],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    Ok(as_of + chrono::Duration::weeks(week))
}

impl Store {
    /// Checks and saves one edit with its action record, in one transaction.
    pub fn apply(&mut self, program: i64, edit: &Edit) -> Result<Action> {
        let kind = match edit {
            Edit::Put { .. } => ActionKind::Put,
            Edit::Remove { .. } => ActionKind::Remove,
        };
        self.act(program, kind, |tx| change::edit(tx, program, edit))
    }

    /// Checks an edit as [`Store::apply`] would, and saves nothing: a form asks this as the
    /// learner types, to show each problem beside its field before they save.
    pub fn check_edit(&mut self, program: i64, edit: &Edit) -> Result<()> {
        // a savepoint-free transaction dropped without commit rolls the trial back; it takes
        // the write lock for the length of one item's checks
        let tx = self.write()?;
        change::edit(&tx, program, edit)?;
        Ok(())
    }

    /// Runs `work` in a write transaction taken up front; its item changes become one action.
    pub(crate) fn act(
        &mut self,
        program: i64,
        kind: ActionKind,
        work: impl FnOnce(&Connection) -> Result<Vec<Change>>,
    ) -> Result<Action> {
        let tx = self.write()?;
        crate::practice::refuse_if_finished(&tx, program)?;
        let at_sim = simulated_date(&tx, program)?;
        let changes = work(&tx)?;
        let target = record::describe(&changes);
        // a new action ends the redo stack
        tx.prepare_cached(
            "UPDATE actions SET state = 'dropped' WHERE program_id = ?1 AND state = 'undone'",
        )?
        .execute([program])?;
        let action = record(&tx, program, at_sim, kind, target, ActionState::Done, None)?;
        record::save(&tx, action.id, &changes)?;
        tx.commit()?;
        Ok(action)
    }

    /// Takes back the latest action not yet undone; `None` when there is nothing to undo.
    pub fn undo(&mut self, program: i64) -> Result<Option<Action>> {
        self.replay(program, true)
    }

    /// Does again the latest undone action; `None` when there is nothing to redo.
    pub fn redo(&mut self, program: i64) -> Result<Option<Action>> {
        self.replay(program, false)
    }

    fn replay(&mut self, program: i64, undo: bool) -> Result<Option<Action>> {
        let tx = self.write()?;
        crate::practice::refuse_if_finished(&tx, program)?;
        // undo takes the newest action in effect; redo the one undone last, which is the
        // oldest still undone, since undo works from the newest down
        let sql = if undo {
            "SELECT id, target FROM actions WHERE program_id = ?1 AND state = 'done' ORDER BY id DESC LIMIT 1"
        } else {
            "SELECT id, target FROM actions WHERE program_id = ?1 AND state = 'undone' ORDER BY id ASC LIMIT 1"
        };
        let found: Option<(i64, String)> = tx
            .query_row(sql, [program], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((original, target)) = found else {
            return Ok(None);
        };
        let at_sim = simulated_date(&tx, program)?;
        record::replay(&tx, program, original, undo)?;
        let state = if undo { "undone" } else { "done" };
        tx.prepare_cached("UPDATE actions SET state = ?2 WHERE id = ?1")?
            .execute(params![original, state])?;
        let kind = if undo {
            ActionKind::Undo
        } else {
            ActionKind::Redo
        };
        let action = record(
            &tx,
            program,
            at_sim,
            kind,
            target,
            ActionState::Replay,
            Some(original),
        )?;
        tx.commit()?;
        Ok(Some(action))
    }

    /// Puts the program back as its pack had it, in one transaction. The history stays on the
    /// record, but nothing before the reset can be undone or redone any more.
    pub fn reset_program(&mut self, program: i64) -> Result<Action> {
        let tx = self.write()?;
        if crate::practice::is_attempt(&tx, program)? {
            return Err(Error::Conflict(
                "an attempt cannot be reset: start a new attempt to practise from the beginning"
                    .into(),
            ));
        }
        let (slug, pack) = write::source_pack(&tx, program)?;
        write::delete_contents(&tx, program)?;
        write::insert_contents(&tx, program, &pack)?;
        tx.prepare_cached(
            "UPDATE actions SET state = CASE state WHEN 'done' THEN 'final' ELSE 'dropped' END
             WHERE program_id = ?1 AND state IN ('done', 'undone')",
        )?
        .execute([program])?;
        let at_sim = simulated_date(&tx, program)?;
        let target = format!("program {slug}");
        let action = record(
            &tx,
            program,
            at_sim,
            ActionKind::Reset,
            target,
            ActionState::Final,
            None,
        )?;
        tx.commit()?;
        Ok(action)
    }

    /// The program's action record, oldest first.
    pub fn history(&self, program: i64) -> Result<Vec<Action>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, program_id, at_real, at_sim, kind, target, state FROM actions WHERE program_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([program], |r| {
            let target: String = r.get(5)?;
            Ok(Action {
                id: r.get(0)?,
                program: r.get(1)?,
                at_real: r.get(2)?,
                at_sim: r.get(3)?,
                kind: from_name(r, 4)?,
                in_words: record::in_words(&target),
                target,
                state: from_name(r, 6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Writes an action's row and returns it.
pub(crate) fn record(
    conn: &Connection,
    program: i64,
    at_sim: NaiveDate,
    kind: ActionKind,
    target: String,
    state: ActionState,
    replays: Option<i64>,
) -> Result<Action> {
    let at_real = Utc::now().to_rfc3339();
    conn.prepare_cached(
        "INSERT INTO actions (program_id, at_real, at_sim, kind, target, state, replays) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![program, at_real, at_sim, name_of(&kind), target, name_of(&state), replays])?;
    Ok(Action {
        id: conn.last_insert_rowid(),
        program,
        at_real,
        at_sim,
        kind,
        in_words: record::in_words(&target),
        target,
        state,
    })
}
