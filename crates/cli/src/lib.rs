//! flightdeck-cli: the trainer's and the script's way into Flightdeck, over flightdeck-core.
//! Output goes to stdout, errors to stderr with a non-zero exit; files are written whole or
//! not at all.
//!
//! A library with one entry, `run`, so that the app's binary can be the command line too when
//! it is called `flightdeck-cli` (the Linux package links that name to it).

mod commands;
mod practice;
mod registers;
mod show;
mod xapi;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "flightdeck-cli",
    version,
    about = "Validate, import and export Flightdeck program packs"
)]
struct Cli {
    #[command(flatten)]
    db: Db,
    /// Print a failing command's error on stderr as one JSON object {kind, message, problems}
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

/// Which database, and whether its folder may be made.
#[derive(clap::Args, Clone, Debug)]
pub struct Db {
    /// The database to use (default: $FLIGHTDECK_DB, else the app's own database)
    #[arg(long = "db", global = true, value_name = "PATH")]
    path: Option<PathBuf>,
    /// Make the database's folder when it does not exist; without it a --db path in a folder
    /// that does not exist is refused as mistyped
    #[arg(long, global = true)]
    create: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Check pack files; prints `ok` per good file, or every problem as file:line:column
    Validate {
        #[arg(required = true, value_name = "PACK")]
        packs: Vec<PathBuf>,
    },
    /// Import a pack as a new program; prints the program's id
    Import {
        #[arg(value_name = "PACK")]
        pack: PathBuf,
        /// When the program is loaded already: replace it (its history goes too)
        #[arg(long, conflicts_with = "keep_both")]
        replace: bool,
        /// When the program is loaded already: import it again under a numbered id
        #[arg(long)]
        keep_both: bool,
    },
    /// List the programs in the database
    List,
    /// A program's overview and derived figures
    Show {
        /// Program id or slug
        program: String,
    },
    /// Write a program out
    #[command(subcommand)]
    Export(Export),
    /// Apply one edit given as JSON: '{"op":"put","register":"risks","item":{…}}' or
    /// '{"op":"remove","register":"risks","key":"R3"}'
    Edit {
        program: String,
        #[arg(value_name = "JSON")]
        edit: String,
    },
    /// List a register's items: key and title, or with --json the page as JSON
    Items(registers::ItemsArgs),
    /// The program's action record, oldest first, one action a line, tab-separated: when (UTC),
    /// the simulated date, done or undone, the kind, what it changed (`risks/R3`) and the same
    /// in words ("risk R3")
    History { program: String },
    /// Take back the program's latest action
    Undo { program: String },
    /// Do again the program's latest undone action
    Redo { program: String },
    /// Remove a program and everything in it (a backup is taken first)
    Remove { program: String },
    /// Put a program back as its pack had it
    Reset { program: String },
    /// Record a KPI reading
    Record(registers::RecordArgs),
    /// Log a communication with one or more stakeholders
    Log(registers::LogArgs),
    /// Mark a risk realised and open the issue it became
    Realise {
        program: String,
        #[arg(long, value_name = "ID")]
        risk: String,
    },
    /// Make the current plan the baseline, of one milestone or of all
    Rebaseline {
        program: String,
        #[arg(long, value_name = "ID")]
        milestone: Option<String>,
    },
    /// Update a milestone's percent complete and actual dates
    Progress(registers::ProgressArgs),
    /// Practise a program's scenario: start, inbox, advance, report, finish, debrief
    #[command(subcommand)]
    Practice(practice::Practice),
    /// Hand in or open an attempt file
    #[command(subcommand)]
    Attempt(practice::AttemptCommand),
    /// Grade attempt files (or folders of them) against a pack, replaying each; writes one
    /// CSV row per attempt and exits with how many could not be graded
    Grade {
        #[arg(long, value_name = "PACK")]
        pack: PathBuf,
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long, value_name = "CSV")]
        out: PathBuf,
    },
    /// Finished attempts as xAPI statements: sent to a learning record store, or written to a
    /// file. Nothing is ever sent unless this is run
    #[command(subcommand)]
    Xapi(xapi::Xapi),
    /// The database's backups, taken before every import, removal and restore
    #[command(subcommand)]
    Backups(Backups),
    /// Write a valid synthetic pack of the given size, for benchmarks, or with --history-years
    /// a long program joined one year before its end
    GenPack {
        #[command(flatten)]
        sizes: PackSizes,
        /// Instead, a program this many years long with all but the last behind it: finished
        /// and long-running milestones, a budget of hundreds of millions, stakeholders never
        /// contacted (the sizes are then ignored)
        #[arg(long, value_name = "YEARS", value_parser = clap::value_parser!(u32).range(2..=30))]
        history_years: Option<u32>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
enum Backups {
    /// List them, newest first: name, when, why, programs held, size
    List,
    /// Put one back; the database as it is now is backed up first. Works on a database too
    /// damaged to open, which is then kept aside as `….damaged-STAMP`
    Restore {
        /// The backup's name, as `backups list` shows it
        name: String,
    },
}

#[derive(Subcommand)]
enum Export {
    /// As a pack file (TOML, or JSON when FILE ends in .json)
    Pack {
        program: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// A register or log as CSV
    Csv {
        program: String,
        /// Any register (goals, teams, workstreams, milestones, risks, assumptions, issues,
        /// decisions, stakeholders, communications, kpis, measurements, costs) or evm
        #[arg(long)]
        what: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Start the file with a UTF-8 byte-order mark, for Excel
        #[arg(long)]
        bom: bool,
    },
    /// A chart as PNG (or SVG when FILE ends in .svg)
    Png {
        program: String,
        /// gantt, heatmap, stakeholders, kpi:ID, evm or report (the one-page status report)
        #[arg(long)]
        chart: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long)]
        width: Option<u32>,
        #[arg(long)]
        height: Option<u32>,
    },
    /// The one-page status report as PNG
    Report {
        program: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// How many of each item `gen-pack` writes; the defaults are the benchmark's pack.
#[derive(clap::Args)]
struct PackSizes {
    #[arg(long, default_value_t = 5000)]
    milestones: usize,
    #[arg(long, default_value_t = 2000)]
    risks: usize,
    #[arg(long, default_value_t = 500)]
    stakeholders: usize,
    #[arg(long, default_value_t = 20000)]
    communications: usize,
    #[arg(long, default_value_t = 200)]
    kpis: usize,
    /// Measurements per KPI
    #[arg(long, default_value_t = 500)]
    points: usize,
}

/// Parses the process's arguments and runs the command: what `flightdeck-cli` does.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) if json => {
            let payload = flightdeck_core::ipc::ErrorPayload::from(&e);
            match serde_json::to_string(&payload) {
                Ok(text) => eprintln!("{text}"),
                Err(_) => eprintln!("flightdeck-cli: {e}"),
            }
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("flightdeck-cli: {e}");
            if e.cannot_write() {
                eprintln!(
                    "flightdeck-cli: the database cannot be written where it is (a read-only \
                     file or folder, or a full disk); commands that only read still work"
                );
            }
            if matches!(e, flightdeck_core::Error::Corrupt { .. }) {
                eprintln!(
                    "flightdeck-cli: `flightdeck-cli backups list` shows the backups, and \
                     `flightdeck-cli backups restore NAME` puts one back"
                );
            }
            ExitCode::FAILURE
        }
    }
}
