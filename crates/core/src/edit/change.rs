//! Item changes: how an edit, an undo or a redo moves one item from what it was to what it
//! becomes, checking only what that item can break, and how changes are recorded.

use rusqlite::{Connection, params};

use super::Edit;
use crate::pack::SourcePath;
use crate::pack::validate::{Checker, MAX_ID_CHARS, over_limit};
use crate::register::sql::{self, Stored};
use crate::register::{Measurements, Register, RegisterName, Target, with_item, with_register};
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
    fn reversed(self) -> Change {
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

/// Removes the item under `key`; a KPI's readings go with it, each recorded so undo restores them.
pub fn remove<R: Register>(conn: &Connection, program: i64, key: &str) -> Result<Vec<Change>> {
    let existing =
        sql::get::<R>(conn, program, key)?.ok_or_else(|| Error::not_found(R::NAME.noun(), key))?;
    let mut changes = Vec::new();
    if R::NAME == RegisterName::Kpis {
        for reading in readings_of(conn, program, key)? {
            changes.push(transition::<Measurements>(
                conn,
                program,
                Some(reading),
                None,
                None,
            )?);
        }
    }
    changes.push(transition::<R>(conn, program, Some(existing), None, None)?);
    Ok(changes)
}

fn readings_of(
    conn: &Connection,
    program: i64,
    kpi: &str,
) -> Result<Vec<Stored<crate::register::Reading>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM measurements WHERE program_id = ?1 AND kpi_key = ?2 ORDER BY id",
    )?;
    let ids: Vec<i64> = stmt
        .query_map(params![program, kpi], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.extend(sql::get::<Measurements>(conn, program, &id.to_string())?);
    }
    Ok(out)
}

fn item_path(register: RegisterName, key: Option<&str>) -> SourcePath {
    SourcePath::root()
        .key(register.name())
        .id(key.unwrap_or("new"))
}

/// Moves one item from `from` (as stored now) to `to` (a key, `None` for a new log entry, and
/// the item), after checking every rule the move can break; `None` on either side is an
/// insert or a removal. `position` places a keyed item put back by an undo.
fn transition<R: Register>(
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
        let referrers = sql::referrers(conn, program, R::NAME, old)?;
        if !referrers.is_empty() {
            c.fail(
                at.key("id"),
                format!(
                    "{old} can't be renamed while others refer to it: {}",
                    list(&referrers)
                ),
            );
        }
    } else if from.is_none()
        && let Some(message) = over_limit(R::NAME, sql::count::<R>(conn, program)? + 1)
    {
        c.fail(SourcePath::root().key(R::NAME.name()), message);
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
    let at = item_path(R::NAME, Some(key));
    let referrers = sql::referrers(conn, program, R::NAME, key)?;
    if !referrers.is_empty() {
        c.fail(
            at.clone(),
            format!(
                "{key} can't be removed while others refer to it: {}",
                list(&referrers)
            ),
        );
    }
    if R::NAME == RegisterName::Kpis {
        let n = readings_of(conn, program, key)?.len();
        if n > 0 {
            c.fail(
                at,
                format!("KPI {key} has {n} readings recorded since; remove them first"),
            );
        }
    }
    Ok(())
}

fn list(referrers: &[sql::Referrer]) -> String {
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

/// Applies the recorded changes of `action` again (redo) or backwards (undo). Each item must
/// still be as the action left it (or, for undo, as it was before the redo); otherwise
/// nothing is changed and the refusal says which item moved on.
pub fn replay(conn: &Connection, program: i64, action: i64, undo: bool) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT register, key_before, key_after, position, before, after FROM action_changes WHERE action_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([action], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })?;
    let mut changes = Vec::new();
    for row in rows {
        let (register, key_before, key_after, position, before, after) = row?;
        changes.push(Change {
            register: RegisterName::parse(&register)?,
            key_before,
            key_after,
            position,
            before,
            after,
        });
    }
    if undo {
        changes = changes.into_iter().rev().map(Change::reversed).collect();
    }
    let verb = if undo { "undo" } else { "redo" };
    for change in &changes {
        with_register!(change.register, R => replay_one::<R>(conn, program, change, verb))?;
    }
    Ok(())
}

fn replay_one<R: Register>(
    conn: &Connection,
    program: i64,
    change: &Change,
    verb: &str,
) -> Result<()> {
    let parse = |text: &Option<String>| -> Result<Option<R::Item>> {
        text.as_deref()
            .map(|t| {
                serde_json::from_str(t)
                    .map_err(|e| Error::Conflict(format!("the action record cannot be read: {e}")))
            })
            .transpose()
    };
    let before = parse(&change.before)?;
    let after = parse(&change.after)?;
    let current = match &change.key_before {
        Some(k) => sql::get::<R>(conn, program, k)?,
        None => None,
    };
    let name =
        |key: &Option<String>| format!("{}/{}", R::NAME.name(), key.as_deref().unwrap_or("?"));
    let unchanged = match (&before, &current) {
        (Some(b), Some(cur)) => cur.item == *b,
        (None, None) => true,
        _ => false,
    };
    if !unchanged {
        return Err(Error::Conflict(format!(
            "{} changed since this action; {verb} refused so that the later change is kept",
            name(&change.key_before)
        )));
    }
    if before.is_none()
        && let Some(key) = &change.key_after
        && sql::get::<R>(conn, program, key)?.is_some()
    {
        return Err(Error::Conflict(format!(
            "{} was added again since this action; {verb} refused so that it is kept",
            name(&change.key_after)
        )));
    }
    transition::<R>(
        conn,
        program,
        current,
        after.as_ref().map(|a| (change.key_after.clone(), a)),
        change.position,
    )?;
    Ok(())
}

/// Records the action's changes, in order.
pub fn save(conn: &Connection, action: i64, changes: &[Change]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO action_changes (action_id, seq, register, key_before, key_after, position, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (seq, c) in changes.iter().enumerate() {
        stmt.execute(params![
            action,
            seq as i64,
            c.register.name(),
            c.key_before,
            c.key_after,
            c.position,
            c.before,
            c.after
        ])?;
    }
    Ok(())
}

/// What an action changed, as the history shows it: `risks/R3`, `milestones: 12 items`,
/// `kpis/K2 and 500 more items`.
pub fn describe(changes: &[Change]) -> String {
    let one = |c: &Change| {
        let key = c.key_after.as_ref().or(c.key_before.as_ref());
        format!("{}/{}", c.register.name(), key.map_or("?", String::as_str))
    };
    match changes {
        [] => "nothing".into(),
        few if few.len() <= 3 => few.iter().map(one).collect::<Vec<_>>().join(", "),
        [first, rest @ ..] if rest.iter().all(|c| c.register == first.register) => {
            format!("{}: {} items", first.register.name(), changes.len())
        }
        // the action's own item comes last (a KPI after the readings removed with it)
        [.., last] => format!("{} and {} more items", one(last), changes.len() - 1),
    }
}
