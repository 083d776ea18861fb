//! Every register through one generic path: put, an invalid put with every problem at its
//! path, remove, a removal refused while referenced, undo and redo; narrow lists in SQL; and
//! the store's write lock taken before anything is read.

use flightdeck_core::edit::{Edit, parse_edit};
use flightdeck_core::register::field::FieldKind;
use flightdeck_core::register::list::{ItemQuery, SortDirection};
use flightdeck_core::register::{RegisterName, catalogue};
use flightdeck_core::{Error, Store, bundled};
use serde_json::{Value, json};

use crate::edits::store_with_sample;

/// The edit that puts `item` (an ItemRow or Item as JSON) with a new key.
fn copy_of(register: RegisterName, row: &Value) -> (Value, Option<String>) {
    let mut item = row["item"].clone();
    let key = register
        .keyed()
        .then(|| format!("{}-copy", row["key"].as_str().unwrap_or("x")));
    if let Some(key) = &key {
        item["id"] = json!(key);
    }
    (
        json!({"op": "put", "register": register.name(), "item": item}),
        key,
    )
}

#[test]
fn every_register_puts_refuses_removes_undoes_and_redoes_through_one_path() {
    let (mut s, id, pack) = store_with_sample();
    let mut refused_while_referenced = Vec::new();
    for info in catalogue() {
        let r = info.register;
        let page = s.list_items(id, &ItemQuery::all(r)).expect("list");
        let first =
            serde_json::to_value(page.rows.first().unwrap_or_else(|| panic!("{r} has items")))
                .expect("json");

        // put a copy under a new key
        let (put, key) = copy_of(r, &first);
        let action = s
            .apply(id, &parse_edit(&put).expect("a valid edit"))
            .expect("put");
        let key = key.unwrap_or_else(|| action.target.rsplit('/').next().expect("key").to_string());
        assert_eq!(action.target, format!("{r}/{key}"));
        let stored = serde_json::to_value(s.item(id, r, &key).expect("stored")).expect("json");
        assert_eq!(stored["item"], put["item"], "{r}: stored as put");

        // an invalid put: every field of a checkable kind spoiled, every problem at its path
        let mut bad = put.clone();
        let mut spoiled_shape = Vec::new();
        let mut spoiled_refs = Vec::new();
        for f in &info.fields {
            match f.kind {
                FieldKind::Date | FieldKind::Choice { .. } | FieldKind::Number { .. } => {
                    bad["item"][&f.name] = json!("??");
                    spoiled_shape.push(f.name.clone());
                }
                FieldKind::Reference { .. } => {
                    bad["item"][&f.name] = json!("ghost");
                    spoiled_refs.push(f.name.clone());
                }
                _ => {}
            }
        }
        // shape problems are reported before the item is read, references after
        let expected = if spoiled_shape.is_empty() {
            spoiled_refs
        } else {
            spoiled_shape
        };
        assert!(!expected.is_empty(), "{r} has a field to spoil");
        let err = parse_edit(&bad)
            .and_then(|edit| s.apply(id, &edit))
            .expect_err("refused");
        let Error::Invalid(found) = &err else {
            panic!("{r}: {err}")
        };
        let mut paths: Vec<String> = found.iter().map(|p| p.path.clone()).collect();
        paths.sort();
        // a new log entry has no key yet
        let at = if r.keyed() { key.as_str() } else { "new" };
        let mut want: Vec<String> = expected.iter().map(|f| format!("{r}[{at}].{f}")).collect();
        want.sort();
        assert_eq!(paths, want, "{r}: {err}");

        // remove, undo, redo
        let remove = Edit::Remove {
            register: r,
            key: key.clone(),
        };
        s.apply(id, &remove).expect("remove");
        assert!(s.item(id, r, &key).is_err(), "{r}: removed");
        s.undo(id).expect("undo");
        assert_eq!(
            serde_json::to_value(s.item(id, r, &key).expect("back")).expect("json")["item"],
            put["item"]
        );
        s.redo(id).expect("redo");
        assert!(s.item(id, r, &key).is_err(), "{r}: removed again");

        // the original, when something refers to it, cannot be removed
        let original = first["key"].as_str().expect("key").to_string();
        let referrers = s.referrers(id, r, &original).expect("referrers");
        if let Some(who) = referrers.first() {
            let err = s
                .apply(
                    id,
                    &Edit::Remove {
                        register: r,
                        key: original.clone(),
                    },
                )
                .expect_err("referenced");
            assert!(err.to_string().contains(who), "{r}: {err}");
            refused_while_referenced.push(r);
        }
    }
    use RegisterName::*;
    for r in [Goals, Teams, Workstreams, Milestones, Stakeholders, Kpis] {
        assert!(
            refused_while_referenced.contains(&r),
            "{r} was tried while referenced"
        );
    }
    // undo everything: back to the pack
    while s.undo(id).expect("undo").is_some() {}
    assert_eq!(s.load(id).expect("load"), pack);
}

