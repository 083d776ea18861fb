//! Item changes: how an edit, an undo or a redo moves one item from what it was to what it
//! becomes, checking only what that item can break.

use rusqlite::Connection;

use super::Edit;
use crate::pack::SourcePath;
use crate::pack::validate::{Checker, MAX_ID_CHARS, item_limit, over_limit};
use crate::register::refs;
use crate::register::sql::{self, Stored};
use crate::register::{Register, RegisterName, Target, with_item, with_register};
use crate::{Error, Result};

/// What one action did to one item, as recorded: its key and value (JSON) before and after,
/// and its place in the register's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub register: RegisterName,
    pub key_before: Option<String>,
    pub key_after: Option<String>,
    pub position: Option<i64>,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl Change {
    pub(super) fn reversed(self) -> Change {
        Change {
            register: self.register,
            key_before: self.key_after,
            key_after: self.key_before,
            position: self.position,
            before: self.after,
            after: self.before,
        }
    }
}

/// Applies one edit; returns the changes it made.
pub fn edit(conn: &Connection, program: i64, edit: &Edit) -> Result<Vec<Change>> {
    match edit {
        Edit::Put { key, item } => {
            with_item!(item.as_ref(), R, it => put::<R>(conn, program, key.as_deref(), it))
                .map(|c| vec![c])
        }
        Edit::Remove { register, key } => {
            with_register!(*register, R => remove::<R>(conn, program, key))
        }
    }
}

/// Adds the item or replaces the one stored under `key` (by default its own id).
pub fn put<R: Register>(
    conn: &Connection,
    program: i64,
    key: Option<&str>,
    item: &R::Item,
) -> Result<Change> {
    let own = R::key(item);
    let existing = match key.or(own) {
        Some(k) => sql::get::<R>(conn, program, k)?,
        None => None,
    };
    if let Some(key) = key
        && existing.is_none()
        && (!R::NAME.keyed() || Some(key) != own)
    {
        // there is nothing under `key` to replace or rename
        return Err(Error::not_found(R::NAME.noun(), key));
    }
    let to_key = own.or(key).map(str::to_string);
    transition::<R>(conn, program, existing, Some((to_key, item)), None)
}

/// Removes the item under `key`; the items it owns (a KPI's readings) go first, each recorded
/// so undo restores them.
pub fn remove<R: Register>(conn: &Connection, program: i64, key: &str) -> Result<Vec<Change>> {
    let existing =
        sql::get::<R>(conn, program, key)?.ok_or_else(|| Error::not_found(R::NAME.noun(), key))?;
    let mut changes = Vec::new();
    for &register in RegisterName::ALL {
        with_register!(register, C => {
            for stored in owned::<R, C>(conn, program, key)? {
                changes.push(transition::<C>(conn, program, Some(stored), None, None)?);
            }
        });
    }
    changes.push(transition::<R>(conn, program, Some(existing), None, None)?);
    Ok(changes)
}

/// The items of register `C` that the item `key` of `R` owns, as its `PARENT` says.
fn owned<R: Register, C: Register>(
    conn: &Connection,
    program: i64,
    key: &str,
) -> Result<Vec<Stored<C::Item>>> {
    match C::PARENT {
        Some((parent, column)) if parent == R::NAME => {
            sql::load_where::<C>(conn, program, column, key)
        }
        _ => Ok(Vec::new()),
    }
}

fn item_path(register: RegisterName, key: Option<&str>) -> SourcePath {
    SourcePath::root()
        .key(register.name())
        .id(key.unwrap_or("new"))
}

/// Moves one item from `from` (as stored now) to `to` (a key, `None` for a new log entry, and
/// the item), after checking every rule the move can break; `None` on either side is an
/// insert or a removal. `position` places a keyed item put back by an undo.
pub(crate) fn transition<R: Register>(
    conn: &Connection,
    program: i64,
    from: Option<Stored<R::Item>>,
    to: Option<(Option<String>, &R::Item)>,
    position: Option<i64>,
) -> Result<Change> {
    let from_key = from.as_ref().map(|s| s.key.clone());
    let mut c = Checker::default();
    match &to {
        Some((to_key, item)) => check_item::<R>(
            conn,
            program,
            from.as_ref(),
            to_key.as_deref(),
            item,
            &mut c,
        )?,
        None => {
            if let Some(key) = &from_key {
                check_unreferenced::<R>(conn, program, key, &mut c)?;
            }
        }
    }
    if !c.found.is_empty() {
        return Err(crate::pack::invalid(c.found));
    }
    let position = from.as_ref().map(|s| s.position).or(position);
    let key_after = match (&from_key, &to) {
        (Some(old), Some((Some(new), item))) if old == new => {
            sql::update::<R>(conn, program, old, item)?;
            Some(old.clone())
        }
        (old, Some((new, item))) => {
            if let Some(old) = old {
                sql::delete::<R>(conn, program, old)?;
            }
            Some(sql::insert::<R>(
                conn,
                program,
                new.as_deref(),
                item,
                position,
            )?)
        }
        (Some(old), None) => {
            sql::delete::<R>(conn, program, old)?;
            None
        }
        (None, None) => None,
    };
    let json = |item: &R::Item| {
        serde_json::to_string(item)
            .map_err(|e| Error::Conflict(format!("cannot record the change: {e}")))
    };
    Ok(Change {
        register: R::NAME,
        key_before: from_key,
        key_after,
        position: if R::NAME.keyed() { position } else { None },
        before: from.as_ref().map(|s| json(&s.item)).transpose()?,
        after: to.map(|(_, item)| json(item)).transpose()?,
    })
}

