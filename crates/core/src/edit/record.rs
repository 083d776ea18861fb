//! The action record: saving an action's item changes, describing them for the history, and
//! replaying them for undo and redo through the same checks as an edit.

use rusqlite::{Connection, params};

use super::change::{Change, transition};
use crate::register::sql;
use crate::register::{Register, RegisterName, with_register};
use crate::{Error, Result};

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

/// What an action changed, as the action record keeps it: `risks/R3`, `milestones: 12 items`,
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

/// What `describe` wrote, in words for people: an item with an id by its noun and id ("risk
/// R3"), a log entry by its noun alone ("a cost": its number is the store's row, which no one
/// sees), "12 milestones", "KPI K2 and 500 more items". Anything else (`program atlas`) stays
/// as it was written.
pub fn in_words(target: &str) -> String {
    let one = |part: &str| match part.split_once('/') {
        Some((name, key)) => match RegisterName::parse(name) {
            Ok(r) if r.keyed() => format!("{} {key}", r.noun()),
            Ok(r) => format!("a {}", r.noun()),
            Err(_) => part.to_string(),
        },
        None => part.to_string(),
    };
    if let Some((name, n)) = target
        .strip_suffix(" items")
        .and_then(|rest| rest.split_once(": "))
        && let Ok(r) = RegisterName::parse(name)
    {
        return format!("{n} {}s", r.noun());
    }
    if let Some((first, n)) = target
        .strip_suffix(" more items")
        .and_then(|rest| rest.rsplit_once(" and "))
    {
        return format!("{} and {n} more items", one(first));
    }
    target.split(", ").map(one).collect::<Vec<_>>().join(", ")
}
