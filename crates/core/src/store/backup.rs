//! Copies of the database taken with SQLite's online backup before anything risky, and putting
//! one back.
//!
//! A backup is written under a temporary name, checked (`quick_check`, and the same number of
//! programs as the database), and only then renamed into place, so a backup that is there is
//! good. A backup identical to the newest one is not kept twice. The newest [`MAX_BACKUPS`] are
//! kept, as long as they fit in [`MAX_BACKUP_BYTES`] together (the newest is always kept).
//! Partial backups and their journals, left by a crash or a full disk, are removed when the
//! database is next opened. A restore backs the current database up first and replaces it in
//! one transaction: all of it or none of it.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use super::{APPLICATION_ID, Store};
use crate::{Error, Result};

/// Backups kept per database; older ones are removed after each new backup.
pub const MAX_BACKUPS: usize = 5;

/// The most the kept backups may take together, the newest excepted.
pub const MAX_BACKUP_BYTES: u64 = 2 << 30;

/// What a backup is written as until it has been checked.
const PARTIAL: &str = ".partial";

/// How old a partial backup must be before a sweep takes it for a failed one.
const STALE: std::time::Duration = std::time::Duration::from_secs(600);

/// A backup as the user picks one to restore.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Backup {
    /// The file's name in the backups folder: what `restore` takes.
    pub name: String,
    /// When it was taken, as RFC 3339.
    pub taken: String,
    /// Why: `import`, `remove`, `migration`, `restore`, …
    pub reason: String,
    pub bytes: u64,
    /// How many programs it holds, attempts included.
    pub programs: i64,
}

impl Store {
    /// Backs the database up into `backups/` beside it (see the module's rules) and returns
    /// the backup that holds the database as it is now. An in-memory store has nothing to
    /// back up.
    pub fn backup(&self, reason: &str) -> Result<Option<PathBuf>> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        let dir = backup_dir(path);
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
        let stem = stem(path);
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.6fZ");
        let target = dir.join(format!("{stem}.{stamp}.{reason}.db"));
        let partial = with_suffix(&target, PARTIAL);
        let written = copy_to(self.conn(), &partial).and_then(|()| self.check_backup(&partial));
        if let Err(e) = written {
            remove_partial(&partial);
            return Err(e);
        }
        if let Some(newest) = newest(&dir, &stem)?
            && same_content(&newest, &partial)?
        {
            remove_partial(&partial);
            return Ok(Some(newest));
        }
        std::fs::rename(&partial, &target)
            .map_err(|e| Error::io(format!("cannot keep the backup {}", target.display()), e))?;
        prune(&dir, &stem)?;
        Ok(Some(target))
    }

    /// A written backup opens, passes `quick_check` and holds as many programs as the
    /// database; else it is an error and the backup is not kept.
    fn check_backup(&self, file: &Path) -> Result<()> {
        let programs: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM programs", [], |r| r.get(0))
            .unwrap_or(0);
        let (verdict, copied) = read_backup(file)?;
        if verdict == "ok" && copied == programs {
            Ok(())
        } else {
            Err(Error::Corrupt {
                path: file.display().to_string(),
                detail: format!(
                    "the new backup did not check out ({verdict}, {copied} of {programs} programs)"
                ),
            })
        }
    }

    /// The good backups of this database, newest first.
    pub fn backups(&self) -> Result<Vec<Backup>> {
        match &self.path {
            Some(path) => list_backups(path),
            None => Ok(Vec::new()),
        }
    }

    /// Puts the backup called `name` back in place of the database, after backing the
    /// database as it is up (reason `restore`). The backup is checked first; the replacement
    /// is one transaction, so a failure leaves the database as it was.
    pub fn restore(&mut self, name: &str) -> Result<()> {
        let Some(path) = self.path.clone() else {
            return Err(Error::Conflict("an in-memory store has no backups".into()));
        };
        let source = checked_backup(&path, name)?;
        self.backup("restore")?;
        {
            let backup = rusqlite::backup::Backup::new(&source, &mut self.conn)?;
            // every page in one step: one transaction on the database
            if backup.step(-1)? != rusqlite::backup::StepResult::Done {
                return Err(Error::Conflict(
                    "the database is busy: close other Flightdeck windows and try again".into(),
                ));
            }
        }
        self.prepare(true)
    }

    /// Restores the backup called `name` of the database at `db`, which may be too damaged
    /// to open: then it is moved aside (kept as `….damaged-STAMP`) and the backup copied
    /// into its place, written whole under a temporary name first.
    pub fn restore_at(db: &Path, name: &str) -> Result<Store> {
        match Store::open(db) {
            Ok(mut store) => {
                store.restore(name)?;
                Ok(store)
            }
            Err(e) if e.is_damage() => {
                let source = checked_backup(db, name)?;
                let fresh = with_suffix(db, ".restoring");
                remove_partial(&fresh);
                if let Err(e) = copy_to(&source, &fresh) {
                    remove_partial(&fresh);
                    return Err(e);
                }
                let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
                let aside = with_suffix(db, &format!(".damaged-{stamp}"));
                std::fs::rename(db, &aside)
                    .map_err(|e| Error::io(format!("cannot move {} aside", db.display()), e))?;
                for side in ["-wal", "-shm"] {
                    let _ = std::fs::remove_file(with_suffix(db, side));
                }
                std::fs::rename(&fresh, db).map_err(|e| {
                    Error::io(
                        format!("cannot put the backup in place at {}", db.display()),
                        e,
                    )
                })?;
                Store::open(db)
            }
            Err(other) => Err(other),
        }
    }
}

