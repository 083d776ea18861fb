//! An attempt as xAPI 1.0.3 statements, for a learning record store (LRS). The profile (verbs,
//! activity types, extensions and their IRIs) is written down in `docs/xapi.md`.
//!
//! One attempt gives, in the order they happened: *launched* (the attempt started),
//! *experienced* (each scenario event that reached the inbox), *interacted* (each learner action
//! in effect), *reported* (each week's status report, as last revised) and *completed* (the
//! attempt finished, with its scores).
//!
//! Statement ids are UUIDs derived from the attempt (its learner, pack and start) and the step,
//! so the same attempt sent twice gives the same ids and an LRS stores nothing twice. Only a
//! finished attempt is made into statements: until then a report can still be revised, and
//! its statement would change under the same id.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde_json::{Map, Value, json};

use super::StatusReport;
use super::file::{AttemptFile, AttemptRecord, RealTimes, replay};
use super::rubric::{LearnerAction, Scored};
use crate::model::Pack;
use crate::store::write::source_pack;
use crate::{Error, Result, Store};

/// The profile's own IRIs start with this.
pub const PROFILE: &str = "https://flightdeck.dev/xapi";
/// The xAPI version the statements are written for.
pub const XAPI_VERSION: &str = "1.0.3";

mod settings;
pub use settings::{LrsSettings, LrsState, Sent};

const ADL_VERBS: &str = "http://adlnet.gov/expapi/verbs";
const SIMULATION: &str = "http://adlnet.gov/expapi/activities/simulation";

/// What the trainer sets: where the activity ids live and whose accounts the learners have.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The IRI the activity ids start with, such as `https://training.example.org/flightdeck`;
    /// when absent, the pack's `[scenario] xapi_namespace`.
    pub namespace: Option<String>,
    /// The account's system, such as `https://lms.example.org`.
    pub home_page: String,
    /// The account name; the learner's name when absent.
    pub account: Option<String>,
}

impl Options {
    /// Refuses a namespace or home page that is not an absolute http(s) address.
    pub fn check(&self) -> Result<()> {
        let namespace = self.namespace.iter().map(|iri| ("namespace", iri));
        for (what, iri) in namespace.chain([("home page", &self.home_page)]) {
            if !is_web_address(iri) {
                return Err(Error::Conflict(format!(
                    "the xAPI {what} `{iri}` is not an absolute http(s) address, such as https://training.example.org/flightdeck"
                )));
            }
        }
        Ok(())
    }

    /// The namespace: the trainer's, else the pack's.
    fn namespace<'a>(&'a self, pack: &'a Pack) -> Result<&'a str> {
        self.namespace
            .as_deref()
            .or_else(|| pack.scenario.as_ref()?.xapi_namespace.as_deref())
            .ok_or_else(|| {
                Error::Conflict(format!(
                    "no xAPI namespace for “{}”: give one (such as https://training.example.org/flightdeck), or set `xapi_namespace` in its pack's [scenario]",
                    pack.program.name
                ))
            })
    }
}

/// An absolute http(s) address with a host and no spaces: what an IRI here must be.
pub fn is_web_address(iri: &str) -> bool {
    let rest = iri
        .strip_prefix("https://")
        .or_else(|| iri.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && !r.contains(char::is_whitespace))
}

/// The statements of a finished attempt, in the order they happened.
pub fn statements(
    pack: &Pack,
    record: &AttemptRecord,
    scored: &Scored,
    options: &Options,
) -> Result<Vec<Value>> {
    options.check()?;
    let Some(finished_at) = record.finished_at.as_deref() else {
        return Err(Error::Conflict(format!(
            "{}'s attempt is still being played: finish it before sending it",
            record.learner
        )));
    };
    let none = RealTimes::default();
    let times = record.real_times.as_ref().unwrap_or(&none);
    let attempt = Attempt::new(pack, record, options)?;

    // (real time, simulated day, statement): events before the actions they prompt on the
    // same day, reports after them
    let mut steps: Vec<(String, NaiveDate, u8, Value)> = Vec::new();
    for (event, day) in &record.fired {
        let at = real_time(times.events.get(event), &record.started_at);
        steps.push((
            at.clone(),
            *day,
            0,
            attempt.experienced(pack, event, *day, &at),
        ));
    }
    for (n, action) in record.actions.iter().enumerate() {
        let at = real_time(
            times.actions.get(&action.id.to_string()),
            &record.started_at,
        );
        steps.push((
            at.clone(),
            action.at_sim,
            1,
            attempt.interacted(n + 1, action, &at),
        ));
    }
    for report in &record.reports {
        let at = real_time(times.reports.get(&report.week.to_string()), finished_at);
        steps.push((at.clone(), report.at_sim, 2, attempt.reported(report, &at)));
    }
    steps.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));

    let mut out = Vec::with_capacity(steps.len() + 2);
    let start = pack.program.as_of();
    out.push(attempt.statement(
        "launched",
        adl("launched"),
        attempt.program.clone(),
        &timestamp(&record.started_at),
        start,
    ));
    out.extend(steps.into_iter().map(|(.., statement)| statement));
    out.push(attempt.completed(scored, &timestamp(finished_at), record.clock));
    Ok(out)
}

