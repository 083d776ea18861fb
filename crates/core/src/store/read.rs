//! Reading a program out of the store as a pack: the program's row, every register through
//! the registry (or only those a view reads), and the scenario and rubric; and the little the
//! status needs of the two biggest registers, the readings and the communications log.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::model::{
    Measurement, PACK_FORMAT, Pack, ProgramInfo, RubricItem, Scenario, ScenarioEvent,
};
use crate::register::{Register, RegisterName, from_json, from_name, sql, with_register};
use crate::{Error, Result};

fn all<T>(
    conn: &Connection,
    sql: &str,
    program: i64,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([program], map)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Runs `read` on one snapshot of the database: all its SELECTs see the same commits, even while
/// another connection (the command line, a script) writes between two of them. Inside a
/// transaction already, that transaction is the snapshot.
pub fn snapshot<T>(conn: &Connection, read: impl FnOnce() -> Result<T>) -> Result<T> {
    if !conn.is_autocommit() {
        return read();
    }
    // deferred: the snapshot is taken at the first SELECT, and nothing is locked for writers
    let tx = conn.unchecked_transaction()?;
    let result = read();
    tx.rollback()?;
    result
}

/// The program's facts. An attempt's status date is its practice clock, so its status, charts
/// and forms read the day the learner has reached.
pub fn load_program_info(conn: &Connection, program: i64) -> Result<ProgramInfo> {
    let mut info = conn
        .prepare_cached(
            "SELECT slug, name, industry, summary, start_date, end_date, as_of, currency, budget FROM programs WHERE id = ?1",
        )?
        .query_row([program], |r| {
            Ok(ProgramInfo {
                id: r.get(0)?,
                name: r.get(1)?,
                industry: from_name(r, 2)?,
                summary: r.get(3)?,
                start: r.get(4)?,
                end: r.get(5)?,
                as_of: r.get(6)?,
                currency: r.get(7)?,
                budget: r.get(8)?,
                joined: None,
            })
        })
        .optional()?
        .ok_or_else(|| Error::not_found("program", program.to_string()))?;
    if let Some(clock) = crate::practice::clock(conn, program)? {
        info.joined = Some(info.as_of());
        info.as_of = Some(clock);
    }
    Ok(info)
}

pub fn load_pack(conn: &Connection, program: i64) -> Result<Pack> {
    snapshot(conn, || {
        let mut pack = load_registers(conn, program, RegisterName::ALL)?;
        load_practice(conn, program, &mut pack)?;
        if let Some(scenario) = &mut pack.scenario {
            scenario.xapi_namespace = conn
                .prepare_cached("SELECT xapi_namespace FROM scenarios WHERE program_id = ?1")?
                .query_row([program], |r| r.get(0))?;
        }
        Ok(pack)
    })
}

/// The scenario and the rubric, which the practice references are made of. The scenario's
/// xAPI namespace (schema 4) is left out, so that an earlier migration can read them too.
pub fn load_practice(conn: &Connection, program: i64, pack: &mut Pack) -> Result<()> {
    pack.scenario = load_scenario(conn, program)?;
    pack.rubric = load_rubric(conn, program)?;
    Ok(())
}

/// The program with only the named registers filled: what a chart or an export reads.
pub fn load_registers(conn: &Connection, program: i64, registers: &[RegisterName]) -> Result<Pack> {
    snapshot(conn, || {
        let mut pack = empty(load_program_info(conn, program)?);
        // in the registry's order: KPIs before the readings that go into them
        for &register in RegisterName::ALL.iter().filter(|r| registers.contains(r)) {
            with_register!(register, R => {
                let items = sql::load_all::<R>(conn, program)?;
                R::assemble(&mut pack, items);
            });
        }
        Ok(pack)
    })
}

fn load_rubric(conn: &Connection, program: i64) -> Result<Vec<RubricItem>> {
    all(
        conn,
        "SELECT key, after_event, within_days, responsibility, points, expect, explain FROM rubric_items WHERE program_id = ?1 ORDER BY position",
        program,
        |r| {
            Ok(RubricItem {
                id: r.get(0)?,
                after: r.get(1)?,
                within_days: r.get(2)?,
                responsibility: from_name(r, 3)?,
                points: r.get(4)?,
                expect: from_json(r, 5)?,
                explain: r.get(6)?,
            })
        },
    )
}

fn empty(program: ProgramInfo) -> Pack {
    Pack {
        format: PACK_FORMAT.to_string(),
        program,
        goals: Vec::new(),
        teams: Vec::new(),
        workstreams: Vec::new(),
        milestones: Vec::new(),
        risks: Vec::new(),
        assumptions: Vec::new(),
        issues: Vec::new(),
        decisions: Vec::new(),
        stakeholders: Vec::new(),
        communications: Vec::new(),
        kpis: Vec::new(),
        costs: Vec::new(),
        scenario: None,
        rubric: Vec::new(),
    }
}

pub(crate) fn load_scenario(conn: &Connection, program: i64) -> Result<Option<Scenario>> {
    let head = conn
        .prepare_cached("SELECT title, briefing, weeks FROM scenarios WHERE program_id = ?1")?
        .query_row([program], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
            ))
        })
        .optional()?;
    let Some((title, briefing, weeks)) = head else {
        return Ok(None);
    };
    let events = all(
        conn,
        "SELECT key, week, title, narrative, effects FROM scenario_events WHERE program_id = ?1 ORDER BY position",
        program,
        |r| {
            Ok(ScenarioEvent {
                id: r.get(0)?,
                week: r.get(1)?,
                title: r.get(2)?,
                narrative: r.get(3)?,
                effects: from_json(r, 4)?,
            })
        },
    )?;
    Ok(Some(Scenario {
        title,
        briefing,
        weeks,
        events,
        xapi_namespace: None,
    }))
}

