//! What the mock-runtime tests share: running a test in a child process with its own
//! environment, building the real app, and sending IPC requests as the UI does.
//!
//! The environment decides where the database lives (`FLIGHTDECK_DB`, `XDG_DATA_HOME`), and
//! a process has one environment, which edition 2024 no longer lets safe code change. So each
//! such test re-runs itself in a child process of this test binary with the environment it
//! needs: no test sees another's variables, and no `unsafe` is needed.

use std::process::Command;

use flightdeck_app::{build_app, context};
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

/// Set in the child process, where a test runs its body instead of spawning.
const CHILD: &str = "FLIGHTDECK_IPC_TEST_CHILD";

pub fn in_child() -> bool {
    std::env::var_os(CHILD).is_some()
}

/// Runs the test named `test` (its path in this binary) in a child process, with the
/// environment `configure` sets, and fails with the child's output when the child fails.
pub fn run_in_child(test: &str, configure: impl FnOnce(&mut Command)) {
    let exe = std::env::current_exe().expect("the test binary's path");
    let mut command = Command::new(exe);
    command
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1");
    configure(&mut command);
    let out = command.output().expect("the test binary runs again");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{test} failed in its child process:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("1 passed"),
        "the child process ran no test named {test}:\n{stdout}"
    );
}

/// Runs `test` in a child process whose app keeps its database in a new temporary folder,
/// and checks that the app opened it there.
pub fn run_with_own_database(test: &str) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("ipc.db");
    run_in_child(test, |c| {
        c.env("FLIGHTDECK_DB", &db);
    });
    assert!(
        db.exists(),
        "the app opened its store where FLIGHTDECK_DB said"
    );
}

/// The real app (configuration, capabilities, commands, store) on the mock runtime, with the
/// window the capability names.
pub fn open_app() -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = build_app(mock_builder(), context()).expect("the app builds and opens its store");
    let main = WebviewWindowBuilder::new(&app, "main", WebviewUrl::default())
        .build()
        .expect("the main window");
    (app, main)
}

/// One IPC request from the webview, as the UI's `invoke(cmd, args)` sends it.
pub fn invoke(
    webview: &WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    let url = if cfg!(windows) {
        "http://tauri.localhost"
    } else {
        "tauri://localhost"
    };
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: url.parse().expect("a valid URL"),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(webview, request).map(|body| {
        body.deserialize::<Value>()
            .expect("a command's reply is JSON")
    })
}

/// Calls a command that must succeed.
pub fn ok(webview: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Value {
    invoke(webview, cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
}

/// Calls a command that must fail, and returns its error payload.
pub fn refused(webview: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Value {
    match invoke(webview, cmd, args) {
        Ok(v) => panic!("{cmd} was expected to fail; it returned {v}"),
        Err(e) => e,
    }
}
