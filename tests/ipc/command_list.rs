//! A command the UI calls is named in four places: the handler list in `src-tauri/lib.rs`,
//! `COMMANDS` in `src-tauri/build.rs` (which makes its permission), the main window's
//! capability (which grants it) and `ui/src/lib/api.ts` (which calls it). Miss one and the
//! command is unreachable or refused at run time, so the four must name the same set.

use std::collections::BTreeSet;
use std::path::Path;

const LIB: &str = "src-tauri/lib.rs";
const BUILD: &str = "src-tauri/build.rs";
const CAPABILITY: &str = "src-tauri/capabilities/main-window.json";
const API: &str = "ui/src/lib/api.ts";

/// Permissions the main window holds besides the app's own commands: the native dialogs.
/// Beside its own commands, the window may open the native dialogs and listen to the app's
/// events: the native menu's choices and a pack file dropped on the window.
const OTHER_PERMISSIONS: &[&str] = &[
    "dialog:allow-save",
    "dialog:allow-open",
    "core:event:allow-listen",
    "core:event:allow-unlisten",
];

fn read(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {file}: {e}"))
}

/// The text between `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str, file: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{file} no longer contains `{start}`; update this test"))
        + start.len();
    let len = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("{file}: no `{end}` after `{start}`"));
    &text[from..from + len]
}

/// Every "…" literal in the text, in order.
fn string_literals(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

/// `commands::list_programs, registers::undo, …` in `generate_handler![…]`.
fn handler_names() -> BTreeSet<String> {
    let text = read(LIB);
    between(&text, "generate_handler![", "]", LIB)
        .split(',')
        .map(str::trim)
        .filter(|path| !path.is_empty())
        .map(|path| path.rsplit("::").next().unwrap_or(path).to_string())
        .collect()
}

fn build_names() -> BTreeSet<String> {
    let text = read(BUILD);
    string_literals(between(&text, "const COMMANDS: &[&str] = &[", "];", BUILD))
        .into_iter()
        .collect()
}

/// The capability's permissions: the app's `allow-<kebab-name>` ones as command names, and
/// the rest as they are written.
fn capability_permissions() -> (BTreeSet<String>, Vec<String>) {
    let json: serde_json::Value =
        serde_json::from_str(&read(CAPABILITY)).unwrap_or_else(|e| panic!("{CAPABILITY}: {e}"));
    let mut commands = BTreeSet::new();
    let mut others = Vec::new();
    let permissions = json["permissions"]
        .as_array()
        .unwrap_or_else(|| panic!("{CAPABILITY} has no permissions list"));
    for permission in permissions {
        let permission = permission
            .as_str()
            .unwrap_or_else(|| panic!("{CAPABILITY}: expected plain names, found {permission}"));
        match permission.strip_prefix("allow-") {
            Some(kebab) => commands.insert(kebab.replace('-', "_")),
            None => {
                others.push(permission.to_string());
                true
            }
        };
    }
    (commands, others)
}

/// The names `api.ts` passes as the first argument of `call(…)` or `invoke(…)`, with or
/// without a type argument: `call<Action | null>("undo", { id })`.
fn api_names() -> BTreeSet<String> {
    let text = read(API);
    let mut names = BTreeSet::new();
    for callee in ["call", "invoke"] {
        for (at, _) in text.match_indices(callee) {
            let word_start = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'));
            if !word_start {
                continue;
            }
            let mut rest = &text[at + callee.len()..];
            if rest.starts_with('<') {
                let mut depth = 0;
                let Some(end) = rest.char_indices().find_map(|(i, c)| {
                    match c {
                        '<' => depth += 1,
                        '>' => depth -= 1,
                        _ => {}
                    }
                    (depth == 0).then_some(i)
                }) else {
                    continue;
                };
                rest = &rest[end + 1..];
            }
            let Some(args) = rest.strip_prefix('(') else {
                continue;
            };
            let args = args.trim_start();
            let Some(quote) = args
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\'' | '`'))
            else {
                continue; // `invoke<T>(command, args)`: the one generic caller
            };
            if let Some(name) = args[1..].split(quote).next() {
                names.insert(name.to_string());
            }
        }
    }
    names
}

#[test]
fn every_command_is_named_alike_in_the_handler_the_permissions_the_capability_and_the_api() {
    let (capability, _) = capability_permissions();
    let sources = [
        (format!("{LIB} (generate_handler!)"), handler_names()),
        (format!("{BUILD} (COMMANDS)"), build_names()),
        (format!("{CAPABILITY} (allow-*)"), capability),
        (format!("{API} (call/invoke)"), api_names()),
    ];
    for (source, names) in &sources {
        // A reader that finds nothing would make the sets agree trivially.
        for known in ["list_programs", "apply_edit", "undo", "export_tables"] {
            assert!(
                names.contains(known),
                "{source}: found {names:?}, not `{known}`; is the file read right?"
            );
        }
    }
    let all: BTreeSet<&String> = sources.iter().flat_map(|(_, names)| names).collect();
    let mut problems = Vec::new();
    for name in all {
        let missing: Vec<&str> = sources
            .iter()
            .filter(|(_, names)| !names.contains(name))
            .map(|(source, _)| source.as_str())
            .collect();
        if !missing.is_empty() {
            problems.push(format!("`{name}` is missing from {}", missing.join(", ")));
        }
    }
    assert!(
        problems.is_empty(),
        "the command lists disagree:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn the_main_window_is_granted_only_the_apps_commands_the_native_dialogs_and_events() {
    let (_, others) = capability_permissions();
    let unexpected: Vec<&String> = others
        .iter()
        .filter(|p| !OTHER_PERMISSIONS.contains(&p.as_str()))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{CAPABILITY} grants {unexpected:?}; the webview gets no fs/shell/http plugin \
         (ENGINEERING.md, Security): file work is done by Rust on a path from a native dialog"
    );
}
