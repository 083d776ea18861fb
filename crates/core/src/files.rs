//! Writing output files so that a failure never leaves one half-written.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// The suffix of the temporary file an output is written to before it is renamed into place.
const PARTIAL: &str = ".partial";

/// How old a temporary file must be before it is taken for one a killed writer left.
const STALE: std::time::Duration = std::time::Duration::from_secs(600);

/// Writes `bytes` to a temporary file beside `path`, flushes it to disk, then renames it over
/// `path`: readers see the old file or the whole new one, never a part.
///
/// - A path of `-` means standard output, for command lines.
/// - A symlink is followed: the file it points to is replaced, and the link stays.
/// - A file written over keeps its permissions.
/// - The temporary file is removed on any error, and ones that killed writers left beside
///   the same target are swept.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    if path == Path::new("-") {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(bytes)
            .and_then(|()| out.flush())
            .map_err(|e| Error::io("cannot write to standard output", e));
    }
    let target = through_symlinks(path)?;
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    sweep_stale(dir, &name);
    let temp = dir.join(format!(".{name}.{}{PARTIAL}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        if let Ok(old) = std::fs::metadata(&target) {
            file.set_permissions(old.permissions())?;
        }
        file.sync_all()?;
        std::fs::rename(&temp, &target)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io(format!("cannot write {}", path.display()), e)
    })
}

/// The file a path names once its symlinks are followed (it need not exist yet).
fn through_symlinks(path: &Path) -> Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = std::fs::read_link(&at)
                    .map_err(|e| Error::io(format!("cannot follow {}", at.display()), e))?;
                at = match at.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(Error::Conflict(format!(
        "{}: too many symlinks in a row",
        path.display()
    )))
}

/// Removes temporary files for `name` in `dir` that are older than any write takes.
fn sweep_stale(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.filter_map(std::result::Result::ok) {
        let file = entry.file_name().to_string_lossy().into_owned();
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > STALE));
        if file.starts_with(&prefix) && file.ends_with(PARTIAL) && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
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

/// The app's identifier, as `identifier` in `tauri.conf.json` says: it names the app's folders.
pub const APP_ID: &str = "dev.flightdeck.desktop";

/// The identifier up to 0.2.0. macOS reads an identifier ending in `.app` as a bundle's
/// extension, so it was changed, and the folder it named is moved once (`adopt_former_folder`).
pub const FORMER_APP_ID: &str = "dev.flightdeck.app";

/// Where the app keeps its database when nothing says otherwise: `flightdeck.db` in
/// `default_data_folder`.
pub fn default_database_path() -> Option<PathBuf> {
    default_data_folder().map(|folder| folder.join(DATABASE_FILE))
}

/// The OS app-data folder, as Tauri resolves it for the identifier `APP_ID`.
pub fn default_data_folder() -> Option<PathBuf> {
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
    base.map(|b| b.join(APP_ID))
}

/// Moves the folder that the former identifier named, beside `folder`, to `folder`: once, and
/// only when `folder` is named by `APP_ID`, does not exist yet, and the former one does. Says
/// which folder it moved. The app and the command line call it before they open anything in
/// the app-data folder, so a learner who ran 0.2.0 or an earlier build keeps their programs.
///
/// Two processes may race: the one whose rename fails finds the folder moved and goes on.
pub fn adopt_former_folder(folder: &Path) -> Result<Option<PathBuf>> {
    if folder.file_name() != Some(std::ffi::OsStr::new(APP_ID)) || folder.exists() {
        return Ok(None);
    }
    let former = folder.with_file_name(FORMER_APP_ID);
    if !former.is_dir() {
        return Ok(None);
    }
    match std::fs::rename(&former, folder) {
        Ok(()) => Ok(Some(former)),
        Err(_) if folder.exists() && !former.exists() => Ok(None),
        Err(e) => Err(Error::io(
            format!(
                "cannot move the app's folder from {} to {}; close any other Flightdeck and \
                 start again",
                former.display(),
                folder.display()
            ),
            e,
        )),
    }
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
