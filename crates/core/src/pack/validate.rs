//! The rules of a pack that its types cannot say: ranges, dates that run forward, ids that are
//! unique and exist, no dependency cycle, a rubric that names real things, and size limits.
//! The same rules guard every edit the app makes, so a program in the store always passes them.

use std::collections::HashSet;

use chrono::NaiveDate;

mod practice;

use super::locate::SourcePath;
use crate::model::{Direction, Milestone, PACK_FORMAT, Pack, Raci};

/// Most items one section may hold.
pub const MAX_ITEMS: usize = 200_000;
/// Most measurements in one pack.
pub const MAX_MEASUREMENTS: usize = 2_000_000;
/// Longest id, in characters.
pub const MAX_ID_CHARS: usize = 64;

type Found = Vec<(SourcePath, String)>;

/// Every rule the pack breaks, each with the path of the offending value.
pub fn validate(pack: &Pack) -> Found {
    let mut c = Checker::default();
    let root = SourcePath::root();
    if pack.format != PACK_FORMAT {
        c.fail(
            root.key("format"),
            format!(
                "format must be \"{PACK_FORMAT}\", found \"{}\"",
                pack.format
            ),
        );
    }
    c.program(pack);
    let ids = Ids::of(pack, &mut c);
    c.plan(pack, &ids);
    c.registers(pack, &ids);
    c.practice(pack, &ids);
    c.limits(pack);
    c.found
}

/// The ids of each section, for references.
struct Ids<'a> {
    goals: HashSet<&'a str>,
    teams: HashSet<&'a str>,
    workstreams: HashSet<&'a str>,
    milestones: HashSet<&'a str>,
    risks: HashSet<&'a str>,
    stakeholders: HashSet<&'a str>,
    kpis: HashSet<&'a str>,
    events: HashSet<&'a str>,
}

impl<'a> Ids<'a> {
    fn of(pack: &'a Pack, c: &mut Checker) -> Self {
        let events = pack.scenario.iter().flat_map(|s| &s.events).map(|e| &e.id);
        Ids {
            goals: c.unique("goals", pack.goals.iter().map(|g| &g.id)),
            teams: c.unique("teams", pack.teams.iter().map(|t| &t.id)),
            workstreams: c.unique("workstreams", pack.workstreams.iter().map(|w| &w.id)),
            milestones: c.unique("milestones", pack.milestones.iter().map(|m| &m.id)),
            risks: c.unique("risks", pack.risks.iter().map(|r| &r.id)),
            stakeholders: c.unique("stakeholders", pack.stakeholders.iter().map(|s| &s.id)),
            kpis: c.unique("kpis", pack.kpis.iter().map(|k| &k.id)),
            events: c.unique_at(SourcePath::root().key("scenario").key("events"), events),
        }
        .with_raid(pack, c)
    }

    fn with_raid(self, pack: &'a Pack, c: &mut Checker) -> Self {
        c.unique("assumptions", pack.assumptions.iter().map(|a| &a.id));
        c.unique("issues", pack.issues.iter().map(|i| &i.id));
        c.unique("decisions", pack.decisions.iter().map(|d| &d.id));
        c.unique("rubric", pack.rubric.iter().map(|r| &r.id));
        self
    }
}

#[derive(Default)]
struct Checker {
    found: Found,
}

impl Checker {
    fn fail(&mut self, path: SourcePath, message: impl Into<String>) {
        self.found.push((path, message.into()));
    }