/// A step's real time; a version 1 attempt file has none, and then the step is dated with
/// `fallback` (the attempt's start, or its finish for a report).
fn real_time(at: Option<&String>, fallback: &str) -> String {
    timestamp(at.map_or(fallback, String::as_str))
}

/// RFC 3339 in UTC to the millisecond, as xAPI asks; a time that cannot be read is kept.
fn timestamp(at: &str) -> String {
    DateTime::parse_from_rfc3339(at).map_or_else(
        |_| at.to_string(),
        |t| {
            t.with_timezone(&Utc)
                .to_rfc3339_opts(SecondsFormat::Millis, true)
        },
    )
}

/// What every statement of one attempt shares.
struct Attempt {
    actor: Value,
    registration: uuid::Uuid,
    program: Value,
    program_iri: String,
}

impl Attempt {
    fn new(pack: &Pack, record: &AttemptRecord, options: &Options) -> Result<Attempt> {
        let base = options.namespace(pack)?.trim_end_matches('/');
        let program_iri = format!("{base}/{}", segment(&record.program));
        let seed = format!(
            "{}\n{}\n{}",
            record.learner, record.pack_sha256, record.started_at
        );
        let registration = uuid::Uuid::new_v5(&profile_uuid(), seed.as_bytes());
        Ok(Attempt {
            actor: json!({
                "objectType": "Agent",
                "name": record.learner,
                "account": {
                    "homePage": options.home_page,
                    "name": options.account.as_deref().unwrap_or(&record.learner),
                },
            }),
            registration,
            program: activity(&program_iri, SIMULATION, &pack.program.name),
            program_iri,
        })
    }

    fn statement(
        &self,
        step: &str,
        verb: (String, &str),
        object: Value,
        at: &str,
        day: NaiveDate,
    ) -> Value {
        let (verb_iri, verb_word) = verb;
        let mut context = json!({
            "registration": self.registration.to_string(),
            "platform": format!("Flightdeck {}", env!("CARGO_PKG_VERSION")),
            "extensions": { extension("simulated-date"): day.to_string() },
        });
        if object["id"] != self.program["id"] {
            context["contextActivities"] =
                json!({ "parent": [{ "id": self.program_iri, "objectType": "Activity" }] });
        }
        json!({
            "id": uuid::Uuid::new_v5(&self.registration, step.as_bytes()).to_string(),
            "actor": self.actor,
            "verb": { "id": verb_iri, "display": { "en-US": verb_word } },
            "object": object,
            "context": context,
            "timestamp": at,
            "version": XAPI_VERSION,
        })
    }

    fn experienced(&self, pack: &Pack, event: &str, day: NaiveDate, at: &str) -> Value {
        let title = pack
            .scenario
            .as_ref()
            .and_then(|s| s.events.iter().find(|e| e.id == event))
            .map_or(event, |e| e.title.as_str());
        let iri = format!("{}/events/{}", self.program_iri, segment(event));
        let object = activity(&iri, &own("activity-types/scenario-event"), title);
        self.statement(
            &format!("event/{event}"),
            adl("experienced"),
            object,
            at,
            day,
        )
    }