#[test]
fn lists_sort_filter_and_page_in_sql() {
    let (s, id, pack) = store_with_sample();
    let query = ItemQuery {
        sort: Some("likelihood".into()),
        direction: SortDirection::Desc,
        equals: vec![("status".into(), "open".into())],
        limit: Some(3),
        ..ItemQuery::all(RegisterName::Risks)
    };
    let page = s.list_items(id, &query).expect("list");
    let open = pack
        .risks
        .iter()
        .filter(|r| r.status == flightdeck_core::model::RiskStatus::Open)
        .count();
    assert_eq!(
        page.total as usize, open,
        "total counts every match, not the page"
    );
    assert_eq!(page.rows.len(), 3);
    let likelihoods: Vec<u64> = page
        .rows
        .iter()
        .map(|r| {
            serde_json::to_value(r).expect("json")["item"]["likelihood"]
                .as_u64()
                .expect("n")
        })
        .collect();
    assert!(
        likelihoods.windows(2).all(|w| w[0] >= w[1]),
        "{likelihoods:?}"
    );

    let word = pack.risks[2]
        .title
        .split_whitespace()
        .last()
        .expect("a word")
        .to_lowercase();
    let page = s
        .list_items(
            id,
            &ItemQuery {
                text: Some(word.clone()),
                ..ItemQuery::all(RegisterName::Risks)
            },
        )
        .expect("filter");
    assert!(
        page.rows.iter().any(|r| r.key == pack.risks[2].id),
        "{word}"
    );
    let err = s
        .list_items(
            id,
            &ItemQuery {
                sort: Some("colour".into()),
                ..ItemQuery::all(RegisterName::Risks)
            },
        )
        .expect_err("no such field");
    assert!(
        err.to_string().contains("the fields are id, title"),
        "{err}"
    );
}

/// Pages read one after another, filtered and sorted, are the full list cut in pieces, each
/// with the full count; past the end a page is empty and still counts.
#[test]
fn pages_of_a_filtered_sorted_list_add_up_to_the_whole_list() {
    let (s, id, _) = store_with_sample();
    for (register, text, sort) in [
        (RegisterName::Milestones, "m", "finish"),
        (RegisterName::Risks, "", "likelihood"),
        (RegisterName::Communications, "", "date"),
        (RegisterName::Measurements, "", "value"),
    ] {
        let whole = ItemQuery {
            text: (!text.is_empty()).then(|| text.to_string()),
            sort: Some(sort.into()),
            direction: SortDirection::Desc,
            ..ItemQuery::all(register)
        };
        let all = s.list_items(id, &whole).expect("the whole list");
        assert!(all.rows.len() > 7, "{register}: enough rows to page");
        assert_eq!(all.total as usize, all.rows.len());
        let mut paged = Vec::new();
        for offset in (0..all.rows.len() + 3).step_by(3) {
            let page = s
                .list_items(
                    id,
                    &ItemQuery {
                        offset: offset as u32,
                        limit: Some(3),
                        ..whole.clone()
                    },
                )
                .expect("a page");
            assert_eq!(page.total, all.total, "{register} at {offset}: the count");
            paged.extend(page.rows);
        }
        assert_eq!(paged, all.rows, "{register}: the pages in order");
        let past = s
            .list_items(
                id,
                &ItemQuery {
                    offset: all.total + 10,
                    ..whole.clone()
                },
            )
            .expect("past the end");
        assert!(past.rows.is_empty());
        assert_eq!(past.total, all.total, "{register}: counted past the end");
    }
}

