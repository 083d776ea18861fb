//! Register items in SQLite: one generic set of statements over each register's description
//! (table, key column, data columns). Writing an item also records its references
//! (`refs.rs`).
//!
//! Keyed registers are stored by (program, key) with a `position` giving the pack's order;
//! logs (communications, costs, readings) by their row number, which never changes.

use rusqlite::ToSql;
use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use super::refs;
use super::{Register, RegisterName, Target};
use crate::{Error, Result};

/// A stored item with its key and its place in the register's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored<T> {
    pub key: String,
    pub position: i64,
    pub item: T,
}

pub(crate) fn key_column<R: Register>() -> &'static str {
    if R::KEYED { "key" } else { "id" }
}

/// `program_id = ?1`, and the RAID kind where a table is shared. KIND is a constant of the
/// register's description, never user text.
pub(crate) fn scope<R: Register>() -> String {
    match R::KIND {
        Some(kind) => format!("program_id = ?1 AND kind = '{kind}'"),
        None => "program_id = ?1".into(),
    }
}

pub(crate) fn select<R: Register>() -> String {
    select_also::<R>("")
}

/// `select` with `also` (", expression, …") read after the item's columns.
pub(crate) fn select_also<R: Register>(also: &str) -> String {
    let position = if R::KEYED { "position" } else { "0" };
    format!(
        "SELECT {}, {}, {position}{also} FROM {} WHERE {}",
        key_column::<R>(),
        R::COLUMNS.join(", "),
        R::TABLE,
        scope::<R>()
    )
}

/// A key column's value as text: a keyed item's id, or a log entry's row number.
pub(crate) fn key_text(value: rusqlite::types::Value) -> String {
    match value {
        rusqlite::types::Value::Integer(n) => n.to_string(),
        rusqlite::types::Value::Text(t) => t,
        other => format!("{other:?}"),
    }
}

/// The key as the key column holds it: a keyed item's id, or a log entry's row number.
fn key_param<R: Register>(key: &str) -> Result<ToSqlOutput<'_>> {
    Ok(if R::KEYED {
        ToSqlOutput::from(key)
    } else {
        ToSqlOutput::from(row_number::<R>(key)?)
    })
}

/// A log entry's key is its row number.
fn row_number<R: Register>(key: &str) -> Result<i64> {
    key.parse()
        .map_err(|_| Error::not_found(R::NAME.noun(), format!("`{key}` (entries are numbered)")))
}

/// Every item of the register in the program, in the pack's order.
pub fn load_all<R: Register>(conn: &Connection, program: i64) -> Result<Vec<R::Item>> {
    let sql = format!("{} ORDER BY {}", select::<R>(), R::ORDER);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([program], R::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The register's items whose `column` holds `value`, with their keys, in the pack's order.
pub fn load_where<R: Register>(
    conn: &Connection,
    program: i64,
    column: &str,
    value: &str,
) -> Result<Vec<Stored<R::Item>>> {
    debug_assert!(
        R::COLUMNS.contains(&column),
        "a column of the register's description"
    );
    let sql = format!("{} AND {column} = ?2 ORDER BY {}", select::<R>(), R::ORDER);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![program, value], stored::<R>)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A row of [`select`] as the stored item: its key, place and value.
pub(crate) fn stored<R: Register>(row: &rusqlite::Row<'_>) -> rusqlite::Result<Stored<R::Item>> {
    Ok(Stored {
        key: key_text(row.get(0)?),
        position: row.get(R::COLUMNS.len() + 1)?,
        item: R::from_row(row)?,
    })
}

/// The item stored under `key`, if any.
pub fn get<R: Register>(
    conn: &Connection,
    program: i64,
    key: &str,
) -> Result<Option<Stored<R::Item>>> {
    let sql = format!("{} AND {} = ?2", select::<R>(), key_column::<R>());
    let found = conn
        .prepare_cached(&sql)?
        .query_row(params![program, key_param::<R>(key)?], stored::<R>)
        .optional()?;
    Ok(found)
}

/// The INSERT of one item: a keyed item's program, key and position come first (`?1`–`?3`,
/// position after the last when null), a log entry's row number (null for a new one) and
/// program (`?1`, `?2`); the data columns follow.
fn insert_sql<R: Register>() -> String {
    let columns = R::COLUMNS.join(", ");
    if R::KEYED {
        let marks: Vec<String> = (4..4 + R::COLUMNS.len()).map(|i| format!("?{i}")).collect();
        let (kind_column, kind_value) = match R::KIND {
            Some(kind) => (", kind", format!(", '{kind}'")),
            None => ("", String::new()),
        };
        format!(
            "INSERT INTO {table} (program_id{kind_column}, key, {columns}, position)
             VALUES (?1{kind_value}, ?2, {}, COALESCE(?3, (SELECT MAX(position) + 1 FROM {table} WHERE {}), 0))",
            marks.join(", "),
            scope::<R>(),
            table = R::TABLE,
        )
    } else {
        let marks = vec!["?"; R::COLUMNS.len()].join(", ");
        format!(
            "INSERT INTO {} (id, program_id, {columns}) VALUES (?1, ?2, {marks})",
            R::TABLE
        )
    }
}

/// Inserts the item; a keyed item under its own key, at `position` or after the last; a log
/// entry under the row number `key` when given (an undo putting it back), else a new one.
/// Returns the key.
pub fn insert<R: Register>(
    conn: &Connection,
    program: i64,
    key: Option<&str>,
    item: &R::Item,
    position: Option<i64>,
) -> Result<String> {
    let mut stmt = conn.prepare_cached(&insert_sql::<R>())?;
    insert_with::<R>(conn, &mut stmt, program, key, item, position)
}

/// Inserts every item of a pack's register in order, with one prepared statement: an import.
pub fn insert_all<'a, R: Register>(
    conn: &Connection,
    program: i64,
    items: impl Iterator<Item = std::borrow::Cow<'a, R::Item>>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(&insert_sql::<R>())?;
    for (i, item) in items.enumerate() {
        insert_with::<R>(conn, &mut stmt, program, None, &item, Some(i as i64))?;
    }
    Ok(())
}

fn insert_with<R: Register>(
    conn: &Connection,
    stmt: &mut rusqlite::CachedStatement<'_>,
    program: i64,
    key: Option<&str>,
    item: &R::Item,
    position: Option<i64>,
) -> Result<String> {
    let cells = R::cells(item)?;
    let key = if R::KEYED {
        let key = key.or(R::key(item)).unwrap_or_default().to_string();
        let head = [
            ToSqlOutput::from(program),
            ToSqlOutput::from(key.as_str()),
            position.to_sql()?,
        ];
        stmt.execute(params_from_iter(head.into_iter().chain(cells)))?;
        key
    } else {
        let id = key.map(row_number::<R>).transpose()?;
        let head = [id.to_sql()?, ToSqlOutput::from(program)];
        stmt.execute(params_from_iter(head.into_iter().chain(cells)))?;
        conn.last_insert_rowid().to_string()
    };
    refs::record::<R>(conn, program, &key, item, true)?;
    Ok(key)
}

/// Replaces the data of the item stored under `key`, keeping its place.
pub fn update<R: Register>(
    conn: &Connection,
    program: i64,
    key: &str,
    item: &R::Item,
) -> Result<()> {
    let set: Vec<String> = R::COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 3))
        .collect();
    let sql = format!(
        "UPDATE {} SET {} WHERE {} AND {} = ?2",
        R::TABLE,
        set.join(", "),
        scope::<R>(),
        key_column::<R>()
    );
    let head = [ToSqlOutput::from(program), key_param::<R>(key)?];
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(head.into_iter().chain(R::cells(item)?)))?;
    refs::record::<R>(conn, program, key, item, false)
}