    fn unique<'a>(
        &mut self,
        section: &str,
        ids: impl Iterator<Item = &'a String>,
    ) -> HashSet<&'a str> {
        self.unique_at(SourcePath::root().key(section), ids)
    }

    fn unique_at<'a>(
        &mut self,
        section: SourcePath,
        ids: impl Iterator<Item = &'a String>,
    ) -> HashSet<&'a str> {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            let path = section.index(i).key("id");
            if id.trim().is_empty() {
                self.fail(path, "id must not be empty");
            } else if id.chars().count() > MAX_ID_CHARS {
                self.fail(path, format!("id is longer than {MAX_ID_CHARS} characters"));
            } else if !seen.insert(id.as_str()) {
                self.fail(
                    path,
                    format!("id `{id}` is used more than once in {section}"),
                );
            }
        }
        seen
    }

    fn reference(&mut self, path: SourcePath, id: &str, known: &HashSet<&str>, what: &str) {
        if !known.contains(id) {
            self.fail(path, format!("no {what} has the id `{id}`"));
        }
    }

    fn optional_ref(
        &mut self,
        path: SourcePath,
        id: &Option<String>,
        known: &HashSet<&str>,
        what: &str,
    ) {
        if let Some(id) = id {
            self.reference(path, id, known, what);
        }
    }

    fn range(&mut self, path: SourcePath, value: f64, lo: f64, hi: f64) {
        if !(lo..=hi).contains(&value) {
            self.fail(
                path,
                format!("{value} is out of range: expected {lo} to {hi}"),
            );
        }
    }

    fn scale(&mut self, path: SourcePath, value: u8) {
        self.range(path, f64::from(value), 1.0, 5.0);
    }

    fn forward(&mut self, path: SourcePath, from: NaiveDate, to: NaiveDate, what: &str) {
        if to < from {
            self.fail(
                path,
                format!("{to} is before {what} {from}: dates must run forward"),
            );
        }
    }

    fn program(&mut self, pack: &Pack) {
        let p = &pack.program;
        let at = SourcePath::root().key("program");
        let slug_ok = !p.id.is_empty()
            && p.id.chars().count() <= MAX_ID_CHARS
            && p.id
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-');
        if !slug_ok {
            self.fail(
                at.key("id"),
                "program id must be a slug of a-z, 0-9 and '-' (at most 64)",
            );
        }
        if p.name.trim().is_empty() {
            self.fail(at.key("name"), "name must not be empty");
        }
        self.forward(at.key("end"), p.start, p.end, "start");
        if let Some(as_of) = p.as_of
            && !(p.start..=p.end).contains(&as_of)
        {
            self.fail(
                at.key("as_of"),
                format!(
                    "{as_of} is outside the program's dates {} to {}",
                    p.start, p.end
                ),
            );
        }
        if p.currency.len() != 3 || !p.currency.chars().all(|c| c.is_ascii_uppercase()) {
            self.fail(
                at.key("currency"),
                "currency must be a three-letter ISO code such as USD",
            );
        }
        if !(p.budget.is_finite() && p.budget > 0.0) {
            self.fail(at.key("budget"), "budget must be a positive amount");
        }
    }

    fn plan(&mut self, pack: &Pack, ids: &Ids<'_>) {
        let root = SourcePath::root();
        for (i, g) in pack.goals.iter().enumerate() {
            self.optional_ref(
                root.key("goals").index(i).key("kpi"),
                &g.kpi,
                &ids.kpis,
                "KPI",
            );
        }
        for (i, t) in pack.teams.iter().enumerate() {
            self.optional_ref(
                root.key("teams").index(i).key("lead"),
                &t.lead,
                &ids.stakeholders,
                "stakeholder",
            );
        }
        for (i, w) in pack.workstreams.iter().enumerate() {
            self.optional_ref(
                root.key("workstreams").index(i).key("team"),
                &w.team,
                &ids.teams,
                "team",
            );
        }
        for (i, m) in pack.milestones.iter().enumerate() {
            let at = root.key("milestones").index(i);
            self.milestone(&at, m, ids);
        }
        self.cycles(&pack.milestones);
    }

    fn milestone(&mut self, at: &SourcePath, m: &Milestone, ids: &Ids<'_>) {
        self.reference(
            at.key("workstream"),
            &m.workstream,
            &ids.workstreams,
            "workstream",
        );
        self.optional_ref(at.key("goal"), &m.goal, &ids.goals, "goal");
        self.forward(at.key("finish"), m.start, m.finish, "start");
        match (m.baseline_start, m.baseline_finish) {
            (Some(s), Some(f)) => self.forward(at.key("baseline_finish"), s, f, "baseline_start"),
            (None, None) => {}
            _ => self.fail(
                at.key("baseline_start"),
                "baseline_start and baseline_finish come together",
            ),
        }
        match (m.actual_start, m.actual_finish) {
            (Some(s), Some(f)) => self.forward(at.key("actual_finish"), s, f, "actual_start"),
            (None, Some(_)) => {
                self.fail(at.key("actual_finish"), "actual_finish needs actual_start")
            }
            _ => {}
        }
        for (j, dep) in m.depends_on.iter().enumerate() {
            let path = at.key("depends_on").index(j);
            if dep == &m.id {
                self.fail(path, format!("milestone `{dep}` cannot depend on itself"));
            } else {
                self.reference(path, dep, &ids.milestones, "milestone");
            }
        }
        self.range(at.key("percent_complete"), m.percent_complete, 0.0, 100.0);
        if !(m.planned_value.is_finite() && m.planned_value >= 0.0) {
            self.fail(
                at.key("planned_value"),
                "planned_value must be zero or more",
            );
        }
        self.raci(&at.key("raci"), &m.raci, ids);
    }

    fn raci(&mut self, at: &SourcePath, raci: &Raci, ids: &Ids<'_>) {
        self.optional_ref(
            at.key("accountable"),
            &raci.accountable,
            &ids.stakeholders,
            "stakeholder",
        );
        for (role, parties) in [
            ("responsible", &raci.responsible),
            ("consulted", &raci.consulted),
            ("informed", &raci.informed),
        ] {
            for (j, party) in parties.iter().enumerate() {
                if !ids.teams.contains(party.as_str()) && !ids.stakeholders.contains(party.as_str())
                {
                    self.fail(
                        at.key(role).index(j),
                        format!("no team or stakeholder has the id `{party}`"),
                    );
                }
            }
        }
    }

    /// Reports each dependency cycle once, at the milestone where it is first entered.
    fn cycles(&mut self, milestones: &[Milestone]) {
        if let Some(cycle) = crate::schedule::find_cycle(milestones) {
            let first = &cycle[0];
            let index = milestones.iter().position(|m| &m.id == first).unwrap_or(0);
            self.fail(
                SourcePath::root()
                    .key("milestones")
                    .index(index)
                    .key("depends_on"),
                format!("dependency cycle: {}", cycle.join(" → ")),
            );
        }
    }

    fn registers(&mut self, pack: &Pack, ids: &Ids<'_>) {
        let root = SourcePath::root();
        for (i, r) in pack.risks.iter().enumerate() {
            let at = root.key("risks").index(i);
            self.scale(at.key("likelihood"), r.likelihood);
            self.scale(at.key("impact"), r.impact);
            if let Some(v) = r.residual_likelihood {
                self.scale(at.key("residual_likelihood"), v);
            }
            if let Some(v) = r.residual_impact {
                self.scale(at.key("residual_impact"), v);
            }
            self.optional_ref(at.key("owner"), &r.owner, &ids.stakeholders, "stakeholder");
        }
        for (section, entries) in [
            ("assumptions", &pack.assumptions),
            ("issues", &pack.issues),
            ("decisions", &pack.decisions),
        ] {
            for (i, e) in entries.iter().enumerate() {
                self.optional_ref(
                    root.key(section).index(i).key("owner"),
                    &e.owner,
                    &ids.stakeholders,
                    "stakeholder",
                );
            }
        }
        for (i, s) in pack.stakeholders.iter().enumerate() {
            let at = root.key("stakeholders").index(i);
            self.scale(at.key("power"), s.power);
            self.scale(at.key("interest"), s.interest);
            if s.cadence_days == 0 {
                self.fail(at.key("cadence_days"), "cadence_days must be at least 1");
            }
        }
        for (i, c) in pack.communications.iter().enumerate() {
            let at = root.key("communications").index(i);
            if c.stakeholders.is_empty() {
                self.fail(
                    at.key("stakeholders"),
                    "a communication names at least one stakeholder",
                );
            }
            for (j, s) in c.stakeholders.iter().enumerate() {
                self.reference(
                    at.key("stakeholders").index(j),
                    s,
                    &ids.stakeholders,
                    "stakeholder",
                );
            }
            if let Some(f) = c.follow_up {
                self.forward(at.key("follow_up"), c.date, f, "the communication's date");
            }
        }
        for (i, k) in pack.kpis.iter().enumerate() {
            let at = root.key("kpis").index(i);
            self.optional_ref(at.key("owner"), &k.owner, &ids.stakeholders, "stakeholder");
            let ordered = match k.direction {
                Direction::Lower => k.target <= k.amber && k.amber <= k.red,
                Direction::Higher => k.target >= k.amber && k.amber >= k.red,
            };
            if !ordered {
                let order = match k.direction {
                    Direction::Lower => "target <= amber <= red when lower is better",
                    Direction::Higher => "target >= amber >= red when higher is better",
                };
                self.fail(
                    at.key("amber"),
                    format!("thresholds out of order: expected {order}"),
                );
            }
        }
        for (i, cost) in pack.costs.iter().enumerate() {
            let at = root.key("costs").index(i);
            if !(cost.amount.is_finite() && cost.amount > 0.0) {
                self.fail(at.key("amount"), "amount must be a positive number");
            }
            self.optional_ref(
                at.key("workstream"),
                &cost.workstream,
                &ids.workstreams,
                "workstream",
            );
        }
    }

    fn limits(&mut self, pack: &Pack) {
        let root = SourcePath::root();
        let sections = [
            ("milestones", pack.milestones.len()),
            ("risks", pack.risks.len()),
            ("stakeholders", pack.stakeholders.len()),
            ("communications", pack.communications.len()),
            ("kpis", pack.kpis.len()),
            ("costs", pack.costs.len()),
        ];
        for (section, count) in sections {
            if count > MAX_ITEMS {
                self.fail(
                    root.key(section),
                    format!("{count} items is over the limit of {MAX_ITEMS} per section"),
                );
            }
        }
        let measurements: usize = pack.kpis.iter().map(|k| k.measurements.len()).sum();
        if measurements > MAX_MEASUREMENTS {
            self.fail(
                root.key("kpis"),
                format!("{measurements} measurements is over the limit of {MAX_MEASUREMENTS}"),
            );
        }
    }
}
