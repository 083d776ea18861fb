//! `practice`: start an attempt, read its inbox, move its clock, write the weekly status,
//! finish it and read the debrief. Every register command takes an attempt's key like a
//! program's.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use flightdeck_core::model::Rag;
use flightdeck_core::practice::{Attempt, Debrief, StatusDraft};
use flightdeck_core::{Error, Result, Store};

use crate::Db;
use crate::commands::open;

#[derive(Subcommand)]
pub enum Practice {
    /// Start an attempt on a program's scenario; prints the attempt's key
    Start {
        /// Program id or slug
        program: String,
        #[arg(long, value_name = "NAME")]
        learner: String,
    },
    /// List the attempts, of one program when given
    List { program: Option<String> },
    /// The events that reached the attempt's inbox
    Inbox { attempt: String },
    /// Move the attempt's clock forward; the events of each week that starts fire
    Advance {
        attempt: String,
        #[arg(long, default_value_t = 7)]
        days: u32,
    },
    /// Write (or revise) this week's status report
    Report {
        attempt: String,
        /// green, amber or red
        #[arg(long, value_parser = rag)]
        overall: Rag,
        /// A KPI's colour, as ID=RAG; repeat for each KPI
        #[arg(long = "kpi", value_name = "ID=RAG", value_parser = kpi_rag)]
        kpis: Vec<(String, Rag)>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// End the attempt; it is read-only afterwards
    Finish { attempt: String },
    /// Every rubric item met or missed, with evidence, and the scores
    Debrief {
        attempt: String,
        /// Also write the debrief's items as CSV
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Also write the debrief as a one-page PNG
        #[arg(long, value_name = "FILE")]
        png: Option<PathBuf>,
    },
}

fn rag(text: &str) -> std::result::Result<Rag, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "green" => Ok(Rag::Green),
        "amber" => Ok(Rag::Amber),
        "red" => Ok(Rag::Red),
        other => Err(format!(
            "`{other}` is not a colour: use green, amber or red"
        )),
    }
}

fn kpi_rag(text: &str) -> std::result::Result<(String, Rag), String> {
    let (kpi, colour) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not ID=RAG, such as lead-time=red"))?;
    Ok((kpi.trim().to_string(), rag(colour)?))
}

/// The attempt with this key (or program id); refuses a program that is not an attempt.
fn find(store: &Store, key: &str) -> Result<Attempt> {
    store.attempt(store.find_program(key)?)
}

