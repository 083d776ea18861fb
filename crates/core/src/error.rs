//! Core's errors: one enum the app and the command line map to a stable kind and a message.

use crate::ipc::ErrorKind;
use crate::pack::Problem;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that breaks the model's rules; every problem found, each with where and what.
    #[error("{}", render_problems(.0))]
    Invalid(Vec<Problem>),
    #[error("{what} not found: {id}")]
    NotFound { what: &'static str, id: String },
    #[error("{0}")]
    Conflict(String),
    /// The pack's program is loaded already; the import can replace it or keep both.
    #[error("“{name}” ({slug}) is already loaded: replace it, or keep both")]
    AlreadyLoaded { slug: String, name: String },
    /// An untrusted file or value over one of the safety limits.
    #[error("{0}")]
    Limit(String),
    #[error(
        "the database was written by a newer Flightdeck (schema version {found}, this build knows up to {known}); it was left untouched: update Flightdeck to open it"
    )]
    NewerDatabase { found: i64, known: i64 },
    /// Not a Flightdeck database; it was left as it was.
    #[error("{path} is not a Flightdeck database ({why}); it was left untouched")]
    ForeignDatabase { path: String, why: String },
    #[error("the database at {path} is damaged: {detail}")]
    Corrupt { path: String, detail: String },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("chart drawing failed: {0}")]
    Chart(String),
}

impl Error {
    /// A stable name the UI switches on; never parse the message.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid(_) => ErrorKind::Validation,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Conflict(_) => ErrorKind::Conflict,
            Error::AlreadyLoaded { .. } => ErrorKind::AlreadyLoaded,
            Error::Limit(_) => ErrorKind::Limit,
            Error::NewerDatabase { .. } => ErrorKind::NewerDatabase,
            Error::ForeignDatabase { .. } => ErrorKind::ForeignDatabase,
            Error::Corrupt { .. } => ErrorKind::Corrupt,
            Error::Io { .. } => ErrorKind::Io,
            // "database is locked" after the busy timeout is a conflict with another writer
            Error::Database(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) =>
            {
                ErrorKind::Conflict
            }
            Error::Database(_) | Error::Migration(_) => ErrorKind::Database,
            Error::Chart(_) => ErrorKind::Chart,
        }
    }

    /// Whether this says the database is damaged (it failed its check, or SQLite could not
    /// read it): a backup may be put back in its place (`Store::restore_at`).
    pub fn is_damage(&self) -> bool {
        matches!(self, Error::Corrupt { .. } | Error::Database(_))
    }

    /// Whether this says the database could not be written where it is: a read-only file or
    /// folder, or a full disk. Reading it may still work (see `Store::open_read_only`).
    pub fn cannot_write(&self) -> bool {
        use rusqlite::ErrorCode::{CannotOpen, DiskFull, ReadOnly, SystemIoFailure};
        match self {
            Error::Database(rusqlite::Error::SqliteFailure(e, _)) => {
                matches!(e.code, ReadOnly | CannotOpen | DiskFull | SystemIoFailure)
            }
            Error::Io { source, .. } => matches!(
                source.kind(),
                std::io::ErrorKind::PermissionDenied
                    | std::io::ErrorKind::ReadOnlyFilesystem
                    | std::io::ErrorKind::StorageFull
            ),
            _ => false,
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    pub fn not_found(what: &'static str, id: impl Into<String>) -> Self {
        Error::NotFound {
            what,
            id: id.into(),
        }
    }
}

fn render_problems(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
