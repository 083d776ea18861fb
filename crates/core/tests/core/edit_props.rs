//! Properties of item edits over random sequences of edits, valid and invalid:
//! - the item-level checks accept exactly the edits that whole-program validation accepts
//!   (each edit is also applied to the loaded pack, which is then validated whole);
//! - undoing every accepted edit gives an exported pack byte-identical to the start.

use flightdeck_core::edit::Edit;
use flightdeck_core::model::{Communication, Pack};
use flightdeck_core::pack;
use flightdeck_core::register::list::ItemQuery;
use flightdeck_core::register::{Item, RegisterName};
use flightdeck_core::{Store, bundled};
use proptest::prelude::*;

/// One step of a random session; ids are drawn from small pools so that edits collide,
/// refer to each other and sometimes to nothing.
#[derive(Debug, Clone)]
enum Step {
    PutRisk {
        id: usize,
        likelihood: u8,
        owner: usize,
    },
    RemoveRisk(usize),
    PutMilestone {
        which: usize,
        deps: Vec<usize>,
        backwards: bool,
        percent: f64,
    },
    RemoveMilestone(usize),
    /// A milestone made to depend on one that depends on it: a cycle, unless removed since.
    LoopMilestone(usize),
    RemoveStakeholder(usize),
    PutStakeholder {
        id: usize,
        power: u8,
    },
    LogCommunication {
        with: Vec<usize>,
    },
    RemoveCommunication(usize),
    PutKpi {
        which: usize,
        amber_shift: f64,
    },
    RemoveKpi(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0usize..6, 0u8..=6, 0usize..10).prop_map(|(id, likelihood, owner)| Step::PutRisk {
            id,
            likelihood,
            owner
        }),
        (0usize..14).prop_map(Step::RemoveRisk),
        (
            0usize..20,
            proptest::collection::vec(0usize..22, 0..3),
            any::<bool>(),
            -10.0f64..110.0
        )
            .prop_map(|(which, deps, backwards, percent)| Step::PutMilestone {
                which,
                deps,
                backwards,
                percent
            }),
        (0usize..20).prop_map(Step::RemoveMilestone),
        (0usize..20).prop_map(Step::LoopMilestone),
        (0usize..10).prop_map(Step::RemoveStakeholder),
        (0usize..3, 0u8..=6).prop_map(|(id, power)| Step::PutStakeholder { id, power }),
        proptest::collection::vec(0usize..10, 0..3)
            .prop_map(|with| Step::LogCommunication { with }),
        (0usize..40).prop_map(Step::RemoveCommunication),
        (0usize..6, -50.0f64..50.0)
            .prop_map(|(which, amber_shift)| Step::PutKpi { which, amber_shift }),
        (0usize..6).prop_map(Step::RemoveKpi),
    ]
}

/// A stakeholder id from the pack, or one that does not exist.
fn stakeholder(pack: &Pack, n: usize) -> String {
    pack.stakeholders
        .get(n)
        .map_or_else(|| format!("ghost-{n}"), |s| s.id.clone())
}

/// The edit a step makes on the program as it stands; `None` when the step has no target.
fn edit_for(step: &Step, pack: &Pack, store: &Store, id: i64) -> Option<Edit> {
    let put = |item| Some(Edit::put(item));
    let remove = |register, key: String| Some(Edit::Remove { register, key });
    match step {
        Step::PutRisk {
            id: n,
            likelihood,
            owner,
        } => {
            let mut r = pack.risks.first()?.clone();
            r.id = format!("R-prop-{n}");
            r.likelihood = *likelihood;
            r.owner = Some(stakeholder(pack, *owner));
            put(Item::Risks(r))
        }
        Step::RemoveRisk(n) => remove(RegisterName::Risks, pack.risks.get(*n)?.id.clone()),
        Step::PutMilestone {
            which,
            deps,
            backwards,
            percent,
        } => {
            let mut m = pack
                .milestones
                .get(*which % pack.milestones.len().max(1))?
                .clone();
            m.depends_on = deps
                .iter()
                .map(|&d| {
                    pack.milestones
                        .get(d)
                        .map_or_else(|| format!("M-none-{d}"), |x| x.id.clone())
                })
                .collect();
            m.depends_on.dedup();
            if *backwards {
                m.finish = m.start - chrono::Duration::days(1);
            }
            m.percent_complete = *percent;
            put(Item::Milestones(m))
        }
        Step::RemoveMilestone(n) => remove(
            RegisterName::Milestones,
            pack.milestones.get(*n)?.id.clone(),
        ),
        Step::LoopMilestone(n) => {
            let mut m = pack.milestones.get(*n)?.clone();
            let dependent = pack
                .milestones
                .iter()
                .find(|x| x.depends_on.contains(&m.id))?;
            m.depends_on.push(dependent.id.clone());
            put(Item::Milestones(m))
        }
        Step::RemoveStakeholder(n) => remove(
            RegisterName::Stakeholders,
            pack.stakeholders.get(*n)?.id.clone(),
        ),
        Step::PutStakeholder { id: n, power } => {
            let mut s = pack.stakeholders.first()?.clone();
            s.id = format!("S-prop-{n}");
            s.power = *power;
            put(Item::Stakeholders(s))
        }
        Step::LogCommunication { with } => put(Item::Communications(Communication {
            date: pack.program.as_of(),
            stakeholders: with.iter().map(|&n| stakeholder(pack, n)).collect(),
            channel: "call".into(),
            summary: "Checked in".into(),
            decisions: String::new(),
            follow_up: None,
        })),
        Step::RemoveCommunication(n) => {
            let page = store
                .list_items(id, &ItemQuery::all(RegisterName::Communications))
                .expect("list");
            remove(RegisterName::Communications, page.rows.get(*n)?.key.clone())
        }
        Step::PutKpi { which, amber_shift } => {
            let mut k = pack.kpis.get(*which)?.clone();
            k.amber += amber_shift;
            k.measurements.clear();
            put(Item::Kpis(k))
        }
        Step::RemoveKpi(n) => remove(RegisterName::Kpis, pack.kpis.get(*n)?.id.clone()),
    }
}

