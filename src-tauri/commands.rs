//! The commands the UI calls about whole programs, charts and exports. Each takes its
//! arguments, calls one core function and maps the error; nothing else lives here. Register
//! items and the actions on them are in `registers.rs` and `actions.rs`.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use flightdeck_core::chart::{Format, Size};
use flightdeck_core::edit::Action;
use flightdeck_core::files::write_atomically;
use flightdeck_core::overview::Overview;
use flightdeck_core::status::ProgramStatus;
use flightdeck_core::store::{OnLoaded, ProgramSummary};
use flightdeck_core::{Roadmap, Store};
use tauri::State;

use crate::error::{CommandResult, guarded};

/// The app's database: one connection that writes (and reads what its writes need), and
/// connections that only read, for the commands that only read. A status or a roadmap's plan,
/// read after every change, takes tens of milliseconds on a big program: on a connection of
/// their own they never hold up the next edit, and a table's page is not held up behind them.
pub struct AppStore {
    writer: Mutex<Store>,
    /// Read-only connections to the writer's file; none open while the store is in memory.
    readers: [Mutex<Option<Store>>; READERS],
}

/// How many reading connections: one per core of the machines we build for, so a table's
/// page and a status are read at once.
const READERS: usize = 2;

impl AppStore {
    /// The store, with readers of its file; a store in memory (after a database too damaged to
    /// open) has none, and everything goes through the writer until a backup is put back.
    pub fn new(writer: Store) -> AppStore {
        let path = writer.path().map(Path::to_path_buf);
        let store = AppStore {
            writer: Mutex::new(writer),
            readers: Default::default(),
        };
        store.open_readers(path.as_deref());
        store
    }

    /// Puts `store` in place of the writer, with readers of its file: the database put back at
    /// start in place of one too damaged to open.
    pub(crate) fn replace(&self, store: Store) -> CommandResult<()> {
        let path = store.path().map(Path::to_path_buf);
        *self.lock()? = store;
        self.open_readers(path.as_deref());
        Ok(())
    }

    /// Opens the readers of the file at `path`, in place of any before; none without a file. A
    /// reader that cannot be opened is left out and logged.
    fn open_readers(&self, path: Option<&Path>) {
        for slot in &self.readers {
            let reader = path.and_then(|path| {
                Store::open_reader(path)
                    .inspect_err(|e| log::warn!("reading through the writer: {e}"))
                    .ok()
            });
            *slot.lock().unwrap_or_else(PoisonError::into_inner) = reader;
        }
    }

    /// The writer, for a command that writes. A command that panicked while holding it left it
    /// poisoned; it is taken anyway: what that command was writing was rolled back with its
    /// transaction.
    pub(crate) fn lock(&self) -> CommandResult<MutexGuard<'_, Store>> {
        Ok(self.writer.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// A reader that is free, or the first to become so when all are busy; the writer when
    /// none is open. It sees every change committed before it is asked.
    pub(crate) fn read(&self) -> CommandResult<Reading<'_>> {
        let mut free = self.readers.iter().filter_map(|slot| slot.try_lock().ok());
        if let Some(reader) = free.find(|r| r.is_some()) {
            return Ok(Reading::Reader(reader));
        }
        let first = self.readers[0]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if first.is_some() {
            return Ok(Reading::Reader(first));
        }
        drop(first);
        Ok(Reading::Writer(self.lock()?))
    }
}

/// The connection a command that only reads was given: a reader, or the writer when no reader
/// is open.
pub(crate) enum Reading<'a> {
    /// Always an open reader: `AppStore::read` hands out no other.
    Reader(MutexGuard<'a, Option<Store>>),
    Writer(MutexGuard<'a, Store>),
}

impl Deref for Reading<'_> {
    type Target = Store;

    fn deref(&self) -> &Store {
        match self {
            Reading::Writer(writer) => writer,
            Reading::Reader(reader) => reader
                .as_ref()
                .unwrap_or_else(|| unreachable!("AppStore::read hands out open readers only")),
        }
    }
}

#[tauri::command(async)]
pub fn list_programs(store: State<'_, AppStore>) -> CommandResult<Vec<ProgramSummary>> {
    guarded("list_programs", || Ok(store.read()?.programs()?))
}

#[tauri::command(async)]
pub fn program_overview(store: State<'_, AppStore>, id: i64) -> CommandResult<Overview> {
    guarded("program_overview", || Ok(store.read()?.overview(id)?))
}

#[tauri::command(async)]
pub fn program_status(store: State<'_, AppStore>, id: i64) -> CommandResult<ProgramStatus> {
    guarded("program_status", || Ok(store.read()?.status(id)?))
}

/// Removes the program and everything in it.
#[tauri::command(async)]
pub fn remove_program(store: State<'_, AppStore>, id: i64) -> CommandResult<()> {
    guarded("remove_program", || Ok(store.lock()?.remove_program(id)?))
}

/// Puts the program back as its pack shipped it; recorded, never undone.
#[tauri::command(async)]
pub fn reset_program(store: State<'_, AppStore>, id: i64) -> CommandResult<Action> {
    guarded("reset_program", || Ok(store.lock()?.reset_program(id)?))
}

#[tauri::command(async)]
pub fn chart_names(store: State<'_, AppStore>, id: i64) -> CommandResult<Vec<String>> {
    guarded("chart_names", || Ok(store.read()?.chart_names(id)?))
}

