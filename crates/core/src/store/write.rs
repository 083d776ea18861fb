//! Writing a whole program into the store, inside the caller's transaction: the program's
//! row, every register's items through the registry, and the scenario and rubric.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use crate::model::{Pack, name_of};
use crate::register::{Register, RegisterName, practice_references, refs, sql, with_register};
use crate::{Error, Result};

pub fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Conflict(format!("cannot encode: {e}")))
}

/// The first free id of the form `slug-2`, `slug-3` …, and its number.
pub fn free_slug(tx: &rusqlite::Connection, slug: &str) -> Result<(String, u32)> {
    let mut stmt = tx.prepare("SELECT EXISTS (SELECT 1 FROM programs WHERE slug = ?1)")?;
    for n in 2..=u32::MAX {
        let candidate = format!("{slug}-{n}");
        if !stmt.query_row([&candidate], |r| r.get::<_, bool>(0))? {
            return Ok((candidate, n));
        }
    }
    Err(Error::Conflict(format!(
        "no free id left for another copy of {slug}"
    )))
}

/// The pack the program was imported from, with the program's slug: what a reset goes back to
/// and an attempt starts from.
pub fn source_pack(tx: &rusqlite::Connection, program: i64) -> Result<(String, Pack)> {
    let (slug, source): (String, Option<String>) = tx
        .prepare_cached("SELECT slug, source FROM programs WHERE id = ?1")?
        .query_row([program], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::not_found("program", program.to_string()))?;
    let pack = match source {
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| Error::Conflict(format!("the program's pack cannot be read: {e}")))?,
        // imported before packs were kept: only a bundled program can be found again
        None => crate::bundled::packs()?
            .into_iter()
            .find(|p| p.program.id == slug)
            .ok_or_else(|| {
                Error::Conflict(format!(
                    "{slug} was imported by an older Flightdeck, which kept no copy of its pack: import the pack again to start over"
                ))
            })?,
    };
    Ok((slug, pack))
}

/// Inserts every row of the pack; returns the new program's id.
pub fn insert_program(tx: &Transaction<'_>, pack: &Pack) -> Result<i64> {
    let p = &pack.program;
    let taken: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM programs WHERE slug = ?1)")?
        .query_row([&p.id], |r| r.get(0))?;
    if taken {
        return Err(Error::Conflict(format!(
            "a program with the id `{}` is already loaded; remove it or change the pack's program id",
            p.id
        )));
    }
    // the pack as imported, so the program can be reset to it
    let source = json(pack)?;
    tx.prepare_cached(
        "INSERT INTO programs (slug, name, industry, summary, start_date, end_date, as_of, currency, budget, source, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, (SELECT COALESCE(MAX(position), 0) + 1 FROM programs))",
    )?
    .execute(params![
        p.id,
        p.name,
        name_of(&p.industry),
        p.summary,
        p.start,
        p.end,
        p.as_of,
        p.currency,
        p.budget,
        source
    ])?;
    let id = tx.last_insert_rowid();
    insert_contents(tx, id, pack)?;
    Ok(id)
}

/// Inserts the pack's items, scenario and rubric into the program `id`.
pub fn insert_contents(tx: &Transaction<'_>, id: i64, pack: &Pack) -> Result<()> {
    for &register in RegisterName::ALL {
        with_register!(register, R => insert_items::<R>(tx, id, pack))?;
    }
    insert_practice(tx, id, pack)
}

/// Removes the program's items, scenario, rubric and references, keeping the program itself.
pub fn delete_contents(tx: &Transaction<'_>, id: i64) -> Result<()> {
    for &register in RegisterName::ALL {
        with_register!(register, R => sql::delete_all::<R>(tx, id))?;
    }
    for table in ["refs", "rubric_items", "scenarios"] {
        tx.execute(&format!("DELETE FROM {table} WHERE program_id = ?1"), [id])?;
    }
    Ok(())
}

fn insert_items<R: Register>(tx: &Transaction<'_>, id: i64, pack: &Pack) -> Result<()> {
    sql::insert_all::<R>(tx, id, R::items(pack))
}

fn insert_practice(tx: &Transaction<'_>, id: i64, pack: &Pack) -> Result<()> {
    if let Some(s) = &pack.scenario {
        tx.prepare_cached(
            "INSERT INTO scenarios (program_id, title, briefing, weeks, xapi_namespace) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![id, s.title, s.briefing, s.weeks, s.xapi_namespace])?;
        let mut stmt = tx.prepare_cached(
            "INSERT INTO scenario_events (program_id, key, week, title, narrative, effects, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (i, e) in s.events.iter().enumerate() {
            stmt.execute(params![
                id,
                e.id,
                e.week,
                e.title,
                e.narrative,
                json(&e.effects)?,
                i as i64
            ])?;
        }
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO rubric_items (program_id, key, after_event, within_days, responsibility, points, expect, explain, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (i, r) in pack.rubric.iter().enumerate() {
        stmt.execute(params![
            id,
            r.id,
            r.after,
            r.within_days,
            name_of(&r.responsibility),
            r.points,
            json(&r.expect)?,
            r.explain,
            i as i64
        ])?;
    }
    for (from, key, named) in practice_references(pack) {
        refs::insert_refs(tx, id, from, &key, &named)?;
    }
    Ok(())
}
