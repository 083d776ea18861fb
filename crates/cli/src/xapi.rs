//! `xapi send` and `xapi export`: finished attempts as xAPI statements, sent to a learning
//! record store or written to a file. Nothing is sent unless these commands are run.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Subcommand;
use flightdeck_core::practice::file::read_attempt;
use flightdeck_core::practice::xapi::{Options, XAPI_VERSION};
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
    #[arg(long, value_name = "IRI")]
    namespace: String,
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
            let sent = lrs.send(&statements, usize::from(batch));
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

/// What became of the statements sent.
#[derive(Debug, Default)]
struct Sent {
    stored: usize,
    /// Sent before: the LRS had them already.
    already: usize,
    /// Refused by the LRS, each with why.
    refused: Vec<String>,
    /// Never stored because the LRS could not be reached or answered with an error.
    not_sent: usize,
    /// Why sending stopped early.
    stopped: Option<String>,
    /// How long it all took, and the slowest request.
    took: Duration,
    slowest: Duration,
}

impl Sent {
    fn complete(&self) -> bool {
        self.refused.is_empty() && self.not_sent == 0 && self.stopped.is_none()
    }

    fn summary(&self) -> String {
        let mut lines = Vec::new();
        for why in &self.refused {
            lines.push(format!("refused: {why}"));
        }
        if let Some(why) = &self.stopped {
            lines.push(format!("stopped: {why}"));
        }
        let not_stored = self.refused.len() + self.not_sent;
        lines.push(format!(
            "{} statements stored, {} already in the store, {not_stored} not stored",
            self.stored, self.already
        ));
        let handled = self.stored + self.already + self.refused.len();
        lines.push(format!(
            "{:.1} s: {:.0} statements a second; the slowest request took {} ms",
            self.took.as_secs_f64(),
            handled as f64 / self.took.as_secs_f64().max(1e-3),
            self.slowest.as_millis()
        ));
        if self.not_sent > 0 {
            lines.push(
                "run the same command again to send the rest: nothing is stored twice".into(),
            );
        }
        lines.join("\n")
    }
}

/// How a request ended.
enum Reply {
    /// Stored: how many were new (an LRS answers 204 when it had them all already).
    Stored(usize),
    /// 409: an id of the batch is stored already with other content.
    Conflict(String),
    /// Another 4xx, with the LRS's words.
    Refused(u16, String),
    /// 401 or 403: nothing will be stored with these credentials.
    Unauthorised(u16),
    /// 5xx or no answer, after the retries.
    Failed(String),
}

/// A learning record store's statements resource.
struct Lrs {
    agent: ureq::Agent,
    url: String,
    authorization: String,
    /// Waits before each retry of a 5xx or a dropped connection.
    backoff: Vec<Duration>,
}