    /// The `n`th action in effect (from 1): numbered by its place in the record, which an
    /// attempt file imported elsewhere keeps, unlike its row id.
    fn interacted(&self, n: usize, action: &LearnerAction, at: &str) -> Value {
        let (register, key) = action
            .changes
            .first()
            .map_or((String::new(), String::new()), |c| {
                (
                    c.register.to_string(),
                    c.key().unwrap_or_default().to_string(),
                )
            });
        let iri = format!(
            "{}/{}/{}",
            self.program_iri,
            segment(&register),
            segment(&key)
        );
        let object = activity(&iri, &own("activity-types/register-item"), &action.target);
        let items: Vec<String> = action
            .changes
            .iter()
            .map(|c| format!("{}/{}", c.register, c.key().unwrap_or_default()))
            .collect();
        let kind = serde_json::to_value(action.kind).unwrap_or(Value::Null);
        let mut s = self.statement(
            &format!("action/{n}"),
            adl("interacted"),
            object,
            at,
            action.at_sim,
        );
        s["result"] = json!({ "extensions": {
            extension("register"): register,
            extension("key"): key,
            extension("kind"): kind,
            extension("items"): items,
        }});
        s
    }

    fn reported(&self, report: &StatusReport, at: &str) -> Value {
        let iri = format!("{}/status/week-{}", self.program_iri, report.week);
        let name = format!("Status report, week {}", report.week);
        let object = activity(&iri, &own("activity-types/status-report"), &name);
        let mut s = self.statement(
            &format!("report/{}", report.week),
            (own("verbs/reported"), "reported"),
            object,
            at,
            report.at_sim,
        );
        s["result"] = json!({
            "response": report.note,
            "extensions": {
                extension("week"): report.week,
                extension("overall"): report.overall,
                extension("kpis"): report.kpis,
            },
        });
        s
    }

    fn completed(&self, scored: &Scored, at: &str, clock: NaiveDate) -> Value {
        let mut s = self.statement(
            "completed",
            adl("completed"),
            self.program.clone(),
            at,
            clock,
        );
        let mut extensions = Map::new();
        for r in &scored.responsibilities {
            let name = serde_json::to_value(r.responsibility).unwrap_or(Value::Null);
            let name = name.as_str().unwrap_or_default();
            extensions.insert(
                extension(&format!("score/{name}")),
                json!({ "met": r.score.met, "possible": r.score.possible, "scaled": scaled(r.score.percent) }),
            );
        }
        s["result"] = json!({
            "completion": true,
            "score": {
                "scaled": scaled(scored.total.percent),
                "raw": scored.total.met,
                "min": 0,
                "max": scored.total.possible,
            },
            "extensions": extensions,
        });
        s
    }
}

/// A percentage as xAPI's scaled score, −1 to 1, to four places.
fn scaled(percent: f64) -> f64 {
    (percent * 100.0).round() / 10_000.0
}

fn activity(iri: &str, kind: &str, name: &str) -> Value {
    json!({
        "objectType": "Activity",
        "id": iri,
        "definition": { "type": kind, "name": { "en-US": name } },
    })
}

fn adl(verb: &str) -> (String, &str) {
    (format!("{ADL_VERBS}/{verb}"), verb)
}

fn own(path: &str) -> String {
    format!("{PROFILE}/{path}")
}

fn extension(name: &str) -> String {
    own(&format!("extensions/{name}"))
}

/// The UUID every registration is derived from.
fn profile_uuid() -> uuid::Uuid {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, PROFILE.as_bytes())
}

/// A key as one IRI path segment: unreserved characters kept, the rest percent-encoded.
fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

impl Store {
    /// The statements of a finished attempt in this database.
    pub fn xapi_statements(&self, id: i64, options: &Options) -> Result<Vec<Value>> {
        let file = self.attempt_file(id)?;
        let (_, pack) = source_pack(self.conn(), id)?;
        let scored = self.debrief(id)?.scored;
        statements(&pack, &file.record, &scored, options)
    }

    /// The statements of an attempt file made on a program loaded here. The file is scored by
    /// replaying it on that program's pack in a scratch store, as `grade` does; its real times
    /// are the file's own.
    pub fn xapi_file_statements(
        &self,
        file: &AttemptFile,
        options: &Options,
    ) -> Result<Vec<Value>> {
        let program = self.find_program(&file.record.program).map_err(|_| {
            Error::Conflict(format!(
                "the attempt was made on “{}”, which is not loaded: import its pack first",
                file.record.program
            ))
        })?;
        let (_, pack) = source_pack(self.conn(), program)?;
        let mut scratch = Store::open_in_memory()?;
        let loaded = scratch.import(&pack)?;
        let id = replay(&mut scratch, loaded, &file.record)?;
        let scored = scratch.debrief(id)?.scored;
        statements(&pack, &file.record, &scored, options)
    }
}