/// The item's own rules, its key, what it names, the register's size, and dependency cycles.
fn check_item<R: Register>(
    conn: &Connection,
    program: i64,
    from: Option<&Stored<R::Item>>,
    to_key: Option<&str>,
    item: &R::Item,
    c: &mut Checker,
) -> Result<()> {
    let at = item_path(R::NAME, to_key.or(from.map(|s| s.key.as_str())));
    if let Some(key) = R::key(item) {
        if key.trim().is_empty() {
            c.fail(at.key("id"), "id must not be empty");
        } else if key.chars().count() > MAX_ID_CHARS {
            c.fail(
                at.key("id"),
                format!("id is longer than {MAX_ID_CHARS} characters"),
            );
        }
    }
    R::check(item, &at, c);
    R::edit_check(item, &at, c);
    for r in R::references(item) {
        if !sql::exists(conn, program, r.to, &r.key)? {
            c.missing(at.join(&r.field), r.to, &r.key);
        }
    }
    let renamed = match (from, to_key) {
        (Some(old), Some(new)) if old.key != new => Some((old.key.as_str(), new)),
        _ => None,
    };
    if let Some((old, new)) = renamed {
        if sql::contains(conn, program, R::NAME, new)? {
            c.fail(
                at.key("id"),
                format!("id `{new}` is used by another {}", R::NAME.noun()),
            );
        }
        if let Some(why) = held_by::<R>(conn, program, old, "renamed")? {
            c.fail(at.key("id"), why);
        }
    } else if from.is_none() && sql::may_hold::<R>(conn, program, item_limit(R::NAME))? {
        let count = sql::count::<R>(conn, program)? + 1;
        if let Some(message) = over_limit(R::NAME, count) {
            c.fail(SourcePath::root().key(R::NAME.name()), message);
        }
    }
    if R::NAME == RegisterName::Milestones {
        let deps = |item: &R::Item| -> Vec<String> {
            R::references(item)
                .into_iter()
                .filter(|r| r.to == Target::Register(RegisterName::Milestones))
                .map(|r| r.key)
                .collect()
        };
        let new = deps(item);
        if renamed.is_some() || from.is_none_or(|f| deps(&f.item) != new) {
            let key = to_key.unwrap_or_default();
            if let Some(cycle) = super::cycle::through(conn, program, key, &new)? {
                c.fail(
                    at.key("depends_on"),
                    format!("dependency cycle: {}", cycle.join(" → ")),
                );
            }
        }
    }
    Ok(())
}

/// A removal is refused while anything refers to the item, naming every referrer.
fn check_unreferenced<R: Register>(
    conn: &Connection,
    program: i64,
    key: &str,
    c: &mut Checker,
) -> Result<()> {
    if let Some(why) = held_by::<R>(conn, program, key, "removed")? {
        c.fail(item_path(R::NAME, Some(key)), why);
    }
    Ok(())
}

/// What stops the item under `key` from being `removed` (by an undo of its adding) or
/// `renamed`: the items that refer to it, and the items it owns, which stay under its key.
fn held_by<R: Register>(
    conn: &Connection,
    program: i64,
    key: &str,
    verb: &str,
) -> Result<Option<String>> {
    let referrers = refs::referrers(conn, program, R::NAME, key)?;
    if !referrers.is_empty() {
        let named = list(&referrers);
        return Ok(Some(format!(
            "{key} can't be {verb} while others refer to it: {named}"
        )));
    }
    for &register in RegisterName::ALL {
        let n = with_register!(register, C => owned::<R, C>(conn, program, key)?.len());
        if n > 0 {
            let what = register.noun();
            return Ok(Some(format!(
                "{key} can't be {verb} while it has {n} {what}s; remove them first"
            )));
        }
    }
    Ok(None)
}

fn list(referrers: &[refs::Referrer]) -> String {
    const SHOWN: usize = 8;
    let mut names: Vec<String> = referrers
        .iter()
        .take(SHOWN)
        .map(ToString::to_string)
        .collect();
    if referrers.len() > SHOWN {
        names.push(format!("and {} more", referrers.len() - SHOWN));
    }
    names.join(", ")
}
