//! Reading a whole program out of the store as a pack.

use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::de::DeserializeOwned;

use crate::model::{
    Communication, Cost, Goal, Kpi, Measurement, Milestone, PACK_FORMAT, Pack, ProgramInfo,
    RaidEntry, Risk, RubricItem, Scenario, ScenarioEvent, Stakeholder, Team, Workstream,
};
use crate::{Error, Result};

/// Column `i` holding a serde name (`neutral`) as its enum.
fn named<T: DeserializeOwned>(row: &Row<'_>, i: usize) -> rusqlite::Result<T> {
    let text: String = row.get(i)?;
    serde_json::from_value(serde_json::Value::String(text))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(e)))
}

/// Column `i` holding JSON.
fn json<T: DeserializeOwned>(row: &Row<'_>, i: usize) -> rusqlite::Result<T> {
    let text: String = row.get(i)?;
    serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, Type::Text, Box::new(e)))
}

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

pub fn load_program_info(conn: &Connection, program: i64) -> Result<ProgramInfo> {
    conn.query_row(
        "SELECT slug, name, industry, summary, start_date, end_date, as_of, currency, budget FROM programs WHERE id = ?1",
        [program],
        |r| {
            Ok(ProgramInfo {
                id: r.get(0)?,
                name: r.get(1)?,
                industry: named(r, 2)?,
                summary: r.get(3)?,
                start: r.get(4)?,
                end: r.get(5)?,
                as_of: r.get(6)?,
                currency: r.get(7)?,
                budget: r.get(8)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::not_found("program", program.to_string()))
}

pub fn load_pack(conn: &Connection, program: i64) -> Result<Pack> {
    let info = load_program_info(conn, program)?;
    Ok(Pack {
        format: PACK_FORMAT.to_string(),
        program: info,
        goals: all(
            conn,
            "SELECT key, title, kpi_key FROM goals WHERE program_id = ?1 ORDER BY position",
            program,
            |r| {
                Ok(Goal {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    kpi: r.get(2)?,
                })
            },
        )?,
        teams: all(
            conn,
            "SELECT key, name, lead_key FROM teams WHERE program_id = ?1 ORDER BY position",
            program,
            |r| {
                Ok(Team {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    lead: r.get(2)?,
                })
            },
        )?,
        workstreams: all(
            conn,
            "SELECT key, name, team_key FROM workstreams WHERE program_id = ?1 ORDER BY position",
            program,
            |r| {
                Ok(Workstream {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    team: r.get(2)?,
                })
            },
        )?,
        milestones: load_milestones(conn, program)?,
        risks: load_risks(conn, program)?,
        assumptions: load_raid(conn, program, "assumption")?,
        issues: load_raid(conn, program, "issue")?,
        decisions: load_raid(conn, program, "decision")?,
        stakeholders: load_stakeholders(conn, program)?,
        communications: all(
            conn,
            "SELECT date, stakeholders, channel, summary, decisions, follow_up FROM communications WHERE program_id = ?1 ORDER BY id",
            program,
            |r| {
                Ok(Communication {
                    date: r.get(0)?,
                    stakeholders: json(r, 1)?,
                    channel: r.get(2)?,
                    summary: r.get(3)?,
                    decisions: r.get(4)?,
                    follow_up: r.get(5)?,
                })
            },
        )?,
        kpis: load_kpis(conn, program)?,
        costs: all(
            conn,
            "SELECT date, amount, description, workstream_key FROM costs WHERE program_id = ?1 ORDER BY id",
            program,
            |r| {
                Ok(Cost {
                    date: r.get(0)?,
                    amount: r.get(1)?,
                    description: r.get(2)?,
                    workstream: r.get(3)?,
                })
            },
        )?,
        scenario: load_scenario(conn, program)?,
        rubric: all(
            conn,
            "SELECT key, after_event, within_days, responsibility, points, expect, explain FROM rubric_items WHERE program_id = ?1 ORDER BY position",
            program,
            |r| {
                Ok(RubricItem {
                    id: r.get(0)?,
                    after: r.get(1)?,
                    within_days: r.get(2)?,
                    responsibility: named(r, 3)?,
                    points: r.get(4)?,
                    expect: json(r, 5)?,
                    explain: r.get(6)?,
                })
            },
        )?,
    })
}

fn load_milestones(conn: &Connection, program: i64) -> Result<Vec<Milestone>> {
    all(
        conn,
        "SELECT key, title, workstream_key, goal_key, start_date, finish_date, baseline_start, baseline_finish, actual_start, actual_finish,
                planned_value, percent_complete, depends_on, raci
         FROM milestones WHERE program_id = ?1 ORDER BY position",
        program,
        |r| {
            Ok(Milestone {
                id: r.get(0)?,
                title: r.get(1)?,
                workstream: r.get(2)?,
                goal: r.get(3)?,
                start: r.get(4)?,
                finish: r.get(5)?,
                baseline_start: r.get(6)?,
                baseline_finish: r.get(7)?,
                actual_start: r.get(8)?,
                actual_finish: r.get(9)?,
                planned_value: r.get(10)?,
                percent_complete: r.get(11)?,
                depends_on: json(r, 12)?,
                raci: json(r, 13)?,
            })
        },
    )
}

fn load_risks(conn: &Connection, program: i64) -> Result<Vec<Risk>> {
    all(
        conn,
        "SELECT key, title, cause, event, effect, category, likelihood, impact, owner_key, response, actions, review,
                residual_likelihood, residual_impact, status
         FROM risks WHERE program_id = ?1 ORDER BY position",
        program,
        |r| {
            Ok(Risk {
                id: r.get(0)?,
                title: r.get(1)?,
                cause: r.get(2)?,
                event: r.get(3)?,
                effect: r.get(4)?,
                category: r.get(5)?,
                likelihood: r.get(6)?,
                impact: r.get(7)?,
                owner: r.get(8)?,
                response: named(r, 9)?,
                actions: r.get(10)?,
                review: r.get(11)?,
                residual_likelihood: r.get(12)?,
                residual_impact: r.get(13)?,
                status: named(r, 14)?,
            })
        },
    )
}

fn load_raid(conn: &Connection, program: i64, kind: &str) -> Result<Vec<RaidEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, title, detail, owner_key, raised, status FROM raid_entries WHERE program_id = ?1 AND kind = ?2 ORDER BY position",
    )?;
    let rows = stmt.query_map(rusqlite::params![program, kind], |r| {
        Ok(RaidEntry {
            id: r.get(0)?,
            title: r.get(1)?,
            detail: r.get(2)?,
            owner: r.get(3)?,
            raised: r.get(4)?,
            status: named(r, 5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn load_stakeholders(conn: &Connection, program: i64) -> Result<Vec<Stakeholder>> {
    all(
        conn,
        "SELECT key, name, role, org, power, interest, engagement, desired_engagement, channel, cadence_days
         FROM stakeholders WHERE program_id = ?1 ORDER BY position",
        program,
        |r| {
            Ok(Stakeholder {
                id: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
                org: r.get(3)?,
                power: r.get(4)?,
                interest: r.get(5)?,
                engagement: named(r, 6)?,
                desired_engagement: named(r, 7)?,
                channel: r.get(8)?,
                cadence_days: r.get(9)?,
            })
        },
    )
}

fn load_kpis(conn: &Connection, program: i64) -> Result<Vec<Kpi>> {
    let mut kpis = all(
        conn,
        "SELECT key, name, unit, direction, target, amber, red, frequency, owner_key FROM kpis WHERE program_id = ?1 ORDER BY position",
        program,
        |r| {
            Ok(Kpi {
                id: r.get(0)?,
                name: r.get(1)?,
                unit: r.get(2)?,
                direction: named(r, 3)?,
                target: r.get(4)?,
                amber: r.get(5)?,
                red: r.get(6)?,
                frequency: r.get(7)?,
                owner: r.get(8)?,
                measurements: Vec::new(),
            })
        },
    )?;
    let at: std::collections::HashMap<String, usize> = kpis
        .iter()
        .enumerate()
        .map(|(i, k)| (k.id.clone(), i))
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT kpi_key, date, value FROM measurements WHERE program_id = ?1 ORDER BY kpi_key, date, id",
    )?;
    let mut rows = stmt.query([program])?;
    while let Some(r) = rows.next()? {
        let key: String = r.get(0)?;
        if let Some(&i) = at.get(&key) {
            kpis[i].measurements.push(Measurement {
                date: r.get(1)?,
                value: r.get(2)?,
            });
        }
    }
    Ok(kpis)
}

fn load_scenario(conn: &Connection, program: i64) -> Result<Option<Scenario>> {
    let head = conn
        .query_row(
            "SELECT title, briefing, weeks FROM scenarios WHERE program_id = ?1",
            [program],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, u32>(2)?,
                ))
            },
        )
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
                effects: json(r, 4)?,
            })
        },
    )?;
    Ok(Some(Scenario {
        title,
        briefing,
        weeks,
        events,
    }))
}
