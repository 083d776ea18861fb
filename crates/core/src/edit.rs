//! Every change a user makes: one function validates it against all the model's rules, saves
//! it in one transaction together with its action record, and the record gives undo and redo.
//!
//! An edit puts or removes one item of one section. Internally it becomes a [`Change`]: the
//! item's position with what stood there before and after. Undo applies the change backwards,
//! redo forwards again, so all three share one path and one set of rules.

use chrono::{NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::model::Pack;
use crate::pack::Problem;
use crate::store::write::replace_section;
use crate::{Error, Result, Store};

/// The sections of a program a user edits item by item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Stakeholders,
    Goals,
    Teams,
    Workstreams,
    Milestones,
    Risks,
    Assumptions,
    Issues,
    Decisions,
    Communications,
    Kpis,
    Costs,
}

impl Section {
    pub const ALL: [Section; 12] = [
        Section::Stakeholders,
        Section::Goals,
        Section::Teams,
        Section::Workstreams,
        Section::Milestones,
        Section::Risks,
        Section::Assumptions,
        Section::Issues,
        Section::Decisions,
        Section::Communications,
        Section::Kpis,
        Section::Costs,
    ];

    /// The section's name in a pack.
    pub fn name(self) -> &'static str {
        match self {
            Section::Stakeholders => "stakeholders",
            Section::Goals => "goals",
            Section::Teams => "teams",
            Section::Workstreams => "workstreams",
            Section::Milestones => "milestones",
            Section::Risks => "risks",
            Section::Assumptions => "assumptions",
            Section::Issues => "issues",
            Section::Decisions => "decisions",
            Section::Communications => "communications",
            Section::Kpis => "kpis",
            Section::Costs => "costs",
        }
    }

    /// The table holding the section, and the RAID kind where tables are shared.
    pub(crate) fn table(self) -> (&'static str, Option<&'static str>) {
        match self {
            Section::Assumptions => ("raid_entries", Some("assumption")),
            Section::Issues => ("raid_entries", Some("issue")),
            Section::Decisions => ("raid_entries", Some("decision")),
            other => (other.name(), None),
        }
    }

    /// Whether items carry an `id`; logs (communications, costs) are addressed by position.
    fn keyed(self) -> bool {
        !matches!(self, Section::Communications | Section::Costs)
    }
}

/// One change a user asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Edit {
    /// Adds the item, or replaces the one with the same id. Log entries are always added.
    Put {
        section: Section,
        #[ts(type = "unknown")]
        item: Value,
    },
    /// Removes the item with this id (in logs: at this position, from 0).
    Remove { section: Section, id: String },
}

/// An applied change, as recorded: the item's position, and what stood there before and after.
#[derive(Debug, Clone, PartialEq)]
struct Change {
    section: Section,
    index: usize,
    before: Option<Value>,
    after: Option<Value>,
}

impl Change {
    fn reversed(&self) -> Change {
        Change {
            section: self.section,
            index: self.index,
            before: self.after.clone(),
            after: self.before.clone(),
        }
    }
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
    /// `put`, `remove`, `undo` or `redo` of the change.
    pub kind: String,
    /// Section and item, e.g. `risks/R3` or `communications#12`.
    pub target: String,
}

fn items(pack: &mut Value, section: Section) -> Result<&mut Vec<Value>> {
    pack.get_mut(section.name())
        .and_then(Value::as_array_mut)
        .ok_or_else(|| Error::Conflict(format!("the program has no {} section", section.name())))
}

fn id_of(item: &Value) -> Option<&str> {
    item.get("id").and_then(Value::as_str)
}

/// Works out where the edit lands and what it replaces.
fn plan(pack: &mut Value, edit: &Edit) -> Result<Change> {
    match edit {
        Edit::Put { section, item } => {
            let list = items(pack, *section)?;
            let existing = if section.keyed() {
                let id = id_of(item).ok_or_else(|| invalid(*section, "the item needs an `id`"))?;
                list.iter().position(|x| id_of(x) == Some(id))
            } else {
                None
            };
            let index = existing.unwrap_or(list.len());
            Ok(Change {
                section: *section,
                index,
                before: existing.map(|i| list[i].clone()),
                after: Some(item.clone()),
            })
        }
        Edit::Remove { section, id } => {
            let list = items(pack, *section)?;
            let index = if section.keyed() {
                list.iter().position(|x| id_of(x) == Some(id))
            } else {
                id.parse::<usize>().ok().filter(|&i| i < list.len())
            }
            .ok_or_else(|| Error::not_found(section.name(), id.clone()))?;
            Ok(Change {
                section: *section,
                index,
                before: Some(list[index].clone()),
                after: None,
            })
        }
    }
}

fn invalid(section: Section, message: &str) -> Error {
    Error::Invalid(vec![Problem::at_path(section.name(), "", message)])
}

/// Applies the change to the pack's value.
fn apply_change(pack: &mut Value, change: &Change) -> Result<()> {
    let list = items(pack, change.section)?;
    match (&change.before, &change.after) {
        (Some(_), Some(after)) if change.index < list.len() => list[change.index] = after.clone(),
        (None, Some(after)) if change.index <= list.len() => {
            list.insert(change.index, after.clone())
        }
        (Some(_), None) if change.index < list.len() => {
            list.remove(change.index);
        }
        _ => {
            return Err(Error::Conflict(
                "the program changed since this action; it cannot be replayed".into(),
            ));
        }
    }
    Ok(())
}

