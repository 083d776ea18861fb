//! Program packs: reading a trainer's TOML or JSON file into a [`Pack`], with every problem
//! reported at once as `file:line:column: message`, and writing a program back out.
//!
//! Reading goes in three steps. The text is parsed into a syntax tree (TOML keeps spans; JSON is
//! scanned for them only when there is something to report). The tree is then deserialized into
//! the typed model, collecting every unknown field on the way. Last, [`validate`] checks the
//! rules serde cannot: ranges, dates, repeated ids, dangling references, cycles. Every problem
//! carries a path (`milestones[3].finish`) that the source's locator turns into a line and column.

mod json_scan;
mod locate;
pub(crate) mod read;
pub(crate) mod validate;
mod write;

use std::fmt;
use std::path::Path;

use crate::model::Pack;
pub use locate::{PathSeg, SourcePath};
pub use read::parse;
pub use validate::validate;
pub use write::{to_json, to_toml};

/// Largest pack file read, checked before parsing.
pub const MAX_PACK_BYTES: usize = 64 * 1024 * 1024;
/// Longest string accepted in any field, in characters.
pub const MAX_STRING_CHARS: usize = 20_000;

/// One thing wrong with a pack or an edit, and where: the file and, when it was text, the
/// line and column; the path to the value (`milestones[3].finish`, `risks[R7].likelihood`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub path: String,
    pub message: String,
}

impl Problem {
    /// A problem in a model that was never text (an edit, an import from the app): it is
    /// named by its path alone, such as `risks[R3].likelihood`.
    pub fn at_path(file: &str, path: &str, message: impl fmt::Display) -> Problem {
        Problem {
            file: file.to_string(),
            line: 0,
            column: 0,
            path: path.to_string(),
            message: message.to_string(),
        }
    }
}

/// Checks a typed pack against every rule; `file` names where it came from in problems.
pub fn check(pack: &Pack, file: &str) -> crate::Result<()> {
    let found = validate(pack);
    if found.is_empty() {
        return Ok(());
    }
    Err(problems(file, found))
}

/// Problems found in `file` (empty for an edit), as the error that reports them all.
pub(crate) fn problems(file: &str, found: Vec<(SourcePath, String)>) -> crate::Error {
    crate::Error::Invalid(
        found
            .into_iter()
            .map(|(path, message)| Problem::at_path(file, &path.to_string(), message))
            .collect(),
    )
}

/// Problems found in an edit, as the error that reports them all.
pub(crate) fn invalid(found: Vec<(SourcePath, String)>) -> crate::Error {
    problems("", found)
}

/// A typed value read from JSON that came from IPC or the command line; a shape error is a
/// `validation` problem at its path, in plain words.
pub(crate) fn from_value<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
) -> crate::Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let message = read::plain_types(&e.inner().to_string());
        crate::Error::Invalid(vec![Problem::at_path("", &e.path().to_string(), message)])
    })
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // a problem found in a model that never was text has no line to name
        let mut place = match (self.file.is_empty(), self.line) {
            (true, _) => String::new(),
            (false, 0) => format!("{}: ", self.file),
            (false, _) => format!("{}:{}:{}: ", self.file, self.line, self.column),
        };
        if !self.path.is_empty() {
            place.push_str(&self.path);
            place.push_str(": ");
        }
        write!(f, "{place}{}", self.message)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    Toml,
    Json,
}

impl SourceFormat {
    /// `.json` files are JSON; everything else is read as TOML.
    pub fn from_path(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("json") => SourceFormat::Json,
            _ => SourceFormat::Toml,
        }
    }
}

/// The pack's JSON Schema, generated from the model's types (`docs/pack.schema.json`), for
/// editors to complete and check packs as they are written.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Pack);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads, parses and validates the pack file at `path`.
pub fn read_file(path: &Path) -> crate::Result<Pack> {
    let name = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|e| crate::Error::io(format!("cannot read {name}"), e))?
        .len();
    if size > MAX_PACK_BYTES as u64 {
        return Err(size_error(&name, size as usize));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| crate::Error::io(format!("cannot read {name}"), e))?;
    parse(&name, &text, SourceFormat::from_path(path)).map_err(crate::Error::Invalid)
}

/// Writes the pack to `path`, TOML or JSON by its extension, replacing the file only once the
/// whole pack is written.
pub fn write_file(pack: &Pack, path: &Path) -> crate::Result<()> {
    let text = match SourceFormat::from_path(path) {
        SourceFormat::Json => to_json(pack)?,
        SourceFormat::Toml => to_toml(pack)?,
    };
    crate::files::write_atomically(path, text.as_bytes())
}

pub(crate) fn size_error(name: &str, size: usize) -> crate::Error {
    crate::Error::Limit(format!("{name}: {}", size_message(size)))
}

/// What is wrong with a pack that is too big, without naming the file.
pub(crate) fn size_message(size: usize) -> String {
    format!("the file is {size} bytes; packs are limited to {MAX_PACK_BYTES} bytes")
}