/// The edit applied to the pack in memory, as whole-program validation sees it.
fn applied(mut pack: Pack, edit: &Edit, comm_index: Option<usize>) -> Pack {
    macro_rules! upsert {
        ($list:expr, $item:expr) => {{
            let item = $item.clone();
            match $list.iter().position(|x| x.id == item.id) {
                Some(i) => $list[i] = item,
                None => $list.push(item),
            }
        }};
    }
    match edit {
        Edit::Put { item, .. } => match item.as_ref() {
            Item::Risks(r) => upsert!(pack.risks, r),
            Item::Milestones(m) => upsert!(pack.milestones, m),
            Item::Stakeholders(s) => upsert!(pack.stakeholders, s),
            Item::Communications(c) => pack.communications.push(c.clone()),
            Item::Kpis(k) => {
                let i = pack
                    .kpis
                    .iter()
                    .position(|x| x.id == k.id)
                    .expect("an existing KPI");
                let readings = std::mem::take(&mut pack.kpis[i].measurements);
                pack.kpis[i] = k.clone();
                pack.kpis[i].measurements = readings;
            }
            other => panic!("the generator makes no {other:?}"),
        },
        Edit::Remove { register, key } => match register {
            RegisterName::Risks => pack.risks.retain(|x| &x.id != key),
            RegisterName::Milestones => pack.milestones.retain(|x| &x.id != key),
            RegisterName::Stakeholders => pack.stakeholders.retain(|x| &x.id != key),
            RegisterName::Kpis => pack.kpis.retain(|x| &x.id != key),
            RegisterName::Communications => {
                pack.communications
                    .remove(comm_index.expect("a listed entry"));
            }
            other => panic!("the generator removes no {other:?}"),
        },
    }
    pack
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn item_checks_agree_with_whole_program_validation_and_undo_restores_every_byte(
        steps in proptest::collection::vec(step(), 1..16),
    ) {
        let mut store = Store::open_in_memory().expect("open");
        let original = bundled::packs().expect("packs").remove(0);
        let id = store.import(&original).expect("import");
        let start = pack::to_toml(&store.load(id).expect("load")).expect("toml");
        let mut accepted = 0;
        for step in &steps {
            let pack = store.load(id).expect("load");
            let Some(edit) = edit_for(step, &pack, &store, id) else { continue };
            let comm_index = match &edit {
                Edit::Remove { register: RegisterName::Communications, key } => store
                    .list_items(id, &ItemQuery::all(RegisterName::Communications))
                    .expect("list")
                    .rows
                    .iter()
                    .position(|r| &r.key == key),
                _ => None,
            };
            let whole = pack::validate(&applied(pack, &edit, comm_index));
            let result = store.apply(id, &edit);
            prop_assert_eq!(
                result.is_ok(),
                whole.is_empty(),
                "{:?}: item checks said {:?}, whole-program validation found {:?}",
                edit,
                result.as_ref().err().map(ToString::to_string),
                whole.iter().map(|(p, m)| format!("{p}: {m}")).collect::<Vec<_>>()
            );
            if result.is_ok() {
                accepted += 1;
            }
        }
        let mut undone = 0;
        while store.undo(id).expect("every undo works").is_some() {
            undone += 1;
        }
        prop_assert_eq!(undone, accepted);
        let end = pack::to_toml(&store.load(id).expect("load")).expect("toml");
        prop_assert!(start == end, "undoing every edit gives back the exported pack byte for byte");
    }
}
