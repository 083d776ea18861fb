//! The rules of a pack that its types cannot say: ranges, dates that run forward, ids that are
//! unique and exist, no dependency cycle, a rubric that names real things, and size limits.
//! The same rules guard every edit the app makes, so a program in the store always passes them.

use std::collections::HashSet;

use chrono::NaiveDate;

mod practice;

use super::locate::SourcePath;
use crate::model::{Milestone, PACK_FORMAT, Pack};
use crate::register::{Register, RegisterName, Target, with_register};

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
    /// Whether the pack holds what a reference names.
    fn has(&self, to: Target, key: &str) -> bool {
        let set = match to {
            Target::Party => return self.teams.contains(key) || self.stakeholders.contains(key),
            Target::Register(RegisterName::Goals) => &self.goals,
            Target::Register(RegisterName::Teams) => &self.teams,
            Target::Register(RegisterName::Workstreams) => &self.workstreams,
            Target::Register(RegisterName::Milestones) => &self.milestones,
            Target::Register(RegisterName::Risks) => &self.risks,
            Target::Register(RegisterName::Stakeholders) => &self.stakeholders,
            Target::Register(RegisterName::Kpis) => &self.kpis,
            Target::Register(_) => return false,
        };
        set.contains(key)
    }

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

/// Collects problems, each at its path; the rules of one item write into it.
#[derive(Default)]
pub struct Checker {
    pub(crate) found: Found,
}

impl Checker {
    pub fn fail(&mut self, path: SourcePath, message: impl Into<String>) {
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

    pub fn range(&mut self, path: SourcePath, value: f64, lo: f64, hi: f64) {
        if !(lo..=hi).contains(&value) {
            self.fail(
                path,
                format!("{value} is out of range: expected {lo} to {hi}"),
            );
        }
    }

    pub fn scale(&mut self, path: SourcePath, value: u8) {
        self.range(path, f64::from(value), 1.0, 5.0);
    }

    pub fn forward(&mut self, path: SourcePath, from: NaiveDate, to: NaiveDate, what: &str) {
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

    /// Every item of every register: its own rules, and that what it names exists.
    fn registers(&mut self, pack: &Pack, ids: &Ids<'_>) {
        for &name in RegisterName::ALL {
            with_register!(name, R => self.register::<R>(pack, ids));
        }
        self.cycles(&pack.milestones);
    }

    fn register<R: Register>(&mut self, pack: &Pack, ids: &Ids<'_>) {
        // owned items (readings) live inside their owners in a pack and are read with them
        if R::PARENT.is_some() {
            return;
        }
        let root = SourcePath::root().key(R::NAME.name());
        for (i, item) in R::items(pack).enumerate() {
            let at = root.index(i);
            R::check(&item, &at, self);
            for r in R::references(&item) {
                if !ids.has(r.to, &r.key) {
                    self.missing(at.join(&r.field), r.to, &r.key);
                }
            }
        }
    }

    /// `no stakeholder has the id `S9``.
    pub(crate) fn missing(&mut self, path: SourcePath, to: Target, key: &str) {
        self.fail(path, format!("no {} has the id `{key}`", to.noun()));
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

    fn limits(&mut self, pack: &Pack) {
        for &name in RegisterName::ALL {
            let count = with_register!(name, R => R::items(pack).count());
            if let Some(message) = over_limit(name, count) {
                let at = match name {
                    RegisterName::Measurements => RegisterName::Kpis.name(),
                    other => other.name(),
                };
                self.fail(SourcePath::root().key(at), message);
            }
        }
    }
}

/// Most items a register may hold: readings are many, everything else has one limit.
pub fn item_limit(register: RegisterName) -> usize {
    match register {
        RegisterName::Measurements => MAX_MEASUREMENTS,
        _ => MAX_ITEMS,
    }
}

/// Says so when `count` items is over the register's limit.
pub fn over_limit(register: RegisterName, count: usize) -> Option<String> {
    let limit = item_limit(register);
    (count > limit).then(|| format!("{count} {} is over the limit of {limit}", register.name()))
}
