//! Accessibility: axe-core (ui/node_modules/axe-core, installed by `npm ci`) run in the real
//! window on a view, failing on any serious or critical violation with what and where.

use fantoccini::Client;
use serde_json::Value;

/// Runs axe on the page as it is now; panics listing every serious or critical violation.
pub async fn check(client: &Client, view: &str) {
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("ui/node_modules/axe-core/axe.min.js"),
    )
    .expect("axe-core is installed in ui/node_modules (script/bootstrap runs npm ci)");
    client
        .execute(&format!("{source}\nreturn true;"), vec![])
        .await
        .expect("axe loads in the page");
    let found = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               axe.run(document, { resultTypes: ["violations"] })
                 .then((r) => done(r.violations.map((v) => ({
                   id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }))))
                 .catch((e) => done([{ id: "axe-error", impact: "critical", help: String(e), nodes: [] }]));"#,
            vec![],
        )
        .await
        .expect("axe runs");
    let bad: Vec<&Value> = found
        .as_array()
        .into_iter()
        .flatten()
        .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
        .collect();
    assert!(
        bad.is_empty(),
        "{view}: {} serious or critical accessibility violations:\n{}",
        bad.len(),
        bad.iter()
            .map(|v| format!(
                "  {} ({}): {} at {}",
                v["id"], v["impact"], v["help"], v["nodes"]
            ))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