impl Lrs {
    fn new(endpoint: &str, user: &str, password: &str, retries: u8) -> Result<Lrs> {
        if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
            return Err(Error::Conflict(format!(
                "--lrs `{endpoint}` is not an http(s) address, such as https://lrs.example.org/xAPI/"
            )));
        }
        let base = endpoint.trim_end_matches('/');
        let url = if base.ends_with("/statements") {
            base.to_string()
        } else {
            format!("{base}/statements")
        };
        let config = ureq::Agent::config_builder()
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(60)))
            .http_status_as_error(false)
            .build();
        Ok(Lrs {
            agent: config.into(),
            url,
            authorization: format!("Basic {}", base64(&format!("{user}:{password}"))),
            backoff: (0..u32::from(retries))
                .map(|n| Duration::from_millis(500) * 2u32.pow(n))
                .collect(),
        })
    }

    /// Sends the statements in batches; a batch refused as a whole is split until the
    /// statement refused is found, so that the others are still stored.
    fn send(&self, statements: &[Value], batch: usize) -> Sent {
        let bar = progress(statements.len());
        let started = Instant::now();
        let mut sent = Sent::default();
        for part in statements.chunks(batch) {
            if sent.stopped.is_some() {
                sent.not_sent += part.len();
                continue;
            }
            self.send_part(part, &mut sent);
            bar.inc(part.len() as u64);
        }
        bar.finish_and_clear();
        sent.took = started.elapsed();
        sent
    }

    fn send_part(&self, part: &[Value], sent: &mut Sent) {
        let asked = Instant::now();
        let reply = self.post(part);
        sent.slowest = sent.slowest.max(asked.elapsed());
        match reply {
            Reply::Stored(new) => {
                sent.stored += new;
                sent.already += part.len() - new;
            }
            Reply::Conflict(_) | Reply::Refused(..) if part.len() > 1 => {
                let (left, right) = part.split_at(part.len() / 2);
                self.send_part(left, sent);
                if sent.stopped.is_some() {
                    sent.not_sent += right.len();
                } else {
                    self.send_part(right, sent);
                }
            }
            Reply::Conflict(body) => {
                sent.refused.push(format!(
                    "{} (409): the store has another statement under its id: {}",
                    name(&part[0]),
                    body.trim()
                ));
            }
            Reply::Refused(status, body) => {
                sent.refused
                    .push(format!("{} ({status}): {}", name(&part[0]), body.trim()));
            }
            Reply::Unauthorised(status) => {
                sent.not_sent += part.len();
                sent.stopped = Some(format!(
                    "the LRS refused the user and password ({status}): check --user and the password in --password-env"
                ));
            }
            Reply::Failed(why) => {
                sent.not_sent += part.len();
                sent.stopped = Some(why);
            }
        }
    }

    /// One POST, retried with backoff on a 5xx or a dropped connection.
    fn post(&self, part: &[Value]) -> Reply {
        let mut last = String::new();
        for wait in std::iter::once(Duration::ZERO).chain(self.backoff.iter().copied()) {
            std::thread::sleep(wait);
            let reply = self
                .agent
                .post(&self.url)
                .header("X-Experience-API-Version", XAPI_VERSION)
                .header("Authorization", &self.authorization)
                .send_json(part);
            match reply {
                Ok(mut r) => {
                    let status = r.status().as_u16();
                    match status {
                        200..=299 => {
                            // 200 lists the ids stored anew; an LRS that lists nothing stored
                            // them all
                            let body = r.body_mut().read_to_string().unwrap_or_default();
                            let new = serde_json::from_str::<Vec<String>>(&body)
                                .map_or(if status == 204 { 0 } else { part.len() }, |ids| {
                                    ids.len().min(part.len())
                                });
                            return Reply::Stored(new);
                        }
                        401 | 403 => return Reply::Unauthorised(status),
                        400..=499 => {
                            let body = shorten(&r.body_mut().read_to_string().unwrap_or_default());
                            return if status == 409 {
                                Reply::Conflict(body)
                            } else {
                                Reply::Refused(status, body)
                            };
                        }
                        _ => last = format!("the LRS answered {status} at {}", self.url),
                    }
                }
                Err(e) => last = format!("the LRS at {} cannot be reached: {e}", self.url),
            }
        }
        Reply::Failed(format!("{last} (tried {} times)", self.backoff.len() + 1))
    }
}

/// A statement as a person finds it: its verb, object and id.
fn name(statement: &Value) -> String {
    let last = |v: &Value| {
        v.as_str()
            .and_then(|s| s.rsplit('/').next())
            .unwrap_or("?")
            .to_string()
    };
    format!(
        "statement {} ({} {})",
        statement["id"].as_str().unwrap_or("?"),
        last(&statement["verb"]["id"]),
        statement["object"]["id"].as_str().unwrap_or("?")
    )
}

fn shorten(body: &str) -> String {
    const MOST: usize = 300;
    match body.char_indices().nth(MOST) {
        Some((at, _)) => format!("{}…", &body[..at]),
        None => body.to_string(),
    }
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

/// Standard base64, for the basic authorisation header.
fn base64(text: &str) -> String {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in text.as_bytes().chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(DIGITS[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_is_the_standard_alphabet_with_padding() {
        assert_eq!(super::base64("trainer:s3cret"), "dHJhaW5lcjpzM2NyZXQ=");
        assert_eq!(super::base64("ab"), "YWI=");
        assert_eq!(super::base64("abc"), "YWJj");
        assert_eq!(super::base64(""), "");
    }
}
