//! The local SQLite store: opening it safely, migrating it, backing it up, and reading and
//! writing whole programs.
//!
//! On open: WAL, foreign keys, a busy timeout and `quick_check`. Migrations from `migrations/`
//! are embedded at build time and applied in one transaction, after a backup of any existing
//! database. A database from a newer build, and one that is not Flightdeck's (not SQLite, or
//! holding tables without Flightdeck's `application_id`), is refused before anything is
//! written to it. Flightdeck marks its databases with [`APPLICATION_ID`].

mod backup;
mod open;
pub(crate) mod read;
pub(crate) mod write;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use include_dir::{Dir, include_dir};
use rusqlite::{Connection, OptionalExtension};
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

    /// The database file; none for a store in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The raw connection, for the crate's own modules.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}
