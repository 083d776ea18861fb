//! What the trainer keeps of a learning record store (its address, user, namespace and home
//! page; never its password, which the app keeps in the OS keychain), and what became of the
//! statements sent to it.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Options, is_web_address};
use crate::pack::Problem;
use crate::{Error, Result, Store};

/// What became of statements sent to a learning record store.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct Sent {
    pub stored: u32,
    /// Sent before: the store had them already.
    pub already: u32,
    /// Refused by the store, each named with why.
    pub refused: Vec<String>,
    /// Never stored because the store could not be reached or answered with an error.
    pub not_sent: u32,
    /// Why sending stopped early.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped: Option<String>,
    /// How long it all took, and the slowest request, in ms.
    pub took_ms: u32,
    pub slowest_ms: u32,
}

impl Sent {
    /// Every statement is in the store.
    pub fn complete(&self) -> bool {
        self.refused.is_empty() && self.not_sent == 0 && self.stopped.is_none()
    }

    /// What happened, in a few lines: the refusals, why it stopped, the counts and the time.
    pub fn summary(&self) -> String {
        let mut lines = Vec::new();
        for why in &self.refused {
            lines.push(format!("refused: {why}"));
        }
        if let Some(why) = &self.stopped {
            lines.push(format!("stopped: {why}"));
        }
        let not_stored = self.refused.len() as u32 + self.not_sent;
        lines.push(format!(
            "{} statements stored, {} already in the store, {not_stored} not stored",
            self.stored, self.already
        ));
        let handled = f64::from(self.stored + self.already) + self.refused.len() as f64;
        let seconds = f64::from(self.took_ms) / 1000.0;
        lines.push(format!(
            "{seconds:.1} s: {:.0} statements a second; the slowest request took {} ms",
            handled / seconds.max(1e-3),
            self.slowest_ms
        ));
        if self.not_sent > 0 {
            lines.push(
                "run the same command again to send the rest: nothing is stored twice".into(),
            );
        }
        lines.join("\n")
    }
}

/// The trainer's learning record store, as the app keeps it. The password is not here: the
/// app keeps it in the operating system's keychain.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct LrsSettings {
    /// The store's xAPI endpoint, such as `https://lrs.example.org/xAPI/`.
    pub endpoint: String,
    pub user: String,
    /// Where the activity ids live; empty for each pack's own.
    pub namespace: String,
    /// The system the learners' accounts belong to.
    pub home_page: String,
}

impl LrsSettings {
    /// What the statements are made with: the learner's name as the account.
    pub fn options(&self) -> Options {
        Options {
            namespace: Some(self.namespace.trim().to_string()).filter(|n| !n.is_empty()),
            home_page: self.home_page.trim().to_string(),
            account: None,
        }
    }

    /// Every field that is wrong, each with its message.
    fn problems(&self) -> Vec<Problem> {
        let address = "is not an absolute http(s) address";
        let mut out = Vec::new();
        let mut check = |field: &str, wrong: bool, message: &str| {
            if wrong {
                out.push(Problem::at_path("", field, message));
            }
        };
        check(
            "endpoint",
            !is_web_address(self.endpoint.trim()),
            &format!("{address}, such as https://lrs.example.org/xAPI/"),
        );
        check(
            "user",
            self.user.trim().is_empty(),
            "the user the store knows the trainer as is needed",
        );
        let namespace = self.namespace.trim();
        check(
            "namespace",
            !namespace.is_empty() && !is_web_address(namespace),
            &format!(
                "{address}, such as https://training.example.org/flightdeck (or leave it empty for each pack's own)"
            ),
        );
        check(
            "home_page",
            !is_web_address(self.home_page.trim()),
            &format!("{address}, such as https://lms.example.org"),
        );
        out
    }
}

/// The trainer's learning record store as the window shows it: the settings, and whether the
/// keychain holds a password for them (never the password itself).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct LrsState {
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settings: Option<LrsSettings>,
    pub password_saved: bool,
}

/// The settings key of the trainer's learning record store.
const LRS_SETTINGS: &str = "lrs";

impl Store {
    /// The trainer's learning record store, when one was saved.
    pub fn lrs_settings(&self) -> Result<Option<LrsSettings>> {
        let text: Option<String> = self
            .conn()
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([LRS_SETTINGS], |r| r.get(0))
            .optional()?;
        text.map(|t| {
            serde_json::from_str(&t)
                .map_err(|e| Error::Conflict(format!("the saved LRS settings cannot be read: {e}")))
        })
        .transpose()
    }

    /// Saves the trainer's learning record store; refuses, naming each field, what is wrong.
    pub fn save_lrs_settings(&mut self, settings: &LrsSettings) -> Result<()> {
        let problems = settings.problems();
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let value = serde_json::to_string(settings)
            .map_err(|e| Error::Conflict(format!("the LRS settings cannot be written: {e}")))?;
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            rusqlite::params![LRS_SETTINGS, value],
        )?;
        tx.commit()?;
        Ok(())
    }
}