/// The good backups of the database at `db`, newest first; the database need not open.
pub fn list_backups(db: &Path) -> Result<Vec<Backup>> {
    let dir = backup_dir(db);
    let mut out = Vec::new();
    for file in backup_files(&dir, &stem(db))?.into_iter().rev() {
        let bytes = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        let name = file_name(&file);
        let (taken, reason) = parse_name(&name);
        let programs = read_backup(&file).map_or(0, |(_, n)| n);
        out.push(Backup {
            name,
            taken,
            reason,
            bytes,
            programs,
        });
    }
    Ok(out)
}

/// The backup called `name` of the database at `db`, opened read-only once it has checked
/// out: a backup of this database, whole, and Flightdeck's.
fn checked_backup(db: &Path, name: &str) -> Result<Connection> {
    let file = backup_files(&backup_dir(db), &stem(db))?
        .into_iter()
        .find(|f| file_name(f) == name)
        .ok_or_else(|| Error::not_found("backup", name))?;
    let (verdict, _) = read_backup(&file)?;
    if verdict != "ok" {
        return Err(Error::Corrupt {
            path: file.display().to_string(),
            detail: super::open::integrity_problems(&verdict),
        });
    }
    let source = Connection::open_with_flags(&file, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mark: i32 = source.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if mark != APPLICATION_ID && mark != 0 {
        return Err(Error::ForeignDatabase {
            path: file.display().to_string(),
            why: "it is not a Flightdeck backup".into(),
        });
    }
    Ok(source)
}

/// Copies the database into a new file, in one step, left in rollback-journal mode: a backup
/// is one file that can be renamed, with no WAL beside it.
fn copy_to(conn: &Connection, file: &Path) -> Result<()> {
    let mut to = Connection::open(file)?;
    {
        let backup = rusqlite::backup::Backup::new(conn, &mut to)?;
        if backup.step(-1)? != rusqlite::backup::StepResult::Done {
            return Err(Error::Conflict(
                "the database was busy while it was being backed up: try again".into(),
            ));
        }
    }
    to.pragma_update(None, "journal_mode", "DELETE")?;
    Ok(())
}

/// `quick_check`'s verdict on a backup file and how many programs it holds, read only.
fn read_backup(file: &Path) -> Result<(String, i64)> {
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let verdict: String = conn.pragma_query_value(None, "quick_check", |r| r.get(0))?;
    let programs = conn
        .query_row("SELECT count(*) FROM programs", [], |r| r.get(0))
        .unwrap_or(0);
    Ok((verdict, programs))
}

pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map_or_else(|| "flightdeck".into(), |s| s.to_string_lossy().into_owned())
}

