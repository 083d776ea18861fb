//! The local SQLite store: opening it safely, migrating it, backing it up, and reading and
//! writing whole programs.
//!
//! On open: WAL, foreign keys, a busy timeout and `quick_check`. Migrations from `migrations/`
//! are embedded at build time and applied in one transaction, after a backup of any existing
//! database. A database from a newer build, and one that is not Flightdeck's (not SQLite, or
//! holding tables without Flightdeck's `application_id`), is refused before anything is
//! written to it. Flightdeck marks its databases with [`APPLICATION_ID`].

mod backup;
pub(crate) mod read;
pub(crate) mod write;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use include_dir::{Dir, include_dir};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use rusqlite_migration::{M, Migrations};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::Pack;
use crate::{Error, Result};
pub use backup::{Backup, MAX_BACKUP_BYTES, MAX_BACKUPS, list_backups};

static MIGRATION_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../migrations");

/// The migrations in file-name order (`0001_init.sql`, `0002_…`).
static MIGRATIONS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut files: Vec<_> = MIGRATION_DIR
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort_by_key(|f| f.path());
    files.iter().filter_map(|f| f.contents_utf8()).collect()
});

/// `PRAGMA application_id` of a Flightdeck database: "FDK1".
pub const APPLICATION_ID: i32 = 0x4644_4b31;

/// Tables that only a Flightdeck database holds: one made before databases were marked is
/// recognised by them.
const OWN_TABLES: [&str; 3] = ["programs", "milestones", "stakeholders"];

/// How many prepared statements a connection keeps: enough for every register's queries.
const STATEMENT_CACHE: usize = 512;

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

fn migrations() -> Migrations<'static> {
    Migrations::new(
        MIGRATIONS
            .iter()
            .enumerate()
            .map(|(i, sql)| match i {
                // 0002 adds the refs index; fill it from the programs version 1 stored
                1 => M::up_with_hook(sql, |tx: &rusqlite::Transaction<'_>| {
                    fill_refs(tx).map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
                }),
                _ => M::up(sql),
            })
            .collect(),
    )
}

/// Records every reference of every stored program in the `refs` index.
fn fill_refs(conn: &Connection) -> Result<()> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM programs")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        crate::register::refs::fill_refs(conn, id)?;
    }
    Ok(())
}

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

/// A program as the sidebar lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProgramSummary {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub industry: String,
}

/// What an import does when the pack's program is loaded already.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OnLoaded {
    /// Refuse with [`Error::AlreadyLoaded`], writing nothing.
    #[default]
    Refuse,
    /// Remove the loaded program and its history, and import the pack in its place.
    Replace,
    /// Import the pack as another program, its id and name numbered.
    KeepBoth,
}

