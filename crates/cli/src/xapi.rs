//! `xapi send` and `xapi export`: finished attempts as xAPI statements, sent to a learning
//! record store or written to a file. Nothing is sent unless these commands are run.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use flightdeck_core::practice::file::read_attempt;
use flightdeck_core::practice::lrs::Lrs;
use flightdeck_core::practice::xapi::Options;
use flightdeck_core::{Error, Result, Store};
use serde_json::Value;

use crate::Db;
use crate::commands::open_to_read;

#[derive(Subcommand)]
pub enum Xapi {
    /// Send finished attempts to a learning record store: each an attempt's key in the
    /// database, an .fdattempt file or a folder of them. Sending again stores nothing twice.
    Send {
        #[arg(required = true, value_name = "ATTEMPT_OR_FILE")]
        attempts: Vec<String>,
        /// The LRS's xAPI endpoint, such as https://lrs.example.org/xAPI/
        #[arg(long, value_name = "URL")]
        lrs: String,
        #[arg(long, value_name = "USER")]
        user: String,
        /// The environment variable holding the password (never the password itself)
        #[arg(long, value_name = "VAR")]
        password_env: String,
        /// Statements per request
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u16).range(1..=500))]
        batch: u16,
        /// Retries of a request the LRS failed (5xx) or dropped, waiting 0.5 s, 1 s, 2 s… between
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u8).range(0..=10))]
        retries: u8,
        #[command(flatten)]
        profile: Profile,
    },
    /// Write a finished attempt's statements to a JSON file, for stores that import files
    Export {
        #[arg(value_name = "ATTEMPT_OR_FILE")]
        attempt: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[command(flatten)]
        profile: Profile,
    },
}

/// Where the statements' ids live and whose accounts the learners have.
#[derive(clap::Args)]
pub struct Profile {
    /// The IRI the activity ids start with, such as https://training.example.org/flightdeck
    /// (default: the one the pack's scenario sets)
    #[arg(long, value_name = "IRI")]
    namespace: Option<String>,
    /// The system the learners' accounts belong to, such as https://lms.example.org
    #[arg(long, value_name = "URL")]
    home_page: String,
    /// The account name (default: each learner's name)
    #[arg(long, value_name = "NAME")]
    account: Option<String>,
}

impl Profile {
    fn options(self) -> Options {
        Options {
            namespace: self.namespace,
            home_page: self.home_page,
            account: self.account,
        }
    }
}

pub fn run(db: Db, command: Xapi) -> Result<ExitCode> {
    match command {
        Xapi::Export {
            attempt,
            out,
            profile,
        } => {
            let store = open_to_read(db)?;
            let statements = statements_of(&store, &attempt, &profile.options())?;
            let json = serde_json::to_vec_pretty(&statements)
                .map_err(|e| Error::Conflict(format!("the statements cannot be written: {e}")))?;
            flightdeck_core::files::write_atomically(&out, &json)?;
            Ok(ExitCode::SUCCESS)
        }
        Xapi::Send {
            attempts,
            lrs,
            user,
            password_env,
            batch,
            retries,
            profile,
        } => {
            let password = std::env::var(&password_env).map_err(|_| {
                Error::Conflict(format!(
                    "the environment variable {password_env} holds no password: set it, then run this again"
                ))
            })?;
            let store = open_to_read(db)?;
            let options = profile.options();
            let mut statements = Vec::new();
            for attempt in expand(&attempts)? {
                statements.extend(statements_of(&store, &attempt, &options)?);
            }
            let lrs = Lrs::new(&lrs, &user, &password, retries)?;
            let bar = progress(statements.len());
            let sent = lrs.send(&statements, usize::from(batch), &mut |done| {
                bar.set_position(done as u64)
            });
            bar.finish_and_clear();
            println!("{}", sent.summary());
            Ok(if sent.complete() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}

/// The attempts named: folders give the .fdattempt files in them, in name order.
fn expand(inputs: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for input in inputs {
        if Path::new(input).is_dir() {
            out.extend(
                crate::practice::attempt_files_in(Path::new(input))?
                    .into_iter()
                    .map(|p| p.display().to_string()),
            );
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

/// An attempt's statements: from its file when `attempt` is a file, else from the database.
fn statements_of(store: &Store, attempt: &str, options: &Options) -> Result<Vec<Value>> {
    let path = Path::new(attempt);
    if path.is_file() {
        let file = read_attempt(path)?;
        return store
            .xapi_file_statements(&file, options)
            .map_err(|e| Error::Conflict(format!("{attempt}: {e}")));
    }
    let id = store.attempt(store.find_program(attempt)?)?.id;
    store.xapi_statements(id, options)
}

/// A progress bar on standard error when it is a terminal; hidden otherwise.
fn progress(total: usize) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} statements, {eta} left")
    {
        bar.set_style(style);
    }
    bar
}
