//! The commands on register items: the catalogue of registers and their forms, listing and
//! reading items, and the edit history (apply an edit, undo, redo). Each is one core call.

use flightdeck_core::edit::{Action, parse_edit};
use flightdeck_core::register::list::{ItemPage, ItemRow, ItemTitle, parse_query};
use flightdeck_core::register::{RegisterInfo, RegisterName, catalogue};
use tauri::State;

use crate::commands::AppStore;
use crate::error::{CommandResult, guarded};

/// Every register with the fields of its form.
#[tauri::command(async)]
pub fn list_registers() -> Vec<RegisterInfo> {
    catalogue()
}

/// The query arrives as JSON and goes through core's `parse_query`, so a badly shaped one is
/// a `validation` error with its path, like an edit.
#[tauri::command(async)]
pub fn list_items(
    store: State<'_, AppStore>,
    id: i64,
    query: serde_json::Value,
) -> CommandResult<ItemPage> {
    guarded("list_items", || {
        let query = parse_query(&query)?;
        Ok(store.read()?.list_items(id, &query)?)
    })
}

/// Every item the query matches before its text, with what a text filter looks in: the
/// table filters these as the learner types, in the same frame as the keystroke.
#[tauri::command(async)]
pub fn list_searchable(
    store: State<'_, AppStore>,
    id: i64,
    query: serde_json::Value,
) -> CommandResult<ItemPage> {
    guarded("list_searchable", || {
        let query = parse_query(&query)?;
        Ok(store.read()?.list_searchable(id, &query)?)
    })
}

/// Every item of a register as (key, title), for a picker. The register comes as text and
/// is parsed by core, like `get_item`'s.
#[tauri::command(async)]
pub fn item_titles(
    store: State<'_, AppStore>,
    id: i64,
    register: String,
) -> CommandResult<Vec<ItemTitle>> {
    guarded("item_titles", || {
        let register = RegisterName::parse(&register)?;
        Ok(store.read()?.titles(id, register)?)
    })
}

/// The register comes as text and is parsed by core, so an unknown one is a `not_found` with
/// the list of registers rather than Tauri's own argument error.
#[tauri::command(async)]
pub fn get_item(
    store: State<'_, AppStore>,
    id: i64,
    register: String,
    key: String,
) -> CommandResult<ItemRow> {
    guarded("get_item", || {
        let register = RegisterName::parse(&register)?;
        Ok(store.read()?.item(id, register, &key)?)
    })
}

/// The items that refer to this one: what stops its removal.
#[tauri::command(async)]
pub fn item_referrers(
    store: State<'_, AppStore>,
    id: i64,
    register: String,
    key: String,
) -> CommandResult<Vec<String>> {
    guarded("item_referrers", || {
        let register = RegisterName::parse(&register)?;
        Ok(store.read()?.referrers(id, register, &key)?)
    })
}

/// The edit arrives as JSON and goes through core's `parse_edit`, so a badly shaped edit comes
/// back as a `validation` error with every problem at its path (`risks[R7].likelihood`).
#[tauri::command(async)]
pub fn apply_edit(
    store: State<'_, AppStore>,
    id: i64,
    edit: serde_json::Value,
) -> CommandResult<Action> {
    guarded("apply_edit", || {
        let edit = parse_edit(&edit)?;
        Ok(store.lock()?.apply(id, &edit)?)
    })
}

/// Checks an edit as `apply_edit` would and saves nothing: the form's check as the learner
/// types, answered with the same `validation` problems at their paths.
#[tauri::command(async)]
pub fn check_edit(
    store: State<'_, AppStore>,
    id: i64,
    edit: serde_json::Value,
) -> CommandResult<()> {
    guarded("check_edit", || {
        let edit = parse_edit(&edit)?;
        Ok(store.lock()?.check_edit(id, &edit)?)
    })
}

/// Undoes the latest action still in effect; `null` when there is none.
#[tauri::command(async)]
pub fn undo(store: State<'_, AppStore>, id: i64) -> CommandResult<Option<Action>> {
    guarded("undo", || Ok(store.lock()?.undo(id)?))
}

/// Redoes the latest undone action; `null` when there is none.
#[tauri::command(async)]
pub fn redo(store: State<'_, AppStore>, id: i64) -> CommandResult<Option<Action>> {
    guarded("redo", || Ok(store.lock()?.redo(id)?))
}

/// The program's action record.
#[tauri::command(async)]
pub fn history(store: State<'_, AppStore>, id: i64) -> CommandResult<Vec<Action>> {
    guarded("history", || Ok(store.read()?.history(id)?))
}