/// The open database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
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
        let found: i64 = store
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > schema_version() {
            return Err(Error::NewerDatabase {
                found,
                known: schema_version(),
            });
        }
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

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
        };
        store.prepare(false)?;
        Ok(store)
    }

    fn prepare(&mut self, existed: bool) -> Result<()> {
        self.refuse_foreign()?;
        let found: i64 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > schema_version() {
            return Err(Error::NewerDatabase {
                found,
                known: schema_version(),
            });
        }
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
        // quick_check lists every damaged page: the first says enough
        let problems: Vec<&str> = verdict.lines().filter(|l| !l.starts_with("***")).collect();
        let detail = match problems.as_slice() {
            [] => verdict.clone(),
            [one] => (*one).to_string(),
            [first, rest @ ..] => format!("{first}, and {} more problems", rest.len()),
        };
        Err(Error::Corrupt {
            path: self.describe(),
            detail,
        })
    }

    fn describe(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| ":memory:".into(), |p| p.display().to_string())
    }

    /// Every program, in list order.
    pub fn programs(&self) -> Result<Vec<ProgramSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, slug, name, industry FROM programs
             WHERE id NOT IN (SELECT program_id FROM attempts) ORDER BY position, name, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ProgramSummary {
                id: r.get(0)?,
                slug: r.get(1)?,
                name: r.get(2)?,
                industry: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The id of the program with this id or slug.
    pub fn find_program(&self, key: &str) -> Result<i64> {
        let by_id = key.parse::<i64>().ok();
        self.conn
            .query_row(
                "SELECT id FROM programs WHERE id = ?1 OR slug = ?2",
                rusqlite::params![by_id, key],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("program", key))
    }

    /// Imports a validated pack as a new program in one transaction, after a backup.
    /// A program with the same slug is refused, leaving the store as it was.
    pub fn import(&mut self, pack: &Pack) -> Result<i64> {
        self.import_as(pack, OnLoaded::Refuse)
    }

    /// Imports a validated pack, doing what `on` says when its program is loaded already:
    /// refuse (before anything is written, backups included), replace the loaded one, or
    /// keep both under a new id. The whole import is one transaction.
    pub fn import_as(&mut self, pack: &Pack, on: OnLoaded) -> Result<i64> {
        crate::pack::check(pack, &pack.program.id)?;
        let slug = &pack.program.id;
        let loaded: Option<i64> = self
            .conn
            .query_row("SELECT id FROM programs WHERE slug = ?1", [slug], |r| {
                r.get(0)
            })
            .optional()?;
        if loaded.is_some() && on == OnLoaded::Refuse {
            return Err(Error::AlreadyLoaded {
                slug: slug.clone(),
                name: pack.program.name.clone(),
            });
        }
        if self.has_programs()? {
            self.backup("import")?;
        }
        let tx = self.write()?;
        let mut pack = std::borrow::Cow::Borrowed(pack);
        match (loaded, on) {
            (Some(old), OnLoaded::Replace) => {
                tx.execute("DELETE FROM programs WHERE id = ?1", [old])?;
            }
            (Some(_), OnLoaded::KeepBoth) => {
                let (free, n) = write::free_slug(&tx, slug)?;
                let program = &mut pack.to_mut().program;
                program.id = free;
                program.name = format!("{} ({n})", program.name);
            }
            _ => {}
        }
        let id = write::insert_program(&tx, &pack)?;
        tx.commit()?;
        Ok(id)
    }

    /// Reads, validates and imports the pack file at `path`; every problem is reported with
    /// its line and column, and a pack with any problem writes nothing.
    pub fn import_file(&mut self, path: &Path) -> Result<i64> {
        self.import_file_as(path, OnLoaded::Refuse)
    }

    /// [`Store::import_file`], doing what `on` says when the program is loaded already.
    pub fn import_file_as(&mut self, path: &Path, on: OnLoaded) -> Result<i64> {
        let pack = crate::pack::read_file(path)?;
        self.import_as(&pack, on)
    }

    /// Writes the program as a pack file, TOML or JSON by the file's extension, replacing the
    /// file only once the whole pack is written.
    pub fn export_pack(&self, program: i64, out: &Path) -> Result<()> {
        crate::pack::write_file(&self.load(program)?, out)
    }

    fn has_programs(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM programs)", [], |r| r.get(0))?)
    }

    /// Removes the program and everything in it, after a backup.
    pub fn remove_program(&mut self, program: i64) -> Result<()> {
        self.find_program(&program.to_string())?;
        self.backup("remove")?;
        let tx = self.write()?;
        tx.execute("DELETE FROM programs WHERE id = ?1", [program])?;
        tx.commit()?;
        Ok(())
    }

    /// The whole program, as a pack.
    pub fn load(&self, program: i64) -> Result<Pack> {
        read::load_pack(&self.conn, program)
    }

    /// Loads the bundled sample programs into an empty store; returns how many were loaded.
    pub fn load_bundled_if_empty(&mut self) -> Result<usize> {
        if self.has_programs()? {
            return Ok(0);
        }
        let packs = crate::bundled::packs()?;
        let tx = self.write()?;
        for pack in &packs {
            write::insert_program(&tx, pack)?;
        }
        tx.commit()?;
        Ok(packs.len())
    }

    /// A write transaction that takes the write lock before it reads anything, so a second
    /// writer waits for the busy timeout instead of failing or working from a stale read.
    pub(crate) fn write(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    /// The raw connection, for the crate's own modules.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}
