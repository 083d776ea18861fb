//! Opening the database: a new one, an existing one checked and migrated, one read-only where
//! it cannot be written, and refusing one that is not Flightdeck's before changing a byte.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::{APPLICATION_ID, Store, backup, migrations, schema_version};
use crate::{Error, Result};

/// Tables that only a Flightdeck database holds: one made before databases were marked is
/// recognised by them.
const OWN_TABLES: [&str; 3] = ["programs", "milestones", "stakeholders"];

/// How many prepared statements a connection keeps: enough for every register's queries.
const STATEMENT_CACHE: usize = 512;

/// An SQLite URI that opens `path` as immutable: no locks, no side files.
fn immutable_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut encoded = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => encoded.push_str("%25"),
            '?' => encoded.push_str("%3f"),
            '#' => encoded.push_str("%23"),
            c => encoded.push(c),
        }
    }
    let slashes = if encoded.starts_with('/') {
        "//"
    } else {
        "///"
    };
    format!("file:{slashes}{encoded}?immutable=1")
}

impl Store {
    /// Opens the database at `path`, a new one if the file does not exist, and checks and
    /// migrates it. Its folder must exist: see [`Store::create`].
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
        {
            return Err(Error::not_found("folder", dir.display().to_string()));
        }
        let existed = path.exists();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
        };
        store.prepare(existed)?;
        backup::sweep(path);
        Ok(store)
    }

    /// Opens the database at `path` as [`Store::open`] does, making its folder first if need
    /// be: the app's own database, or one the user asked to create.
    pub fn create(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
        }
        Store::open(path)
    }

    /// Opens the database at `path` for reading only, changing nothing on disk: for a
    /// database in a read-only folder, or on a full disk, where [`Store::open`] cannot make
    /// WAL's side files. It must be of this build's schema; any write is refused.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let store = Store {
            conn: Connection::open_with_flags(path, flags)?,
            path: Some(path.to_path_buf()),
        };
        let store = match store.refuse_foreign() {
            // WAL needs its shared-memory file beside the database; where it cannot be made
            // (a read-only folder, a full disk), the file is read as immutable, which is safe
            // only with no WAL content pending
            Err(e) if e.cannot_write() => {
                let wal = path.with_file_name(format!(
                    "{}-wal",
                    path.file_name().unwrap_or_default().to_string_lossy()
                ));
                if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
                    return Err(Error::Conflict(format!(
                        "{} has changes in its write-ahead log that only a writable folder \
                         can apply: open it where it can be written",
                        path.display()
                    )));
                }
                let conn = Connection::open_with_flags(
                    immutable_uri(path),
                    flags | OpenFlags::SQLITE_OPEN_URI,
                )?;
                let store = Store {
                    conn,
                    path: Some(path.to_path_buf()),
                };
                store.refuse_foreign()?;
                store
            }
            Err(e) => return Err(e),
            Ok(()) => store,
        };
        let found = store.schema_found()?;
        if found < schema_version() {
            return Err(Error::Conflict(format!(
                "{} was written by an older Flightdeck and must be upgraded, which needs to \
                 write beside it: open it where it can be written",
                path.display()
            )));
        }
        store.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        store
            .conn
            .set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        store.check_integrity()?;
        Ok(store)
    }

    /// A second connection to a database this process has opened with [`Store::open`], for
    /// reading only: the app reads through such connections while its one writer writes, so
    /// that a long read (a status, a roadmap's plan) never holds up an edit and an edit never
    /// holds up a read. WAL lets a reader go on with what was last committed while a write is
    /// in progress. The file is taken as the writer left it, checked and migrated; SQLite
    /// refuses any write through it.
    pub fn open_reader(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
        })
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
        };
        store.prepare(false)?;
        Ok(store)
    }

    pub(super) fn prepare(&mut self, existed: bool) -> Result<()> {
        self.refuse_foreign()?;
        let found = self.schema_found()?;
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // every register's statements stay prepared: rusqlite's default of 16 made an edit
        // or an event re-parse most of its SQL
        self.conn
            .set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        self.check_integrity()?;
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        if existed && found < schema_version() {
            self.backup("migration")?;
        }
        migrations().to_latest(&mut self.conn)?;
        // marking is a write: only once, not at every open
        let mark: i32 = self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))?;
        if mark != APPLICATION_ID {
            self.conn
                .pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        Ok(())
    }

    /// The database's schema version; one from a newer build is refused.
    fn schema_found(&self) -> Result<i64> {
        let found: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > schema_version() {
            return Err(Error::NewerDatabase {
                found,
                known: schema_version(),
            });
        }
        Ok(found)
    }

    /// Refuses a database that is not Flightdeck's, reading only: bytes that are not SQLite,
    /// another application's mark, or tables without ours. An empty database is a new one.
    fn refuse_foreign(&self) -> Result<()> {
        let foreign = |why: &str| Error::ForeignDatabase {
            path: self.describe(),
            why: why.to_string(),
        };
        let mark: i32 = match self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
        {
            Ok(mark) => mark,
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::NotADatabase =>
            {
                return Err(foreign("the file is not an SQLite database"));
            }
            Err(e) => return Err(e.into()),
        };
        if mark == APPLICATION_ID {
            return Ok(());
        }
        if mark != 0 {
            return Err(foreign(&format!(
                "it belongs to another application (application_id {mark:#x})"
            )));
        }
        let tables: Vec<String> = self
            .conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let ours = OWN_TABLES.iter().all(|t| tables.iter().any(|n| n == t));
        if tables.is_empty() || ours {
            Ok(())
        } else {
            let named: Vec<&str> = tables.iter().take(3).map(String::as_str).collect();
            let more = if tables.len() > 3 { ", …" } else { "" };
            Err(foreign(&format!(
                "it holds another application's tables: {}{more}",
                named.join(", ")
            )))
        }
    }

    fn check_integrity(&self) -> Result<()> {
        let verdict: String = self
            .conn
            .pragma_query_value(None, "quick_check", |r| r.get(0))?;
        if verdict == "ok" {
            return Ok(());
        }
        Err(Error::Corrupt {
            path: self.describe(),
            detail: integrity_problems(&verdict),
        })
    }

    fn describe(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| ":memory:".into(), |p| p.display().to_string())
    }
}

/// SQLite's integrity check (`quick_check`), other than "ok", in words: how many problems it
/// found and the first (it lists every damaged page, in SQLite's own terms).
pub(crate) fn integrity_problems(verdict: &str) -> String {
    let problems: Vec<&str> = verdict.lines().filter(|l| !l.starts_with("***")).collect();
    match problems.as_slice() {
        [] => format!("SQLite's integrity check says {verdict}"),
        [one] => format!("SQLite's integrity check found a problem: {one}"),
        [first, ..] => format!(
            "SQLite's integrity check found {} problems, the first: {first}",
            problems.len()
        ),
    }
}
