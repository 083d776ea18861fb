//! The native menu bar: File (import and export a pack, quit), Edit (undo, redo), View (the
//! program's views and every register), Help (about, with the version, and the logs folder).
//! A chosen item is sent to the window as a `menu` event carrying the item's id, and the UI does
//! the rest, as it would for the same button; the logs folder is opened from here.

use flightdeck_core::register::RegisterName;
use tauri::menu::{AboutMetadata, Menu, MenuBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tauri_plugin_opener::OpenerExt;

/// The event the window listens to.
pub const EVENT: &str = "menu";

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let file = SubmenuBuilder::new(app, "File")
        .text("import", "Import pack…")
        .text("export-pack", "Export program as pack…")
        .separator()
        .quit()
        .build()?;
    // no accelerators: Ctrl+Z in a text field stays the field's own undo, and the window
    // handles it elsewhere
    let edit = SubmenuBuilder::new(app, "Edit")
        .text("undo", "Undo (Ctrl+Z)")
        .text("redo", "Redo (Ctrl+Shift+Z)")
        .separator()
        .cut()
        .copy()
        .paste()
        .select_all()
        .build()?;
    let mut view = SubmenuBuilder::new(app, "View");
    for (id, label) in [
        ("tab:overview", "Overview"),
        ("tab:status", "Status"),
        ("tab:charts", "Charts"),
        ("tab:exports", "Exports"),
    ] {
        view = view.text(id, label);
    }
    view = view.separator();
    for register in RegisterName::ALL {
        view = view.text(format!("register:{}", register.name()), register.label());
    }
    let about = AboutMetadata {
        name: Some("Flightdeck".into()),
        version: Some(app.package_info().version.to_string()),
        comments: Some(
            "Practise the job of a Technical Program Manager on realistic programs.".into(),
        ),
        // the window's icon is 512 px, shown at full size by the dialog
        icon: Some(tauri::include_image!("src-tauri/icons/128x128.png")),
        ..AboutMetadata::default()
    };
    let help = SubmenuBuilder::new(app, "Help")
        .about_with_text("About Flightdeck", Some(about))
        .text(OPEN_LOGS, "Open logs folder")
        .build()?;
    MenuBuilder::new(app)
        .items(&[&file, &edit, &view.build()?, &help])
        .build()
}

/// The item that opens the log folder, done here rather than in the window.
const OPEN_LOGS: &str = "open-logs";

/// Opens the log folder, or sends the chosen item's id to the window.
pub fn chosen<R: Runtime>(app: &AppHandle<R>, id: &str) {
    if id == OPEN_LOGS {
        open_logs(app);
        return;
    }
    // nothing listens only before the page has loaded, when there is nothing to do anyway
    let _ = app.emit(EVENT, id);
}

/// Opens the app's log folder with the system's file manager, making it if nothing has been
/// logged yet.
fn open_logs<R: Runtime>(app: &AppHandle<R>) {
    let opened = app
        .path()
        .app_log_dir()
        .map_err(|e| e.to_string())
        .and_then(|dir| {
            std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            app.opener()
                .open_path(dir.to_string_lossy(), None::<&str>)
                .map_err(|e| format!("{}: {e}", dir.display()))
        });
    if let Err(e) = opened {
        log::warn!("cannot open the logs folder: {e}");
    }
}
