//! The register subcommands: list items, read the history, and the domain actions (record a
//! reading, log a communication, update progress), each a call into flightdeck-core.

use std::process::ExitCode;

use chrono::NaiveDate;
use flightdeck_core::edit::{Action, Progress};
use flightdeck_core::model::{Communication, name_of};
use flightdeck_core::register::RegisterName;
use flightdeck_core::register::list::{ItemQuery, SortDirection};
use flightdeck_core::{Result, Store};

use crate::Db;
use crate::commands::{open, open_to_read};

#[derive(clap::Args)]
pub struct ItemsArgs {
    program: String,
    /// goals, teams, workstreams, milestones, risks, assumptions, issues, decisions,
    /// stakeholders, communications, kpis, measurements or costs
    register: String,
    /// Only items containing this text
    #[arg(long)]
    filter: Option<String>,
    /// Only items whose FIELD is VALUE, e.g. --where status=open (repeatable)
    #[arg(long = "where", value_name = "FIELD=VALUE")]
    equals: Vec<String>,
    /// Sort by this field
    #[arg(long)]
    sort: Option<String>,
    /// Sort descending
    #[arg(long)]
    desc: bool,
    #[arg(long)]
    limit: Option<u32>,
    #[arg(long, default_value_t = 0)]
    offset: u32,
}

#[derive(clap::Args)]
pub struct RecordArgs {
    program: String,
    #[arg(long, value_name = "ID")]
    kpi: String,
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: NaiveDate,
    #[arg(long, allow_negative_numbers = true)]
    value: f64,
}

#[derive(clap::Args)]
pub struct LogArgs {
    program: String,
    /// Who took part (repeatable)
    #[arg(long = "stakeholder", value_name = "ID", required = true)]
    stakeholders: Vec<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: NaiveDate,
    #[arg(long, default_value = "")]
    channel: String,
    #[arg(long)]
    summary: String,
    #[arg(long, default_value = "")]
    decisions: String,
    #[arg(long, value_name = "YYYY-MM-DD")]
    follow_up: Option<NaiveDate>,
}

#[derive(clap::Args)]
pub struct ProgressArgs {
    program: String,
    #[arg(long, value_name = "ID")]
    milestone: String,
    /// Percent complete, 0–100
    #[arg(long)]
    percent: f64,
    #[arg(long, value_name = "YYYY-MM-DD")]
    started: Option<NaiveDate>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    finished: Option<NaiveDate>,
}

/// An action as the command line reports it: `put risks/R3`.
pub fn line(action: &Action) -> String {
    format!("{} {}", name_of(&action.kind), action.target)
}

/// Opens the store, finds the program, runs one action and prints it.
pub fn act(
    db: Db,
    program: &str,
    work: impl FnOnce(&mut Store, i64) -> Result<Action>,
) -> Result<ExitCode> {
    let mut store = open(db)?;
    let id = store.find_program(program)?;
    println!("{}", line(&work(&mut store, id)?));
    Ok(ExitCode::SUCCESS)
}

pub fn items(db: Db, args: ItemsArgs, json: bool) -> Result<ExitCode> {
    let store = open_to_read(db)?;
    let id = store.find_program(&args.program)?;
    let mut equals = Vec::new();
    for pair in &args.equals {
        let (field, value) = pair.split_once('=').ok_or_else(|| {
            flightdeck_core::Error::Conflict(format!("--where {pair}: expected FIELD=VALUE"))
        })?;
        equals.push((field.to_string(), value.to_string()));
    }
    let query = ItemQuery {
        text: args.filter,
        equals,
        sort: args.sort,
        direction: if args.desc {
            SortDirection::Desc
        } else {
            SortDirection::Asc
        },
        offset: args.offset,
        limit: args.limit,
        ..ItemQuery::all(RegisterName::parse(&args.register)?)
    };
    let page = store.list_items(id, &query)?;
    if json {
        let text = serde_json::to_string_pretty(&page)
            .map_err(|e| flightdeck_core::Error::Conflict(e.to_string()))?;
        println!("{text}");
    } else {
        for row in &page.rows {
            println!("{}\t{}", row.key, row.title);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn history(db: Db, program: &str) -> Result<ExitCode> {
    let store = open_to_read(db)?;
    let id = store.find_program(program)?;
    for a in store.history(id)? {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            a.at_real,
            a.at_sim,
            name_of(&a.state),
            name_of(&a.kind),
            a.target,
            a.in_words
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn record(db: Db, a: RecordArgs) -> Result<ExitCode> {
    act(db, &a.program, |store, id| {
        store.record_measurement(id, &a.kpi, a.date, a.value)
    })
}

pub fn log(db: Db, a: LogArgs) -> Result<ExitCode> {
    let entry = Communication {
        date: a.date,
        stakeholders: a.stakeholders,
        channel: a.channel,
        summary: a.summary,
        decisions: a.decisions,
        follow_up: a.follow_up,
    };
    act(db, &a.program, |store, id| {
        store.log_communication(id, &entry)
    })
}

pub fn progress(db: Db, a: ProgressArgs) -> Result<ExitCode> {
    let progress = Progress {
        percent_complete: a.percent,
        actual_start: a.started,
        actual_finish: a.finished,
    };
    act(db, &a.program, |store, id| {
        store.update_progress(id, &a.milestone, &progress)
    })
}
