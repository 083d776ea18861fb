//! Milestones: the roadmap's items, with planned, baseline and actual dates, finish-to-start
//! dependencies, earned-value figures and a RACI.

use std::borrow::Cow;

use chrono::NaiveDate;
use rusqlite::Row;

use super::{
    Cells, Field, Reference, Register, RegisterName, Target, at, cells, from_json, json_cell,
    optional,
};
use crate::export::Cell;
use crate::model::{Milestone, Pack};
use crate::pack::SourcePath;
use crate::pack::validate::Checker;

pub struct Milestones;

impl Register for Milestones {
    type Item = Milestone;
    const NAME: RegisterName = RegisterName::Milestones;
    const TABLE: &'static str = "milestones";
    const COLUMNS: &'static [&'static str] = &[
        "title",
        "workstream_key",
        "goal_key",
        "start_date",
        "finish_date",
        "baseline_start",
        "baseline_finish",
        "actual_start",
        "actual_finish",
        "planned_value",
        "percent_complete",
        "depends_on",
        "raci",
    ];
    const TITLE_COLUMN: Option<&'static str> = Some("title");

    fn key(item: &Milestone) -> Option<&str> {
        Some(&item.id)
    }
    fn cells(m: &Milestone) -> rusqlite::Result<Cells<'_>> {
        let mut cells: Cells<'_> = cells![
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
        ];
        cells.push(json_cell(&m.depends_on)?);
        cells.push(json_cell(&m.raci)?);
        Ok(cells)
    }
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Milestone> {
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
            depends_on: from_json(r, 12)?,
            raci: from_json(r, 13)?,
        })
    }
    fn items(pack: &Pack) -> Box<dyn Iterator<Item = Cow<'_, Milestone>> + '_> {
        Box::new(pack.milestones.iter().map(Cow::Borrowed))
    }
    fn assemble(pack: &mut Pack, items: Vec<Milestone>) {
        pack.milestones = items;
    }

    fn check(m: &Milestone, at: &SourcePath, c: &mut Checker) {
        c.forward(at.key("finish"), m.start, m.finish, "start");
        match (m.baseline_start, m.baseline_finish) {
            (Some(s), Some(f)) => c.forward(at.key("baseline_finish"), s, f, "baseline_start"),
            (None, None) => {}
            _ => c.fail(
                at.key("baseline_start"),
                "baseline_start and baseline_finish come together",
            ),
        }
        match (m.actual_start, m.actual_finish) {
            (Some(s), Some(f)) => c.forward(at.key("actual_finish"), s, f, "actual_start"),
            (None, Some(_)) => c.fail(at.key("actual_finish"), "actual_finish needs actual_start"),
            _ => {}
        }
        for (j, dep) in m.depends_on.iter().enumerate() {
            if dep == &m.id {
                let message = format!("milestone `{dep}` cannot depend on itself");
                c.fail(at.key("depends_on").index(j), message);
            }
        }
        c.range(at.key("percent_complete"), m.percent_complete, 0.0, 100.0);
        if !(m.planned_value.is_finite() && m.planned_value >= 0.0) {
            c.fail(
                at.key("planned_value"),
                "planned_value must be zero or more",
            );
        }
    }

    fn references(m: &Milestone) -> Vec<Reference> {
        let mut out = vec![Reference::new(
            at("workstream"),
            RegisterName::Workstreams,
            &m.workstream,
        )];
        optional(&mut out, "goal", RegisterName::Goals, &m.goal);
        for (j, dep) in m.depends_on.iter().enumerate() {
            // depending on itself is the item's own rule, not a missing milestone
            if dep != &m.id {
                out.push(Reference::new(
                    at("depends_on").index(j),
                    RegisterName::Milestones,
                    dep,
                ));
            }
        }
        let raci = at("raci");
        if let Some(a) = &m.raci.accountable {
            out.push(Reference::new(
                raci.key("accountable"),
                RegisterName::Stakeholders,
                a,
            ));
        }
        for (role, parties) in [
            ("responsible", &m.raci.responsible),
            ("consulted", &m.raci.consulted),
            ("informed", &m.raci.informed),
        ] {
            for (j, party) in parties.iter().enumerate() {
                out.push(Reference {
                    field: raci.key(role).index(j),
                    to: Target::Party,
                    key: party.clone(),
                });
            }
        }
        out
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::text("id", "Id")
                .required()
                .help("A short id, unique among milestones, such as M4"),
            Field::text("title", "Milestone").required(),
            Field::reference("workstream", "Workstream", RegisterName::Workstreams).required(),
            Field::reference("goal", "Serves goal", RegisterName::Goals)
                .help("A milestone that serves no goal is flagged"),
            Field::date("start", "Planned start").required(),
            Field::date("finish", "Planned finish").required(),
            Field::date("baseline_start", "Baseline start")
                .help("The original plan, when it differs from the current one"),
            Field::date("baseline_finish", "Baseline finish"),
            Field::date("actual_start", "Actual start"),
            Field::date("actual_finish", "Actual finish"),
            Field::references("depends_on", "Depends on", RegisterName::Milestones)
                .help("Milestones that must finish before this one starts"),
            Field::number("planned_value", "Planned value", Some(0.0), None)
                .money()
                .help("Budgeted cost of the work, for earned value"),
            Field::number(
                "percent_complete",
                "Percent complete",
                Some(0.0),
                Some(100.0),
            ),
            Field::raci("raci", "RACI")
                .help("Exactly one Accountable stakeholder and at least one Responsible"),
        ]
    }

    fn csv_header() -> Vec<&'static str> {
        vec![
            "id",
            "title",
            "workstream",
            "goal",
            "start",
            "finish",
            "baseline_start",
            "baseline_finish",
            "actual_start",
            "actual_finish",
            "depends_on",
            "planned_value",
            "percent_complete",
            "accountable",
            "responsible",
        ]
    }
    fn csv_row(m: &Milestone, _: NaiveDate) -> Vec<Cell> {
        vec![
            Cell::from(&m.id),
            Cell::from(&m.title),
            Cell::from(&m.workstream),
            Cell::from(&m.goal),
            Cell::from(m.start),
            Cell::from(m.finish),
            Cell::from(m.baseline_start()),
            Cell::from(m.baseline_finish()),
            Cell::from(m.actual_start),
            Cell::from(m.actual_finish),
            Cell::from(&m.depends_on.join(" ")),
            Cell::from(m.planned_value),
            Cell::from(m.percent_complete),
            Cell::from(&m.raci.accountable),
            Cell::from(&m.raci.responsible.join(" ")),
        ]
    }
    fn title(m: &Milestone) -> String {
        m.title.clone()
    }
}
