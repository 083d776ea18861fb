//! The native menu bar: File (import and export a pack, quit), Edit (undo, redo), View (the
//! program's views and every register), Help (about, with the version). A chosen item is sent
//! to the window as a `menu` event carrying the item's id; the UI does the rest, as it would
//! for the same button.

use flightdeck_core::register::RegisterName;
use tauri::menu::{AboutMetadata, Menu, MenuBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Runtime};

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
        .build()?;
    MenuBuilder::new(app)
        .items(&[&file, &edit, &view.build()?, &help])
        .build()
}

/// Sends the chosen item's id to the window.
pub fn chosen<R: Runtime>(app: &AppHandle<R>, id: &str) {
    // nothing listens only before the page has loaded, when there is nothing to do anyway
    let _ = app.emit(EVENT, id);
}