/// A window filtering `list_searchable`'s items by their search texts, as the workbench does
/// while the learner types, finds exactly the items core's text filter finds: across every
/// register, with sorting and an exact filter, for text in any case, numbers, dates, LIKE's
/// own wildcards and letters outside ASCII (which LIKE compares as they are).
#[test]
fn filtering_by_search_texts_finds_what_the_text_filter_finds() {
    let (mut s, id, _) = store_with_sample();
    let risks = s
        .list_items(id, &ItemQuery::all(RegisterName::Risks))
        .expect("risks");
    let mut odd = serde_json::to_value(&risks.rows[0]).expect("json")["item"].clone();
    odd["id"] = json!("R-odd");
    odd["title"] = json!("Éclair_50% \\ Straße ÉTÉ été");
    s.apply(
        id,
        &parse_edit(&json!({"op": "put", "register": "risks", "item": odd})).expect("edit"),
    )
    .expect("an odd risk");
    let texts = [
        "m", "M", "risk", "RISK", "2026-0", "0.5", "1", "3", "_", "%", "50%", "\\", "é", "É",
        "ÉTÉ", "straSSE", "straße", "r-ODD", "owner", " ", "a b", "zzz-none", "jan 2027", "15 Feb",
        "1 mar", "Dec 2026",
    ];
    for info in catalogue() {
        for (sort, equals) in [
            (None, vec![]),
            (Some("id"), vec![]),
            (
                Some("title"),
                vec![("status".to_string(), "open".to_string())],
            ),
        ] {
            let fields: Vec<String> = info.fields.iter().map(|f| f.name.clone()).collect();
            if sort.is_some_and(|f| !fields.iter().any(|n| n == f))
                || equals.iter().any(|(f, _)| !fields.contains(f))
            {
                continue;
            }
            let query = ItemQuery {
                sort: sort.map(String::from),
                direction: SortDirection::Desc,
                equals,
                ..ItemQuery::all(info.register)
            };
            let searchable = s.list_searchable(id, &query).expect("searchable");
            let search = searchable.search_texts.expect("search texts");
            assert_eq!(search.len(), searchable.rows.len());
            assert_eq!(
                searchable.rows,
                s.list_items(id, &query).expect("the list").rows,
                "{}: the same items in the same order",
                info.register
            );
            for text in texts {
                let needle = text.to_ascii_lowercase();
                let found: Vec<&str> = searchable
                    .rows
                    .iter()
                    .zip(&search)
                    .filter(|(_, hay)| text.trim().is_empty() || hay.contains(&needle))
                    .map(|(row, _)| row.key.as_str())
                    .collect();
                let filtered = s
                    .list_items(
                        id,
                        &ItemQuery {
                            text: Some(text.into()),
                            ..query.clone()
                        },
                    )
                    .expect("filtered");
                let want: Vec<&str> = filtered.rows.iter().map(|r| r.key.as_str()).collect();
                assert_eq!(found, want, "{} filtered by {text:?}", info.register);
            }
        }
    }
    // the odd risk is found by what it holds, in any case of its ASCII letters, and not by a
    // case LIKE does not fold
    let find = |text: &str| found(&s, id, RegisterName::Risks, text).contains(&"R-odd".into());
    for text in ["50%", "ÉTÉ", "été", "ÉCLAIR_", "\\", "STRAßE"] {
        assert!(find(text), "{text:?} finds the odd risk");
    }
    for text in ["éclair", "Été", "STRASSE", "50_%"] {
        assert!(!find(text), "{text:?} does not find the odd risk");
    }
}

/// The keys of the register's items the text filter finds for `text`, in order.
fn found(s: &Store, id: i64, register: RegisterName, text: &str) -> Vec<String> {
    s.list_items(
        id,
        &ItemQuery {
            text: Some(text.into()),
            ..ItemQuery::all(register)
        },
    )
    .expect("filtered")
    .rows
    .into_iter()
    .map(|r| r.key)
    .collect()
}

/// A date is found as the window writes it (`15 Jan 2027`) as well as in ISO form: every cost
/// by its date in words, and a month's costs by the month and year.
#[test]
fn a_date_is_found_as_the_window_writes_it() {
    let (s, id, _) = store_with_sample();
    let filtered = |text: &str| found(&s, id, RegisterName::Costs, text);
    let costs = s
        .list_items(id, &ItemQuery::all(RegisterName::Costs))
        .expect("costs");
    let mut months = std::collections::BTreeMap::<String, Vec<String>>::new();
    for row in &costs.rows {
        let iso = serde_json::to_value(row).expect("json")["item"]["date"]
            .as_str()
            .expect("a cost's date")
            .to_string();
        let date = chrono::NaiveDate::parse_from_str(&iso, "%Y-%m-%d").expect("an ISO date");
        let words = flightdeck_core::format::long_date(date);
        assert!(
            filtered(&words).contains(&row.key),
            "the cost of {iso} is found by {words:?}"
        );
        assert!(filtered(&iso).contains(&row.key), "and by {iso:?}");
        months
            .entry(date.format("%b %Y").to_string())
            .or_default()
            .push(row.key.clone());
    }
    assert!(
        months.len() > 1,
        "the sample's costs span months: {months:?}"
    );
    for (month, keys) in months {
        assert_eq!(filtered(&month), keys, "the costs of {month}");
    }
}