fn file_name(file: &Path) -> String {
    file.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `fd.20270104T101500.123456Z.import.db` → (`2027-01-04T10:15:00Z`, `import`).
fn parse_name(name: &str) -> (String, String) {
    // from the right: db, the reason, the stamp's fraction, then the stem and the seconds
    let mut parts = name.rsplitn(4, '.');
    let _extension = parts.next();
    let reason = parts.next().unwrap_or_default().to_string();
    let fraction = parts.next().unwrap_or_default();
    let seconds = parts
        .next()
        .and_then(|rest| rest.rsplit('.').next())
        .unwrap_or_default();
    let taken = chrono::NaiveDateTime::parse_from_str(
        &format!("{seconds}.{fraction}"),
        "%Y%m%dT%H%M%S.%fZ",
    )
    .map_or_else(
        |_| String::new(),
        |t| {
            t.and_utc()
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        },
    );
    (taken, reason)
}

/// This database's kept backups, oldest first (their names sort by time).
fn backup_files(dir: &Path, stem: &str) -> Result<Vec<PathBuf>> {
    let prefix = format!("{stem}.");
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(format!("cannot list {}", dir.display()), e)),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            let name = file_name(p);
            name.starts_with(&prefix) && name.ends_with(".db")
        })
        .collect();
    files.sort();
    Ok(files)
}

fn newest(dir: &Path, stem: &str) -> Result<Option<PathBuf>> {
    Ok(backup_files(dir, stem)?.pop())
}

/// Two backups hold the same database: the same bytes, the header's change counters aside.
/// Read a block at a time, so a large database is never held in memory.
fn same_content(a: &Path, b: &Path) -> Result<bool> {
    use std::io::Read;
    let open = |p: &Path| {
        std::fs::File::open(p).map_err(|e| Error::io(format!("cannot read {}", p.display()), e))
    };
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    if size(a) != size(b) || size(a) < 100 {
        return Ok(false);
    }
    let (mut a, mut b) = (open(a)?, open(b)?);
    let (mut x, mut y) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    let mut first = true;
    loop {
        // a whole block, or what is left: a short read is never taken for the end
        let read = |f: &mut std::fs::File, buf: &mut [u8]| -> Result<usize> {
            let mut filled = 0;
            while filled < buf.len() {
                match f.read(&mut buf[filled..]) {
                    Ok(0) => break,
                    Ok(n) => filled += n,
                    Err(e) => return Err(Error::io("cannot compare backups", e)),
                }
            }
            Ok(filled)
        };
        let n = read(&mut a, &mut x)?;
        let m = read(&mut b, &mut y)?;
        if n != m {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
        if first && n >= 100 {
            // the file change counter (bytes 24–27) and the version-valid-for number (92–95)
            for buf in [&mut x, &mut y] {
                buf[24..28].fill(0);
                buf[92..96].fill(0);
            }
        }
        first = false;
        if x[..n] != y[..n] {
            return Ok(false);
        }
    }
}

fn remove_partial(partial: &Path) {
    // best effort: what is left is swept at the next open
    let _ = std::fs::remove_file(partial);
    let _ = std::fs::remove_file(with_suffix(partial, "-journal"));
}

/// Removes all but the newest backups of this database, by count and by total size.
fn prune(dir: &Path, stem: &str) -> Result<()> {
    let backups = backup_files(dir, stem)?;
    let mut kept = 0usize;
    let mut bytes = 0u64;
    for file in backups.iter().rev() {
        let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        let keep = kept == 0 || (kept < MAX_BACKUPS && bytes + size <= MAX_BACKUP_BYTES);
        if keep {
            kept += 1;
            bytes += size;
        } else {
            std::fs::remove_file(file).map_err(|e| {
                Error::io(format!("cannot remove old backup {}", file.display()), e)
            })?;
        }
    }
    Ok(())
}

/// Removes what failed backups leave in the backups folder: partial files, journals nobody
/// holds, and backups that are empty or not a database. Run when the database opens.
pub(super) fn sweep(db: &Path) {
    let dir = backup_dir(db);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let prefix = format!("{}.", stem(db));
    for file in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let name = file_name(&file);
        if !name.starts_with(&prefix) {
            continue;
        }
        // a partial file this young may be another process's backup under way
        let stale = std::fs::metadata(&file)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > STALE));
        let stray = ((name.ends_with(PARTIAL) || name.ends_with("-journal")) && stale)
            || (name.ends_with(".db") && !looks_like_sqlite(&file));
        if stray {
            let _ = std::fs::remove_file(&file);
        }
    }
}

/// Non-empty and starting with SQLite's header string.
fn looks_like_sqlite(file: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(file)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"SQLite format 3\0")
}
