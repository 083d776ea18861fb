//! Copies of the database taken with SQLite's online backup before anything risky.

use std::path::{Path, PathBuf};

use rusqlite::MAIN_DB;

use super::Store;
use crate::{Error, Result};

/// Backups kept per database; older ones are removed after each new backup.
pub const MAX_BACKUPS: usize = 5;

impl Store {
    /// Backs the database up into `backups/` beside it, keeping the newest [`MAX_BACKUPS`].
    /// An in-memory store has nothing to back up.
    pub fn backup(&self, reason: &str) -> Result<Option<PathBuf>> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        let dir = backup_dir(path);
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
        let stem = stem(path);
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f");
        let target = dir.join(format!("{stem}.{stamp}.{reason}.db"));
        self.conn().backup(MAIN_DB, &target, None)?;
        prune(&dir, &stem)?;
        Ok(Some(target))
    }
}

pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map_or_else(|| "flightdeck".into(), |s| s.to_string_lossy().into_owned())
}

/// Removes all but the newest backups of this database; names sort by time.
fn prune(dir: &Path, stem: &str) -> Result<()> {
    let prefix = format!("{stem}.");
    let mut backups: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(format!("cannot list {}", dir.display()), e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".db"))
        })
        .collect();
    backups.sort();
    let excess = backups.len().saturating_sub(MAX_BACKUPS);
    for old in &backups[..excess] {
        std::fs::remove_file(old)
            .map_err(|e| Error::io(format!("cannot remove old backup {}", old.display()), e))?;
    }
    Ok(())
}
