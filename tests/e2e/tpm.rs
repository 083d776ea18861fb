//! The TPM's views above the registers in the real window: logging a communication, recording
//! a reading and realising a risk from them, undo and redo from the keyboard, a refused delete,
//! and a look (screenshot and axe-core) at each view.

use fantoccini::Client;
use fantoccini::key::Key;
use flightdeck_core::Store;
use flightdeck_core::model::{Direction, Pack, Rag};
use flightdeck_core::register::RegisterName;
use flightdeck_core::status::program_status;

use super::workbench::{click, filter, gone, input_css, rows_shown, type_into};
use super::{image_loaded, look, wait_for};

/// A risk of the pack that something refers to, and what refers to it.
fn referred_risk(pack: &Pack) -> (String, Vec<String>) {
    let mut store = Store::open_in_memory().expect("a scratch store");
    let id = store.import(pack).expect("the pack imports");
    pack.risks
        .iter()
        .find_map(|r| {
            let found = store
                .referrers(id, RegisterName::Risks, &r.id)
                .expect("referrers");
            (!found.is_empty()).then(|| (r.id.clone(), found))
        })
        .expect("the sample refers to one of its risks")
}

/// The TPM's actions from the registers' views: logging a communication clears the
/// stakeholder from the overdue list, a reading changes a KPI's status, a realised risk opens
/// its issue; redo from the keyboard; a screenshot of each view.
pub async fn tpm_actions(client: &Client, pack: &Pack) {
    // the program is open on the registers tab, as every_register left it
    let status = program_status(pack, pack.program.as_of());

    // stakeholders: log a communication with the first one overdue
    click(client, "[data-testid=register-stakeholders]").await;
    wait_for(client, "[data-testid=power-interest]").await;
    let late = &status
        .overdue
        .first()
        .expect("the sample has someone overdue")
        .stakeholder;
    let row = format!("[data-testid=overdue] li[data-stakeholder='{late}']");
    wait_for(client, &row).await;
    look(client, "stakeholders.png").await;
    click(client, &format!("{row} button")).await;
    type_into(
        client,
        &input_css(RegisterName::Communications, "summary"),
        "Walked through the slip",
    )
    .await;
    click(client, "[data-testid=save]").await;
    wait_for(client, "[data-testid=saved]").await;
    click(client, "[data-testid=register-stakeholders]").await;
    wait_for(client, "[data-testid=overdue]").await;
    gone(client, &row).await;

    // KPIs: a reading past the red threshold turns the KPI red (or, if red, one on target green)
    click(client, "[data-testid=register-kpis]").await;
    let kpi = &pack.kpis[0];
    let now = status
        .kpis
        .iter()
        .find(|k| k.id == kpi.id)
        .and_then(|k| k.rag);
    let (value, want) = if now == Some(Rag::Red) {
        (kpi.target, "green")
    } else if kpi.direction == Direction::Lower {
        (kpi.red + 1000.0, "red")
    } else {
        (kpi.red - 1000.0, "red")
    };
    let rag_css = format!(
        "[data-testid=kpi-board] tr[data-kpi='{}'] [data-testid=kpi-rag]",
        kpi.id
    );
    wait_for(client, &rag_css).await;
    look(client, "kpis.png").await;
    click(
        client,
        &format!(
            "[data-testid=kpi-board] tr[data-kpi='{}'] td button",
            kpi.id
        ),
    )
    .await;
    type_into(
        client,
        &input_css(RegisterName::Measurements, "value"),
        &value.to_string(),
    )
    .await;
    click(client, "[data-testid=save]").await;
    wait_for(client, "[data-testid=saved]").await;
    click(client, "[data-testid=register-kpis]").await;
    wait_for(client, &format!("{rag_css}[data-rag={want}]")).await;

    // risks: realise the first open one; its issue appears, linked to it
    click(client, "[data-testid=register-risks]").await;
    wait_for(client, "[data-testid=risk-matrix]").await;
    let risk = &status.top_risks[0].id;
    let cell = pack
        .risks
        .iter()
        .find(|r| &r.id == risk)
        .expect("the top risk");
    click(
        client,
        &format!("[data-testid=cell-{}-{}]", cell.likelihood, cell.impact),
    )
    .await;
    wait_for(
        client,
        &format!("tbody[data-testid=rows] tr[data-key='{risk}']"),
    )
    .await;
    look(client, "risks.png").await;
    click(
        client,
        &format!("tbody[data-testid=rows] tr[data-key='{risk}'] [data-testid=realise]"),
    )
    .await;
    gone(
        client,
        &format!("tbody[data-testid=rows] tr[data-key='{risk}']"),
    )
    .await;
    click(client, "[data-testid=register-issues]").await;
    filter(client, &format!("I-{risk}")).await;
    rows_shown(client, 1).await;

    // undo the realisation, then redo it, from the keyboard
    let bar = wait_for(client, "[data-testid=show-history]").await;
    let ctrl = char::from(Key::Control);
    let shift = char::from(Key::Shift);
    bar.send_keys(&format!("{ctrl}z{ctrl}"))
        .await
        .expect("Ctrl+Z");
    rows_shown(client, 0).await;
    bar.send_keys(&format!("{ctrl}{shift}z{shift}{ctrl}"))
        .await
        .expect("Ctrl+Shift+Z");
    rows_shown(client, 1).await;
    click(client, "[data-testid=show-history]").await;
    wait_for(client, "[data-testid=history] li").await;
    look(client, "history.png").await;
    click(client, "[data-testid=show-history]").await;

    // a delete refused while others refer to the item names them
    let (risk, referrers) = referred_risk(pack);
    click(client, "[data-testid=register-risks]").await;
    filter(client, &risk).await;
    click(
        client,
        &format!("tbody[data-testid=rows] tr[data-key='{risk}'] button.open"),
    )
    .await;
    click(client, "[data-testid=delete]").await;
    let said = wait_for(client, "[data-testid=referrers]")
        .await
        .text()
        .await
        .expect("text");
    for r in &referrers {
        assert!(said.contains(r.as_str()), "the refusal names {r}: {said}");
    }
    look(client, "delete-refused.png").await;

    // the plan's views and the budget
    click(client, "[data-testid=register-milestones]").await;
    image_loaded(client, "img[data-testid=gantt]").await;
    look(client, "roadmap.png").await;
    click(client, "[data-testid=view-raci]").await;
    wait_for(client, "[data-testid=raci-matrix]").await;
    look(client, "raci.png").await;
    click(client, "[data-testid=view-deps]").await;
    wait_for(client, "[data-testid=dependency-matrix]").await;
    look(client, "dependencies.png").await;
    click(client, "[data-testid=register-costs]").await;
    wait_for(client, "[data-testid=budget] dd").await;
    look(client, "budget.png").await;
}
