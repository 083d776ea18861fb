//! Practice mode in the real window: start an Atlas attempt, read the inbox, add a risk, log
//! a communication, write the weekly status, advance the clock, finish, see the debrief's
//! scores (the same core works out from the database), and save the attempt file.

use std::path::Path;

use fantoccini::Client;
use flightdeck_core::Store;
use flightdeck_core::model::Pack;
use flightdeck_core::register::RegisterName;

use super::workbench::{click, in_view, input_css, type_into};
use super::{image_loaded, look, wait_for, wait_for_text};

pub async fn a_learner_practises(client: &Client, pack: &Pack, db: &Path) {
    click(client, &format!("button[data-slug='{}']", pack.program.id)).await;
    wait_for_text(client, "[data-testid=program-name]", &pack.program.name).await;
    click(client, "[data-testid=tab-practice]").await;
    wait_for(client, "[data-testid=practice-start] h2").await;
    look(client, "practice-start.png").await;
    type_into(client, "[data-testid=learner]", "Ana Ruiz").await;
    click(client, "[data-testid=start-attempt]").await;

    // the attempt opens on its practice tab, with week 1's event in the inbox
    wait_for(client, "[data-testid=attempt-bar]").await;
    let first = &pack.scenario.as_ref().expect("a scenario").events[0];
    wait_for(
        client,
        &format!("[data-testid=inbox] li[data-event='{}']", first.id),
    )
    .await;
    look(client, "practice-inbox.png").await;

    // respond in the registers: a new risk, and a call with the first stakeholder
    click(client, "[data-testid=tab-registers]").await;
    click(client, "[data-testid=register-risks]").await;
    click(client, "[data-testid=add-item]").await;
    type_into(client, &input_css(RegisterName::Risks, "id"), "R-mtls").await;
    type_into(
        client,
        &input_css(RegisterName::Risks, "title"),
        "Strict mTLS breaks more callbacks",
    )
    .await;
    type_into(client, &input_css(RegisterName::Risks, "likelihood"), "3").await;
    type_into(client, &input_css(RegisterName::Risks, "impact"), "4").await;
    for (field, value) in [("response", "reduce"), ("status", "open")] {
        wait_for(client, &input_css(RegisterName::Risks, field))
            .await
            .select_by_value(value)
            .await
            .expect("choose");
    }
    click(client, "[data-testid=save]").await;
    wait_for(client, "[data-testid=saved]").await;
    click(client, "[data-testid=register-communications]").await;
    click(client, "[data-testid=add-item]").await;
    type_into(
        client,
        &input_css(RegisterName::Communications, "date"),
        "2027-02-15",
    )
    .await;
    let who = &pack.stakeholders[0].id;
    let field = input_css(RegisterName::Communications, "stakeholders");
    wait_for(
        client,
        &format!(
            "[data-testid=field-{}] input[data-key='{who}']",
            &field[1..]
        ),
    )
    .await
    .click()
    .await
    .expect("choose who was called");
    type_into(
        client,
        &input_css(RegisterName::Communications, "summary"),
        "Walked through the mTLS slip",
    )
    .await;
    click(client, "[data-testid=save]").await;
    wait_for(client, "[data-testid=saved]").await;

    // the weekly status, then the clock moves to week 2
    click(client, "[data-testid=tab-practice]").await;
    click(client, "[data-testid=overall-amber]").await;
    let kpi = &pack.kpis[0].id;
    in_view(client, &format!("[data-testid=kpi-{kpi}]"))
        .await
        .select_by_value("red")
        .await
        .expect("a KPI's colour");
    type_into(
        client,
        "[data-testid=status-note]",
        "M2 slips two weeks; M4 re-planned.",
    )
    .await;
    click(client, "[data-testid=save-status]").await;
    wait_for(client, "[data-testid=status-saved]").await;
    look(client, "practice-status.png").await;
    click(client, "[data-testid=next-week]").await;
    wait_for_text(client, "[data-testid=clock]", "22 Feb 2027 · week 2 of 12").await;

    // finish: the debrief shows the score core works out from the record
    click(client, "[data-testid=finish]").await;
    click(client, "[data-testid=confirm-finish]").await;
    let total = wait_for(client, "[data-testid=total-score]")
        .await
        .text()
        .await
        .expect("text");
    let (attempt, expected) = {
        let store = Store::open(db).expect("the app's database");
        let attempt = store
            .attempts(Some(&pack.program.id))
            .expect("attempts")
            .remove(0);
        let debrief = store.debrief(attempt.id).expect("debrief");
        (attempt, debrief.scored.total.percent)
    };
    assert!(attempt.finished());
    assert_eq!(
        total,
        format!("{}%", expected.round()),
        "the window shows core's score"
    );
    image_loaded(client, "[data-testid=debrief-chart]").await;
    let undo = wait_for(client, "[data-testid=undo]").await;
    assert!(
        !undo.is_enabled().await.expect("enabled?"),
        "a finished attempt offers no undo"
    );
    look(client, "practice-debrief.png").await;

    // the attempt file, as the save dialog's command writes it
    let path = db.with_file_name("ana.fdattempt");
    client
        .execute(
            "return window.__TAURI_INTERNALS__.invoke('export_attempt', { id: arguments[0], path: arguments[1] })",
            vec![serde_json::json!(attempt.id), serde_json::json!(path)],
        )
        .await
        .expect("export the attempt");
    let file = flightdeck_core::practice::file::read_attempt(&path).expect("the file reads back");
    assert_eq!(file.record.learner, "Ana Ruiz");
    assert!(
        file.record.actions.len() >= 2,
        "the risk and the call are on the record"
    );
}
