//! Writing output files so that a failure never leaves one half-written.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk, then renames it over
/// `path`: readers see the old file or the whole new one, never a part.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.partial", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io(format!("cannot write {}", path.display()), e)
    })
}

/// The database the app and the command line use, by one rule: `FLIGHTDECK_DB` when set, else
/// `flightdeck.db` in the app-data folder (as Tauri resolves it in the app, `app_data` here;
/// the same rule computed when there is no Tauri, on the command line).
pub fn database_path(app_data: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("FLIGHTDECK_DB") {
        return Some(PathBuf::from(path));
    }
    match app_data {
        Some(dir) => Some(dir.join(DATABASE_FILE)),
        None => default_database_path(),
    }
}

const DATABASE_FILE: &str = "flightdeck.db";

/// Where the app keeps its database when nothing says otherwise: the OS app-data folder, as
/// Tauri resolves it for the identifier `dev.flightdeck.app`.
pub fn default_database_path() -> Option<PathBuf> {
    const ID: &str = "dev.flightdeck.app";
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let base = if cfg!(target_os = "windows") {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        home.map(|h| h.join("Library/Application Support"))
    } else {
        // as the XDG spec and Tauri do, an empty or relative XDG_DATA_HOME is ignored
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| home.map(|h| h.join(".local/share")))
    };
    base.map(|b| b.join(ID).join(DATABASE_FILE))
}

/// The text of the file at `path`, refused before reading when it is over `max` bytes.
pub fn read_capped(path: &Path, max: u64) -> Result<String> {
    let name = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|e| crate::Error::io(format!("cannot read {name}"), e))?
        .len();
    if size > max {
        return Err(crate::Error::Limit(format!(
            "{name}: the file is {size} bytes; the limit is {max} bytes"
        )));
    }
    std::fs::read_to_string(path).map_err(|e| crate::Error::io(format!("cannot read {name}"), e))
}
