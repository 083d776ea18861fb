//! The TPM's views above the registers in the real window: logging a communication, recording
//! a reading and realising a risk from them, undo and redo from the keyboard, a refused delete,
//! and a look (screenshot and axe-core) at each view.

use std::path::Path;

use fantoccini::Client;
use fantoccini::actions::{InputSource, MouseActions, PointerAction};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use flightdeck_core::Store;
use flightdeck_core::figures::RiskLevel;
use flightdeck_core::model::{Direction, Pack, Rag};
use flightdeck_core::register::RegisterName;
use flightdeck_core::status::program_status;

use super::workbench::{click, filter, gone, input_css, rows_shown, table_tops, type_into};
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
pub async fn tpm_actions(client: &Client, pack: &Pack, db: &Path) {
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
    click(client, "[data-testid=close-form]").await;

    // risks by level: the filter lists the risks core rates at that level, and only them
    let (id, program) = {
        let store = Store::open(db).expect("the app's database, beside the app");
        let id = store.find_program(&pack.program.id).expect("the program");
        (id, store.load(id).expect("load"))
    };
    let level = RiskLevel::High;
    let at_level = program
        .risks
        .iter()
        .filter(|r| RiskLevel::of(r.likelihood, r.impact) == level)
        .count();
    assert!(at_level > 0, "the sample has a {} risk", level.name());
    // emptied as a person would, with the keyboard: WebDriver's clear fires no input event
    let ctrl = char::from(Key::Control);
    wait_for(client, "[data-testid=filter]")
        .await
        .send_keys(&format!("{ctrl}a{ctrl}{}", char::from(Key::Backspace)))
        .await
        .expect("empty the filter");
    wait_for(client, "[data-testid=filter-level]")
        .await
        .select_by_value(level.name())
        .await
        .expect("choose a level");
    rows_shown(client, at_level).await;
    look(client, "risks-by-level.png").await;

    // a risk is found by its owner's name, as the table shows its owner
    let owner = program
        .stakeholders
        .iter()
        .find(|s| {
            program
                .risks
                .iter()
                .any(|r| r.owner.as_ref() == Some(&s.id))
        })
        .expect("a risk's owner");
    let found = program
        .risks
        .iter()
        .filter(|r| {
            r.owner.as_ref() == Some(&owner.id)
                || serde_json::to_string(r)
                    .expect("json")
                    .contains(&owner.name)
        })
        .count();
    wait_for(client, "[data-testid=filter-level]")
        .await
        .select_by_value("")
        .await
        .expect("any level");
    filter(client, &owner.name).await;
    rows_shown(client, found).await;
    look(client, "risks-by-owner.png").await;

    // back on a register, its table is where it was while the view above it loads again: it
    // does not jump down as the heat map fills in
    click(client, "[data-testid=register-goals]").await;
    let (at_rows, loaded, view) = table_tops(client, "risks").await;
    assert!(
        (at_rows - loaded).abs() < 1.0,
        "the risks' table was at {at_rows} px with its first rows, at {loaded} px while the heat map loaded; the view then: {view}"
    );

    // the plan's views and the budget
    click(client, "[data-testid=register-milestones]").await;
    let gantt = image_loaded(client, "img[data-testid=gantt]").await;
    look(client, "roadmap.png").await;
    roadmap_hover_and_click(client, &program, id, &gantt).await;
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

/// Hovering a milestone's row on the roadmap shows its full title and dates; a click opens it.
async fn roadmap_hover_and_click(client: &Client, pack: &Pack, id: i64, gantt: &Element) {
    let roadmap = client
        .execute(
            "return window.__TAURI_INTERNALS__.invoke('roadmap', { id: arguments[0], width: arguments[1].naturalWidth, height: arguments[1].naturalHeight });",
            vec![serde_json::json!(id), serde_json::to_value(gantt).expect("element")],
        )
        .await
        .expect("the roadmap's rows");
    let row = &roadmap["rows"][0];
    let key = row["id"].as_str().expect("an id");
    let milestone = pack
        .milestones
        .iter()
        .find(|m| m.id == key)
        .expect("a milestone");
    // the middle of the bar, in the viewport: the image's top-left corner as drawn now, plus
    // where the row is on the drawing
    let x = (row["left"].as_f64().expect("left") + row["right"].as_f64().expect("right")) / 2.0;
    let y = (row["top"].as_f64().expect("top") + row["bottom"].as_f64().expect("bottom")) / 2.0;
    let corner = client
        .execute(
            "const r = arguments[0].getBoundingClientRect(); return [r.left, r.top];",
            vec![serde_json::to_value(gantt).expect("element")],
        )
        .await
        .expect("the image's corner");
    let at = |i: usize| corner[i].as_f64().expect("a coordinate");
    let pointer = MouseActions::new("mouse".into()).then(PointerAction::MoveTo {
        duration: None,
        x: (at(0) + x).round(),
        y: (at(1) + y).round(),
    });
    client.perform_actions(pointer).await.expect("hover a bar");
    let tip = wait_for(client, "[data-testid=gantt-tip]")
        .await
        .text()
        .await
        .expect("text");
    assert!(
        tip.contains(&milestone.title) && tip.contains("Click to open"),
        "the tip names {key} in full: {tip}"
    );
    look(client, "roadmap-hover.png").await;
    let click_it = MouseActions::new("mouse".into())
        .then(PointerAction::Down {
            button: fantoccini::actions::MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Up {
            button: fantoccini::actions::MOUSE_BUTTON_LEFT,
        });
    client
        .perform_actions(click_it)
        .await
        .expect("click the bar");
    let form_title = wait_for(client, &input_css(RegisterName::Milestones, "title"))
        .await
        .prop("value")
        .await
        .expect("value");
    assert_eq!(
        form_title.as_deref(),
        Some(milestone.title.as_str()),
        "the click opened {key}"
    );
    click(client, "[data-testid=close-form]").await;
}
