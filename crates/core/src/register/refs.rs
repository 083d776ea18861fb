//! The `refs` index: every reference one item makes to another (and those a scenario's events
//! and a rubric's items make), so "who refers to X?" is one indexed lookup and a removal or a
//! rename can be refused naming them.

use rusqlite::{Connection, params};

use super::sql::{contains, select, stored};
use super::{Reference, Register, RegisterName, with_register};
use crate::Result;

/// An item that refers to another: what the refusal of a removal names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referrer {
    pub register: String,
    pub key: String,
    pub field: String,
}

/// As a refusal names it to people: "risk R3 (owner)", "scenario event E9 (effects[1].risk)".
impl std::fmt::Display for Referrer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (key, field) = (&self.key, &self.field);
        match (RegisterName::parse(&self.register), self.register.as_str()) {
            (Ok(register), _) => write!(f, "{} {key} ({field})", register.noun()),
            (Err(_), "scenario") => write!(f, "scenario event {key} ({field})"),
            (Err(_), "rubric") => write!(f, "rubric item {key} ({field})"),
            (Err(_), other) => write!(f, "{other}/{key} ({field})"),
        }
    }
}

/// Every item that refers to `key` of `register`, RACI parties included; a party that is both
/// a team and a stakeholder still has the other after either is removed, so it is not named.
pub fn referrers(
    conn: &Connection,
    program: i64,
    register: RegisterName,
    key: &str,
) -> Result<Vec<Referrer>> {
    let other_party = match register {
        RegisterName::Teams => contains(conn, program, RegisterName::Stakeholders, key)?,
        RegisterName::Stakeholders => contains(conn, program, RegisterName::Teams, key)?,
        _ => true,
    };
    let mut stmt = conn.prepare_cached(
        // two lookups by refs_to: an OR, or the planner's wish to read in ORDER BY's order
        // through refs_from, would scan every reference of the program
        "SELECT from_register, from_key, field FROM refs INDEXED BY refs_to WHERE program_id = ?1 AND to_register = ?2 AND to_key = ?3
         UNION ALL
         SELECT from_register, from_key, field FROM refs INDEXED BY refs_to WHERE program_id = ?1 AND to_register = 'parties' AND to_key = ?3 AND NOT ?4
         ORDER BY from_register, from_key, field",
    )?;
    let rows = stmt.query_map(params![program, register.name(), key, other_party], |r| {
        Ok(Referrer {
            register: r.get(0)?,
            key: r.get(1)?,
            field: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records the references the item makes. Readings are owned by their KPI, not references to it.
pub fn record<R: Register>(
    conn: &Connection,
    program: i64,
    key: &str,
    item: &R::Item,
    fresh: bool,
) -> Result<()> {
    if R::PARENT.is_some() {
        return Ok(());
    }
    if !fresh {
        forget(conn, program, R::NAME.name(), key)?;
    }
    insert_refs(conn, program, R::NAME.name(), key, &R::references(item))
}

/// Adds references from `from_register`/`from_key` (a register's item, a scenario event or a
/// rubric item).
pub fn insert_refs(
    conn: &Connection,
    program: i64,
    from_register: &str,
    from_key: &str,
    refs: &[Reference],
) -> Result<()> {
    if refs.is_empty() {
        return Ok(());
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO refs (program_id, from_register, from_key, field, to_register, to_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for r in refs {
        stmt.execute(params![
            program,
            from_register,
            from_key,
            r.field.to_string(),
            r.to.code(),
            r.key
        ])?;
    }
    Ok(())
}

/// Records the references of every item of the program, its scenario and its rubric, as the
/// migration to version 2 does for programs stored before the index existed.
pub fn fill_refs(conn: &Connection, program: i64) -> Result<()> {
    for &register in RegisterName::ALL {
        with_register!(register, R => {
            let mut stmt = conn.prepare(&select::<R>())?;
            for row in stmt.query_map([program], stored::<R>)? {
                let row = row?;
                record::<R>(conn, program, &row.key, &row.item, true)?;
            }
        });
    }
    // the practice alone: this also runs as schema 2's migration, before later columns exist
    let mut pack = crate::store::read::load_registers(conn, program, &[])?;
    crate::store::read::load_practice(conn, program, &mut pack)?;
    for (from, key, named) in super::practice_references(&pack) {
        insert_refs(conn, program, from, &key, &named)?;
    }
    Ok(())
}

/// Drops the references `from_register`/`from_key` made.
pub fn forget(conn: &Connection, program: i64, from_register: &str, from_key: &str) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM refs WHERE program_id = ?1 AND from_register = ?2 AND from_key = ?3",
    )?
    .execute(params![program, from_register, from_key])?;
    Ok(())
}