pub fn run(db: Db, command: Practice, json: bool) -> Result<ExitCode> {
    let mut store = open(db)?;
    match command {
        Practice::Start { program, learner } => {
            let id = store.find_program(&program)?;
            let attempt = store.start_attempt(id, &learner)?;
            println!("{}", attempt.key);
            for entry in store.inbox(attempt.id)? {
                eprintln!("inbox: {} {}", entry.event, entry.title);
            }
        }
        Practice::List { program } => {
            for a in store.attempts(program.as_deref())? {
                let state = if a.finished() { "finished" } else { "playing" };
                println!(
                    "{}\t{}\t{}\tweek {} of {}\t{state}",
                    a.key, a.learner, a.of_program, a.week, a.weeks
                );
            }
        }
        Practice::Inbox { attempt } => {
            let attempt = find(&store, &attempt)?;
            let inbox = store.inbox(attempt.id)?;
            if json {
                print_json(&inbox)?;
            } else {
                for e in inbox {
                    println!(
                        "{} · week {} · {}: {}",
                        e.fired_on, e.week, e.event, e.title
                    );
                    if !e.narrative.trim().is_empty() {
                        println!("  {}", e.narrative.trim());
                    }
                    for line in e.changed {
                        println!("  - {line}");
                    }
                }
            }
        }
        Practice::Advance { attempt, days } => {
            let attempt = find(&store, &attempt)?;
            let fired = store.advance(attempt.id, days)?;
            let now = store.attempt(attempt.id)?;
            println!("{} · week {} of {}", now.clock, now.week, now.weeks);
            for e in fired {
                println!("new in the inbox: {} {}", e.event, e.title);
            }
        }
        Practice::Report {
            attempt,
            overall,
            kpis,
            note,
        } => {
            let attempt = find(&store, &attempt)?;
            let draft = StatusDraft {
                overall,
                kpis: kpis.into_iter().collect::<BTreeMap<_, _>>(),
                note,
            };
            let report = store.report_status(attempt.id, &draft)?;
            println!("week {} status: {}", report.week, report.overall.word());
        }
        Practice::Finish { attempt } => {
            let attempt = find(&store, &attempt)?;
            let done = store.finish_attempt(attempt.id)?;
            println!(
                "finished {} on {} (week {})",
                done.key, done.clock, done.week
            );
        }
        Practice::Debrief { attempt, csv, png } => {
            let attempt = find(&store, &attempt)?;
            let debrief = store.debrief(attempt.id)?;
            if let Some(out) = csv {
                store.export_debrief_csv(attempt.id, &out)?;
            }
            if let Some(out) = png {
                store.export_debrief_png(attempt.id, &out)?;
            }
            if json {
                print_json(&debrief)?;
            } else {
                print!("{}", debrief_text(&debrief));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_json(value: &impl serde::Serialize) -> Result<()> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Error::Conflict(format!("cannot write JSON: {e}")))?;
    println!("{text}");
    Ok(())
}

fn debrief_text(d: &Debrief) -> String {
    use std::fmt::Write;
    let s = &d.scored;
    let mut out = format!(
        "{} · {} · {}\ntotal {:.0}% ({} of {} points)\n",
        d.attempt.learner,
        d.attempt.program_name,
        if d.attempt.finished() {
            "finished"
        } else {
            "in play"
        },
        s.total.percent,
        s.total.met,
        s.total.possible
    );
    for r in &s.responsibilities {
        let name = flightdeck_core::model::name_of(&r.responsibility);
        let _ = writeln!(
            out,
            "  {name:<14} {:>4.0}% ({} of {})",
            r.score.percent, r.score.met, r.score.possible
        );
    }
    for item in &s.items {
        let mark = if item.met { "met   " } else { "missed" };
        let _ = writeln!(
            out,
            "{mark} {} ({} points) {}",
            item.id, item.points, item.expected
        );
        let _ = writeln!(out, "       {}", item.evidence);
        if !item.explain.trim().is_empty() {
            let _ = writeln!(out, "       why: {}", item.explain.trim());
        }
    }
    out
}

#[derive(Subcommand)]
pub enum AttemptCommand {
    /// Write an attempt as one .fdattempt file to hand in
    Export {
        attempt: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Import a learner's attempt file (its program must be loaded); prints its key
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

pub fn attempt(db: Db, command: AttemptCommand) -> Result<ExitCode> {
    let mut store = open(db)?;
    match command {
        AttemptCommand::Export { attempt, out } => {
            let attempt = find(&store, &attempt)?;
            store.export_attempt(attempt.id, &out)?;
        }
        AttemptCommand::Import { file } => {
            let id = store.import_attempt(&file)?;
            println!("{}", store.attempt(id)?.key);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The .fdattempt files in a folder, in name order.
pub fn attempt_files_in(folder: &std::path::Path) -> Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|e| Error::io(format!("cannot read the folder {}", folder.display()), e))?
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "fdattempt"))
        .collect();
    found.sort();
    Ok(found)
}

/// Grades attempt files (and the .fdattempt files in folders) against a pack into one CSV;
/// the exit code is how many could not be graded (at most 255).
pub fn grade(
    pack: &std::path::Path,
    inputs: &[PathBuf],
    out: &std::path::Path,
) -> Result<ExitCode> {
    use flightdeck_core::export::{Cell, Table};
    use flightdeck_core::model::Responsibility;
    let pack = flightdeck_core::pack::read_file(pack)?;
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            files.extend(attempt_files_in(input)?);
        } else {
            files.push(input.clone());
        }
    }
    let grades = flightdeck_core::practice::file::grade(&pack, &files)?;
    let areas = [
        Responsibility::Planning,
        Responsibility::Stakeholders,
        Responsibility::Risk,
        Responsibility::Collaboration,
        Responsibility::Performance,
    ];
    let rows = grades
        .iter()
        .map(|g| {
            let mut row = vec![
                Cell::from(g.learner.as_deref().unwrap_or("")),
                Cell::from(g.file.as_str()),
            ];
            let percent = |area: Responsibility| {
                g.scored
                    .as_ref()
                    .and_then(|s| s.responsibilities.iter().find(|r| r.responsibility == area))
                    .map_or(Cell::from(""), |r| Cell::Number(round(r.score.percent)))
            };
            row.extend(areas.map(percent));
            match &g.scored {
                Some(s) => {
                    let ids = |met: bool| {
                        s.items
                            .iter()
                            .filter(|i| i.met == met)
                            .map(|i| i.id.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    };
                    row.extend([
                        Cell::Number(round(s.total.percent)),
                        Cell::from(ids(true).as_str()),
                        Cell::from(ids(false).as_str()),
                        Cell::from(""),
                    ]);
                }
                None => row.extend([
                    Cell::from(""),
                    Cell::from(""),
                    Cell::from(""),
                    Cell::from(g.problem.as_deref().unwrap_or("")),
                ]),
            }
            row
        })
        .collect();
    let table = Table {
        header: vec![
            "learner",
            "file",
            "planning",
            "stakeholders",
            "risk",
            "collaboration",
            "performance",
            "total",
            "met",
            "missed",
            "problem",
        ],
        rows,
    };
    flightdeck_core::files::write_atomically(out, &flightdeck_core::export::csv(&table, false)?)?;
    let failed = grades.iter().filter(|g| g.problem.is_some()).count();
    for g in grades.iter().filter(|g| g.problem.is_some()) {
        eprintln!("{}: {}", g.file, g.problem.as_deref().unwrap_or(""));
    }
    println!(
        "graded {} of {} attempts into {}",
        grades.len() - failed,
        grades.len(),
        out.display()
    );
    Ok(ExitCode::from(u8::try_from(failed).unwrap_or(u8::MAX)))
}

/// A percentage to one decimal, as the gradebook shows it.
fn round(percent: f64) -> f64 {
    (percent * 10.0).round() / 10.0
}