/// The typed, validated pack after a change, or every problem with its path.
fn checked(value: Value, section: Section) -> Result<Pack> {
    let pack: Pack = serde_path_to_error::deserialize(&value).map_err(|e| {
        Error::Invalid(vec![Problem::at_path(
            section.name(),
            &e.path().to_string(),
            e.inner(),
        )])
    })?;
    crate::pack::check(&pack, section.name())?;
    Ok(pack)
}

fn target(change: &Change) -> String {
    let item = change.after.as_ref().or(change.before.as_ref());
    match item.and_then(id_of) {
        Some(id) if change.section.keyed() => format!("{}/{id}", change.section.name()),
        _ => format!("{}#{}", change.section.name(), change.index),
    }
}

impl Store {
    /// Validates and saves one edit with its action record, in one transaction.
    pub fn apply(&mut self, program: i64, edit: &Edit) -> Result<Action> {
        let pack = self.load(program)?;
        let mut value = serde_json::to_value(&pack).map_err(|e| Error::Conflict(e.to_string()))?;
        let change = plan(&mut value, edit)?;
        let kind = if matches!(edit, Edit::Put { .. }) {
            "put"
        } else {
            "remove"
        };
        self.commit(program, value, &change, kind, None)
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
        // undo takes the newest live action; redo the oldest undone one still on the redo stack
        let sql = if undo {
            "SELECT id, section, idx, before, after FROM actions WHERE program_id = ?1 AND undone = 0 AND kind IN ('put', 'remove') ORDER BY id DESC LIMIT 1"
        } else {
            "SELECT id, section, idx, before, after FROM actions WHERE program_id = ?1 AND undone = 1 ORDER BY id ASC LIMIT 1"
        };
        let row = self
            .conn()
            .query_row(sql, [program], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })
            .optional()?;
        let Some((action, section, index, before, after)) = row else {
            return Ok(None);
        };
        let parse = |text: Option<String>| -> Result<Option<Value>> {
            text.map(|t| serde_json::from_str(&t).map_err(|e| Error::Conflict(e.to_string())))
                .transpose()
        };
        let section: Section = serde_json::from_value(Value::String(section))
            .map_err(|e| Error::Conflict(e.to_string()))?;
        let recorded = Change {
            section,
            index: index as usize,
            before: parse(before)?,
            after: parse(after)?,
        };
        let change = if undo { recorded.reversed() } else { recorded };
        let value = serde_json::to_value(self.load(program)?)
            .map_err(|e| Error::Conflict(e.to_string()))?;
        let kind = if undo { "undo" } else { "redo" };
        self.commit(program, value, &change, kind, Some((action, undo)))
            .map(Some)
    }

    fn commit(
        &mut self,
        program: i64,
        mut value: Value,
        change: &Change,
        kind: &str,
        replayed: Option<(i64, bool)>,
    ) -> Result<Action> {
        apply_change(&mut value, change)?;
        let pack = checked(value, change.section)?;
        let at_sim = self.simulated_date(program, &pack)?;
        let at_real = Utc::now().to_rfc3339();
        let target = target(change);
        let encode = |v: &Option<Value>| v.as_ref().map(Value::to_string);
        let tx = self.conn_mut().transaction()?;
        replace_section(&tx, program, &pack, change.section)?;
        match replayed {
            None => {
                // a new action ends the redo stack
                tx.execute(
                    "UPDATE actions SET undone = 2 WHERE program_id = ?1 AND undone = 1",
                    [program],
                )?;
            }
            Some((original, undo)) => {
                tx.execute(
                    "UPDATE actions SET undone = ?2 WHERE id = ?1",
                    params![original, i64::from(undo)],
                )?;
            }
        }
        let section = change.section.name();
        tx.execute(
            "INSERT INTO actions (program_id, at_real, at_sim, kind, target, section, idx, before, after, undone)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![program, at_real, at_sim, kind, target, section, change.index as i64, encode(&change.before), encode(&change.after), if replayed.is_some() { 3 } else { 0 }],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(Action {
            id,
            program,
            at_real,
            at_sim,
            kind: kind.into(),
            target,
        })
    }

    /// The practice clock: the status date plus the weeks played.
    fn simulated_date(&self, program: i64, pack: &Pack) -> Result<NaiveDate> {
        let week: i64 = self
            .conn()
            .query_row(
                "SELECT current_week FROM scenarios WHERE program_id = ?1",
                [program],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0);
        Ok(pack.program.as_of() + chrono::Duration::weeks(week))
    }

    /// The program's action record, oldest first.
    pub fn actions(&self, program: i64) -> Result<Vec<Action>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, program_id, at_real, at_sim, kind, target FROM actions WHERE program_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([program], |r| {
            Ok(Action {
                id: r.get(0)?,
                program: r.get(1)?,
                at_real: r.get(2)?,
                at_sim: r.get(3)?,
                kind: r.get(4)?,
                target: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