/// Of each KPI in `pack`, its last two readings on or before `date`, in the pack's order (by
/// date, an earlier entry of a day first): all that a KPI's status reads. One index seek a KPI.
pub fn load_latest_readings(
    conn: &Connection,
    program: i64,
    date: NaiveDate,
    pack: &mut Pack,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, value FROM (SELECT date, value, id FROM measurements WHERE program_id = ?1 AND kpi_key = ?2 AND date <= ?3 ORDER BY date DESC, id DESC LIMIT 2) ORDER BY date, id",
    )?;
    for kpi in &mut pack.kpis {
        let rows = stmt.query_map(params![program, kpi.id, date], |r| {
            Ok(Measurement {
                date: r.get(0)?,
                value: r.get(1)?,
            })
        })?;
        kpi.measurements = rows.collect::<rusqlite::Result<_>>()?;
    }
    Ok(())
}

/// The date of the last communication naming each stakeholder on or before `date`, worked out
/// in SQL: [`crate::figures::last_contacts`] without loading the log.
pub fn load_last_contacts(
    conn: &Connection,
    program: i64,
    date: NaiveDate,
) -> Result<HashMap<String, NaiveDate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT named.value, MAX(c.date) FROM communications c, json_each(c.stakeholders) named WHERE c.program_id = ?1 AND c.date <= ?2 GROUP BY named.value",
    )?;
    let rows = stmt.query_map(params![program, date], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    // Tests may panic on a broken fixture: that is their failure report.
    #![allow(clippy::expect_used)]

    use rusqlite::Connection;

    use super::snapshot;

    /// What a snapshot reads stays as it was while a second connection commits in between.
    #[test]
    fn a_snapshot_does_not_see_a_write_made_during_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("two.db");
        let reader = Connection::open(&path).expect("open");
        reader
            .execute_batch(
                "PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);",
            )
            .expect("a table");
        let writer = Connection::open(&path).expect("a second connection");
        let count = || -> crate::Result<i64> {
            Ok(reader.query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))?)
        };
        let (before, after) = snapshot(&reader, || {
            let before = count()?;
            writer
                .execute("INSERT INTO t VALUES (2)", [])
                .expect("the other writer");
            Ok((before, count()?))
        })
        .expect("read");
        assert_eq!((before, after), (1, 1), "one snapshot throughout");
        assert_eq!(count().expect("count"), 2, "the write is seen after it");
        // inside a transaction already, the snapshot is that transaction's
        reader.execute_batch("BEGIN").expect("begin");
        assert_eq!(snapshot(&reader, count).expect("nested"), 2);
        reader.execute_batch("COMMIT").expect("commit");
    }
}