/// The chart drawn to fill a place `width`×`height` big in the window, at its text's own
/// size: taller than the place where its content needs it (see `chart::fitted_size`), and a
/// roadmap too big to label whole in part (`ChartData::on_screen`). The
/// store is locked only to load what the chart is drawn from: the guard is a temporary of the
/// `let` statement, so it is dropped before the chart renders.
#[tauri::command(async)]
pub fn chart_svg(
    store: State<'_, AppStore>,
    id: i64,
    chart: String,
    width: u32,
    height: u32,
) -> CommandResult<String> {
    guarded("chart_svg", || {
        let pane = Size::new(width, height)?;
        let data = store.read()?.chart(id, &chart)?;
        Ok(data.on_screen(pane)?)
    })
}

/// The roadmap drawn to fill a place `width`×`height` big, as `chart_svg` draws the `gantt`
/// chart, with where each milestone is on it (the window's hover and click): the plan is
/// loaded and analysed once for both, and drawn after the store is let go.
#[tauri::command(async)]
pub fn roadmap(
    store: State<'_, AppStore>,
    id: i64,
    width: u32,
    height: u32,
) -> CommandResult<Roadmap> {
    guarded("roadmap", || {
        let pane = Size::new(width, height)?;
        let data = store.read()?.roadmap(id)?;
        Ok(data.draw(pane)?)
    })
}

/// `path` comes from the native save dialog; Rust does the writing. Rendering and writing
/// happen after the store is let go, as in `chart_svg`.
#[tauri::command(async)]
pub fn export_chart_png(
    store: State<'_, AppStore>,
    id: i64,
    chart: String,
    path: PathBuf,
) -> CommandResult<()> {
    guarded("export_chart_png", || {
        let data = store.read()?.chart(id, &chart)?;
        Ok(write_atomically(&path, &data.file(None, Format::Png)?)?)
    })
}

/// What exports as CSV: every register, and `evm` (earned value by week).
#[tauri::command(async)]
pub fn export_tables() -> Vec<&'static str> {
    flightdeck_core::export::tables()
}

/// `path` comes from the native save dialog; Rust does the writing.
#[tauri::command(async)]
pub fn export_csv(
    store: State<'_, AppStore>,
    id: i64,
    register: String,
    path: PathBuf,
) -> CommandResult<()> {
    guarded("export_csv", || {
        Ok(store.read()?.export_csv(id, &register, true, &path)?)
    })
}

/// `path` comes from the native open dialog or a file dropped on the window; `on` says what
/// to do when its program is loaded already (by default, refuse with `already_loaded`).
/// Returns the new program's id.
#[tauri::command(async)]
pub fn import_pack(
    store: State<'_, AppStore>,
    path: PathBuf,
    on: Option<OnLoaded>,
) -> CommandResult<i64> {
    guarded("import_pack", || {
        Ok(store
            .lock()?
            .import_file_as(&path, on.unwrap_or_default())?)
    })
}

/// Writes the program as a pack file where the native save dialog said.
#[tauri::command(async)]
pub fn export_pack(store: State<'_, AppStore>, id: i64, path: PathBuf) -> CommandResult<()> {
    guarded("export_pack", || {
        Ok(store.read()?.export_pack(id, &path)?)
    })
}

/// The UI calls this once the program list is painted. The cold-start benchmark sets
/// `FLIGHTDECK_REPORT_READY` and waits for the line; a normal run prints nothing.
#[tauri::command]
pub fn ready() {
    if std::env::var_os("FLIGHTDECK_REPORT_READY").is_some() {
        println!("flightdeck: ready");
    }
}

#[cfg(test)]
// Tests may panic on a broken fixture: that is their failure report.
#[allow(clippy::expect_used)]
mod tests {
    use std::path::Path;
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    /// The app's store on a database of the bundled programs in a new folder.
    fn app_store(dir: &Path) -> AppStore {
        let path = dir.join("fd.db");
        let mut writer = Store::open(&path).expect("open");
        writer.load_bundled_if_empty().expect("load");
        AppStore::new(writer)
    }

    #[test]
    fn reads_go_on_while_the_writer_and_a_reader_are_busy() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = app_store(dir.path());
        let (done, finished) = mpsc::channel();
        std::thread::scope(|scope| {
            let writing = store.lock().expect("the writer");
            let reading = store.read().expect("a first reader");
            // another command reads meanwhile: a second reader, not a wait (on failure the
            // assertion below reports it, and dropping the guards lets the thread end)
            scope.spawn(|| {
                let programs = store.read().and_then(|r| Ok(r.programs()?));
                done.send(programs.map(|p| p.len()).ok()).expect("send");
            });
            let read = finished.recv_timeout(Duration::from_secs(10));
            drop((writing, reading));
            let all = flightdeck_core::bundled::sources().len();
            assert_eq!(
                read,
                Ok(Some(all)),
                "a read went on while the writer and a reader were held"
            );
        });
    }

    #[test]
    fn without_a_file_reads_go_through_the_writer_until_a_database_is_put_in_its_place() {
        let store = AppStore::new(Store::open_in_memory().expect("open"));
        let read = store.read().expect("the writer");
        assert!(
            store.writer.try_lock().is_err(),
            "the read holds the writer"
        );
        drop(read);

        // a backup put back at start: the store on a file again, read beside the writer
        let dir = tempfile::tempdir().expect("tempdir");
        let mut file = Store::open(&dir.path().join("fd.db")).expect("open");
        file.load_bundled_if_empty().expect("load");
        store.replace(file).expect("replace");
        let read = store.read().expect("a reader");
        assert!(matches!(read, Reading::Reader(_)), "a reader is open again");
        assert!(
            store.writer.try_lock().is_ok(),
            "the read leaves the writer free"
        );
        let all = flightdeck_core::bundled::sources().len();
        assert_eq!(read.programs().expect("programs").len(), all);
    }
}