/// A reference is found by the title of what it names, as a table shows it (an owner by name,
/// a communication by the people it was with): in every register, the first item naming
/// another by each reference field (a single one, or a list every item has) is found by that
/// one's title.
#[test]
fn a_reference_is_found_by_the_title_of_what_it_names() {
    let (s, id, _) = store_with_sample();
    let mut checked = Vec::new();
    for info in catalogue() {
        let rows = s
            .list_items(id, &ItemQuery::all(info.register))
            .expect("list")
            .rows;
        for field in &info.fields {
            let register = match field.kind {
                FieldKind::Reference { register } => register,
                FieldKind::References { register } if field.required => register,
                _ => continue,
            };
            let titles: std::collections::HashMap<String, String> = s
                .titles(id, register)
                .expect("titles")
                .into_iter()
                .map(|t| (t.key, t.title))
                .collect();
            let naming = rows.iter().find_map(|row| {
                let value = &serde_json::to_value(row).expect("json")["item"][&field.name];
                let named = value.as_str().or_else(|| value[0].as_str())?;
                Some((row.key.clone(), titles.get(named)?.clone()))
            });
            let Some((key, title)) = naming else {
                continue;
            };
            assert!(
                found(&s, id, info.register, &title.to_ascii_uppercase()).contains(&key),
                "{} {key} is found by its {} {title:?}",
                info.register,
                field.name
            );
            checked.push(format!("{}.{}", info.register, field.name));
        }
    }
    for wanted in [
        "risks.owner",
        "milestones.workstream",
        "communications.stakeholders",
        "costs.workstream",
        "measurements.kpi",
        "issues.owner",
    ] {
        assert!(
            checked.iter().any(|c| c == wanted),
            "{wanted} was checked: {checked:?}"
        );
    }
}

/// A page larger than one statement's keys (500) is read whole and in order.
#[test]
fn a_page_of_more_than_five_hundred_items_comes_whole_and_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = Store::open(&dir.path().join("big.db")).expect("open");
    let pack = flightdeck_core::synthetic::pack(flightdeck_core::synthetic::Sizes {
        milestones: 1_300,
        risks: 2,
        stakeholders: 3,
        communications: 2,
        kpis: 1,
        points: 2,
    });
    let id = s.import(&pack).expect("import");
    let whole = ItemQuery {
        sort: Some("title".into()),
        ..ItemQuery::all(RegisterName::Milestones)
    };
    let all = s.list_items(id, &whole).expect("all");
    let page = s
        .list_items(
            id,
            &ItemQuery {
                offset: 7,
                limit: Some(1_200),
                ..whole.clone()
            },
        )
        .expect("a big page");
    assert_eq!(page.total, 1_300);
    assert_eq!(page.rows, all.rows[7..1_207]);
}

#[test]
fn an_import_waits_for_another_writer_instead_of_failing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fd.db");
    let mut s = Store::open(&path).expect("open");
    let mut packs = bundled::packs().expect("packs");
    s.import(&packs.remove(0)).expect("first import");
    let holder = {
        let path = path.clone();
        let (locked, is_locked) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let conn = rusqlite::Connection::open(&path).expect("raw");
            conn.execute_batch("BEGIN IMMEDIATE").expect("write lock");
            locked.send(()).expect("signal");
            std::thread::sleep(std::time::Duration::from_secs(2));
            conn.execute_batch("COMMIT").expect("release");
        });
        is_locked.recv().expect("the other writer holds the lock");
        thread
    };
    let started = std::time::Instant::now();
    s.import(&packs.remove(0))
        .expect("the import waits, then succeeds");
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(1500),
        "it really waited for the lock"
    );
    holder.join().expect("holder");
    assert_eq!(s.programs().expect("list").len(), 2);
}

#[test]
fn risks_filter_by_their_level_worked_out_in_sql_as_in_the_figures() {
    use flightdeck_core::figures::RiskLevel;
    let mut pack = bundled::packs().expect("packs").remove(0);
    let template = pack.risks[0].clone();
    // one risk at every point of the grid
    pack.risks = (1..=5u8)
        .flat_map(|l| (1..=5u8).map(move |i| (l, i)))
        .map(|(l, i)| flightdeck_core::model::Risk {
            id: format!("R-{l}-{i}"),
            likelihood: l,
            impact: i,
            ..template.clone()
        })
        .collect();
    pack.scenario = None;
    pack.rubric.clear();
    let mut s = Store::open_in_memory().expect("open");
    let id = s.import(&pack).expect("import");
    let mut seen = 0;
    for level in ["low", "medium", "high", "critical"] {
        let page = s
            .list_items(
                id,
                &ItemQuery {
                    equals: vec![("level".into(), level.into())],
                    ..ItemQuery::all(RegisterName::Risks)
                },
            )
            .expect("list by level");
        let expected: Vec<&str> = pack
            .risks
            .iter()
            .filter(|r| RiskLevel::of(r.likelihood, r.impact).name() == level)
            .map(|r| r.id.as_str())
            .collect();
        let listed: Vec<&str> = page.rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(listed, expected, "{level}");
        seen += listed.len();
    }
    assert_eq!(seen, 25, "every risk has one level");

    let info = catalogue()
        .into_iter()
        .find(|r| r.register == RegisterName::Risks)
        .expect("risks");
    assert_eq!(
        info.derived
            .iter()
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>(),
        ["level"]
    );
}
