//! Writing a whole program into the store, inside the caller's transaction.

use rusqlite::{Transaction, params};
use serde::Serialize;

use crate::edit::Section;
use crate::model::{Pack, RaidEntry, name_of};
use crate::{Error, Result};

pub fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Conflict(format!("cannot encode: {e}")))
}

/// Inserts every row of the pack; returns the new program's id.
pub fn insert_program(tx: &Transaction<'_>, pack: &Pack) -> Result<i64> {
    let p = &pack.program;
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM programs WHERE slug = ?1)",
        [&p.id],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::Conflict(format!(
            "a program with the id `{}` is already loaded; remove it or change the pack's program id",
            p.id
        )));
    }
    tx.execute(
        "INSERT INTO programs (slug, name, industry, summary, start_date, end_date, as_of, currency, budget, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, (SELECT COALESCE(MAX(position), 0) + 1 FROM programs))",
        params![p.id, p.name, name_of(&p.industry), p.summary, p.start, p.end, p.as_of, p.currency, p.budget],
    )?;
    let id = tx.last_insert_rowid();
    for section in Section::ALL {
        insert_section(tx, id, pack, section)?;
    }
    insert_practice(tx, id, pack)?;
    Ok(id)
}

/// Replaces one section's rows with the pack's: how an edit is saved.
pub fn replace_section(tx: &Transaction<'_>, id: i64, pack: &Pack, section: Section) -> Result<()> {
    let (table, kind) = section.table();
    match kind {
        Some(kind) => tx.execute(
            &format!("DELETE FROM {table} WHERE program_id = ?1 AND kind = ?2"),
            params![id, kind],
        )?,
        None => tx.execute(
            &format!("DELETE FROM {table} WHERE program_id = ?1"),
            params![id],
        )?,
    };
    insert_section(tx, id, pack, section)
}

fn insert_section(tx: &Transaction<'_>, id: i64, pack: &Pack, section: Section) -> Result<()> {
    match section {
        Section::Stakeholders => insert_stakeholders(tx, id, pack),
        Section::Goals => insert_goals(tx, id, pack),
        Section::Teams => insert_teams(tx, id, pack),
        Section::Workstreams => insert_workstreams(tx, id, pack),
        Section::Milestones => insert_milestones(tx, id, pack),
        Section::Risks => insert_risks(tx, id, pack),
        Section::Assumptions => insert_raid(tx, id, "assumption", &pack.assumptions),
        Section::Issues => insert_raid(tx, id, "issue", &pack.issues),
        Section::Decisions => insert_raid(tx, id, "decision", &pack.decisions),
        Section::Communications => insert_communications(tx, id, pack),
        Section::Kpis => insert_kpis(tx, id, pack),
        Section::Costs => insert_costs(tx, id, pack),
    }
}

fn insert_stakeholders(tx: &Transaction<'_>, id: i64, pack: &Pack) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO stakeholders (program_id, key, name, role, org, power, interest, engagement, desired_engagement, channel, cadence_days, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (i, s) in pack.stakeholders.iter().enumerate() {
        stmt.execute(params![
            id,
            s.id,
            s.name,
            s.role,
            s.org,
            s.power,
            s.interest,
            name_of(&s.engagement),
            name_of(&s.desired_engagement),
            s.channel,
            s.cadence_days,
            i as i64
        ])?;
    }
    Ok(())
}

fn insert_goals(tx: &Transaction<'_>, id: i64, pack: &Pack) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO goals (program_id, key, title, kpi_key, position) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, g) in pack.goals.iter().enumerate() {
        stmt.execute(params![id, g.id, g.title, g.kpi, i as i64])?;
    }
    Ok(())
}

fn insert_teams(tx: &Transaction<'_>, id: i64, pack: &Pack) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO teams (program_id, key, name, lead_key, position) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, t) in pack.teams.iter().enumerate() {
        stmt.execute(params![id, t.id, t.name, t.lead, i as i64])?;
    }
    Ok(())
}

