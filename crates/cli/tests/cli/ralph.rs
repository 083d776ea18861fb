//! Ralph, a learning record store, run by `script/lrs` on a port and in a folder of its own
//! for one test: the xAPI tests of the command line and the app's end-to-end test share it.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

/// The one user the store knows.
pub const USER: &str = "trainer";
pub const PASSWORD: &str = "s3cret-for-tests";

/// A Ralph LRS with its data in a folder of its own, stopped when dropped.
pub struct Ralph {
    pub dir: tempfile::TempDir,
    pub port: u16,
}

/// `script/lrs`, found from whichever package's tests include this file.
fn script() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .map(|dir| dir.join("script/lrs"))
        .find(|script| script.is_file())
        .expect("script/lrs, in the project's script folder")
}

impl Ralph {
    pub fn start() -> Ralph {
        let dir = tempfile::tempdir().expect("tempdir");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let ralph = Ralph { dir, port };
        ralph.run("start");
        ralph
    }

    fn run(&self, what: &str) {
        let mut command = Command::new(script());
        command.arg(what).arg(self.dir.path());
        if what == "start" {
            command.args([&self.port.to_string(), USER, PASSWORD]);
        }
        let out = command.output().expect("script/lrs runs");
        assert!(
            out.status.success(),
            "script/lrs {what}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub fn stop(&self) {
        self.run("stop");
    }

    pub fn restart(&self) {
        self.run("start");
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}/xAPI/", self.port)
    }

    /// Every statement stored, oldest first, following `more` page by page.
    pub fn statements(&self) -> Vec<Value> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let mut out = Vec::new();
        let mut next = "/xAPI/statements?limit=100".to_string();
        loop {
            let page: Value = agent
                .get(&format!("http://127.0.0.1:{}{next}", self.port))
                .header("X-Experience-API-Version", "1.0.3")
                .header("Authorization", &format!("Basic {}", basic()))
                .call()
                .expect("GET statements")
                .body_mut()
                .read_json()
                .expect("a statement result");
            let statements = page["statements"].as_array().expect("statements");
            out.extend(statements.iter().cloned());
            match page["more"].as_str() {
                Some(more) if !more.is_empty() && !statements.is_empty() => next = more.to_string(),
                _ => return out,
            }
        }
    }
}

impl Drop for Ralph {
    fn drop(&mut self) {
        let _ = Command::new(script())
            .arg("stop")
            .arg(self.dir.path())
            .output();
    }
}

pub fn basic() -> String {
    use std::io::Write;
    // the header the client is expected to send, worked out here by the shell's base64
    let mut child = Command::new("base64")
        .arg("-w0")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("base64");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{USER}:{PASSWORD}").as_bytes())
        .expect("write");
    String::from_utf8(child.wait_with_output().expect("base64").stdout).expect("utf8")
}