/// Removes the item stored under `key`, with the references it made.
pub fn delete<R: Register>(conn: &Connection, program: i64, key: &str) -> Result<()> {
    let sql = format!(
        "DELETE FROM {} WHERE {} AND {} = ?2",
        R::TABLE,
        scope::<R>(),
        key_column::<R>()
    );
    conn.prepare_cached(&sql)?
        .execute(params![program, key_param::<R>(key)?])?;
    refs::forget(conn, program, R::NAME.name(), key)
}

/// Removes every item of the register in the program (a reset), references left to the caller.
pub fn delete_all<R: Register>(conn: &Connection, program: i64) -> Result<()> {
    let sql = format!("DELETE FROM {} WHERE {}", R::TABLE, scope::<R>());
    conn.prepare_cached(&sql)?.execute([program])?;
    Ok(())
}

/// How many items the register holds in the program.
pub fn count<R: Register>(conn: &Connection, program: i64) -> Result<usize> {
    let sql = format!("SELECT COUNT(*) FROM {} WHERE {}", R::TABLE, scope::<R>());
    let n: i64 = conn
        .prepare_cached(&sql)?
        .query_row([program], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Whether the register might already hold `n` items in the program: cheap where it can be
/// told cheaply. A log's row numbers are never reused, so the table's highest number so far
/// bounds how many it holds; a keyed register is counted, which its key index makes quick.
pub fn may_hold<R: Register>(conn: &Connection, program: i64, n: usize) -> Result<bool> {
    if R::KEYED {
        return Ok(count::<R>(conn, program)? >= n);
    }
    let highest: Option<i64> = conn
        .prepare_cached("SELECT seq FROM sqlite_sequence WHERE name = ?1")?
        .query_row([R::TABLE], |r| r.get(0))
        .optional()?;
    Ok(
        usize::try_from(highest.unwrap_or(0)).unwrap_or(usize::MAX) >= n
            && count::<R>(conn, program)? >= n,
    )
}

/// Whether the program holds an item with this key in the register.
pub fn contains(
    conn: &Connection,
    program: i64,
    register: RegisterName,
    key: &str,
) -> Result<bool> {
    super::with_register!(register, R => match get::<R>(conn, program, key) {
        Ok(found) => Ok(found.is_some()),
        // a key that is not a row number names no log entry
        Err(Error::NotFound { .. }) => Ok(false),
        Err(e) => Err(e),
    })
}

/// Whether what a reference names exists.
pub fn exists(conn: &Connection, program: i64, to: Target, key: &str) -> Result<bool> {
    match to {
        Target::Register(r) => contains(conn, program, r, key),
        Target::Party => Ok(contains(conn, program, RegisterName::Teams, key)?
            || contains(conn, program, RegisterName::Stakeholders, key)?),
    }
}

#[cfg(test)]
mod tests {
    // Tests may panic on a broken fixture: that is their failure report.
    #![allow(clippy::expect_used)]

    use super::*;
    use crate::register::{Communications, Risks};

    #[test]
    fn may_hold_says_whether_a_register_already_holds_n_items() {
        let mut store = crate::Store::open_in_memory().expect("open");
        let pack = crate::bundled::packs().expect("packs").remove(0);
        let id = store.import(&pack).expect("import");
        let conn = store.conn();
        let comms = pack.communications.len();
        assert!(may_hold::<Communications>(conn, id, comms).expect("query"));
        assert!(!may_hold::<Communications>(conn, id, comms + 1).expect("query"));
        let risks = pack.risks.len();
        assert!(may_hold::<Risks>(conn, id, risks).expect("query"));
        assert!(!may_hold::<Risks>(conn, id, risks + 1).expect("query"));
    }
}