fn insert_workstreams(tx: &Transaction<'_>, id: i64, pack: &Pack) -> Result<()> {
    let mut stmt = tx.prepare_cached("INSERT INTO workstreams (program_id, key, name, team_key, position) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (i, w) in pack.workstreams.iter().enumerate() {
        stmt.execute(params![id, w.id, w.name, w.team, i as i64])?;
    }
    Ok(())
}

fn insert_milestones(tx: &Transaction<'_>, id: i64, pack: &Pack) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO milestones (program_id, key, title, workstream_key, goal_key, start_date, finish_date, baseline_start, baseline_finish,
                                 actual_start, actual_finish, planned_value, percent_complete, depends_on, raci, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
    for (i, m) in pack.milestones.iter().enumerate() {
        stmt.execute(params![
            id,
            m.id,
            m.title,
            m.workstream,
            m.goal,
            m.start,
            m.finish,
            m.baseline_start,
            m.baseline_finish,
            m.actual_start,
            m.actual_finish,
            m.planned_value,
            m.percent_complete,
            json(&m.depends_on)?,
            json(&m.raci)?,
            i as i64
        ])?;
    }
    Ok(())
}

fn insert_risks(tx: &Transaction<'_>, id: i64, pack: &Pack) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO risks (program_id, key, title, cause, event, effect, category, likelihood, impact, owner_key, response, actions,
                            review, residual_likelihood, residual_impact, status, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?;
    for (i, r) in pack.risks.iter().enumerate() {
        stmt.execute(params![
            id,
            r.id,
            r.title,
            r.cause,
            r.event,
            r.effect,
            r.category,
            r.likelihood,
            r.impact,
            r.owner,
            name_of(&r.response),
            r.actions,
            r.review,
            r.residual_likelihood,
            r.residual_impact,
            name_of(&r.status),
            i as i64
        ])?;
    }
    Ok(())
}

fn insert_communications(tx: &Transaction<'_>, id: i64, pack: &Pack) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO communications (program_id, date, stakeholders, channel, summary, decisions, follow_up) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for c in &pack.communications {
        stmt.execute(params![
            id,
            c.date,
            json(&c.stakeholders)?,
            c.channel,
            c.summary,
            c.decisions,
            c.follow_up
        ])?;
    }
    Ok(())
}

fn insert_kpis(tx: &Transaction<'_>, id: i64, pack: &Pack) -> Result<()> {
    let mut kpi = tx.prepare_cached(
        "INSERT INTO kpis (program_id, key, name, unit, direction, target, amber, red, frequency, owner_key, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let mut reading = tx.prepare_cached(
        "INSERT INTO measurements (program_id, kpi_key, date, value) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, k) in pack.kpis.iter().enumerate() {
        kpi.execute(params![
            id,
            k.id,
            k.name,
            k.unit,
            name_of(&k.direction),
            k.target,
            k.amber,
            k.red,
            k.frequency,
            k.owner,
            i as i64
        ])?;
        for m in &k.measurements {
            reading.execute(params![id, k.id, m.date, m.value])?;
        }
    }
    Ok(())
}

fn insert_costs(tx: &Transaction<'_>, id: i64, pack: &Pack) -> Result<()> {
    let mut stmt = tx.prepare_cached("INSERT INTO costs (program_id, date, amount, description, workstream_key) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for c in &pack.costs {
        stmt.execute(params![id, c.date, c.amount, c.description, c.workstream])?;
    }
    Ok(())
}

fn insert_raid(tx: &Transaction<'_>, id: i64, kind: &str, entries: &[RaidEntry]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO raid_entries (program_id, kind, key, title, detail, owner_key, raised, status, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (i, e) in entries.iter().enumerate() {
        stmt.execute(params![
            id,
            kind,
            e.id,
            e.title,
            e.detail,
            e.owner,
            e.raised,
            name_of(&e.status),
            i as i64
        ])?;
    }
    Ok(())
}

fn insert_practice(tx: &Transaction<'_>, id: i64, pack: &Pack) -> Result<()> {
    if let Some(s) = &pack.scenario {
        tx.execute(
            "INSERT INTO scenarios (program_id, title, briefing, weeks) VALUES (?1, ?2, ?3, ?4)",
            params![id, s.title, s.briefing, s.weeks],
        )?;
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
    Ok(())
}
