//! `show`: a program's overview and derived figures as plain text.

use std::fmt::Write;

use flightdeck_core::evm::format_index;
use flightdeck_core::figures::Quadrant;
use flightdeck_core::format::money;
use flightdeck_core::status::program_status;
use flightdeck_core::{Result, Store};

/// The text `show` prints. Writing to a String cannot fail, so its results are ignored.
pub fn report(store: &Store, id: i64) -> Result<String> {
    let pack = store.load(id)?;
    let o = store.overview(id)?;
    let status = program_status(&pack, o.as_of);
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", o.name, o.slug);
    let _ = writeln!(out, "{}", o.summary);
    let _ = writeln!(
        out,
        "dates: {} to {}; status date {}",
        o.start, o.end, o.as_of
    );
    let _ = writeln!(out, "budget: {}", money(o.budget, &o.currency));
    let c = &o.counts;
    let _ = writeln!(
        out,
        "holds: {} goals, {} workstreams, {} milestones, {} risks, {} stakeholders, {} KPIs",
        c.goals, c.workstreams, c.milestones, c.risks, c.stakeholders, c.kpis
    );
    let _ = writeln!(out, "\nstatus: {}", status.rag.word());
    for r in &status.reasons {
        let _ = writeln!(out, "  [{}] {}", r.rag.word(), r.text);
    }
    let ev = &status.earned_value;
    let cash = |v: f64| money(v, &o.currency);
    let _ = writeln!(
        out,
        "\nearned value on {}: PV {}, EV {}, AC {}, SV {}, CV {}, SPI {}, CPI {}, EAC {}",
        ev.date,
        cash(ev.pv),
        cash(ev.ev),
        cash(ev.ac),
        cash(ev.sv),
        cash(ev.cv),
        format_index(ev.spi),
        format_index(ev.cpi),
        ev.eac.map_or_else(|| "n/a".into(), cash)
    );
    match &status.schedule {
        Some(s) => {
            let _ = writeln!(out, "critical path: {}", s.critical_path.join(" → "));
            if let Some(f) = s.finish {
                let _ = writeln!(out, "forecast finish: {f}");
            }
        }
        None => {
            let _ = writeln!(out, "critical path: none (the dependencies hold a cycle)");
        }
    }
    let _ = writeln!(out, "\ntop risks:");
    for r in &status.top_risks {
        let title = pack
            .risks
            .iter()
            .find(|x| x.id == r.id)
            .map_or("", |x| x.title.as_str());
        let _ = writeln!(
            out,
            "  {} score {} ({:?}, residual {}): {}",
            r.id, r.score, r.level, r.residual_score, title
        );
    }
    let _ = writeln!(out, "\noverdue communications:");
    if status.overdue.is_empty() {
        let _ = writeln!(out, "  none");
    }
    for o in &status.overdue {
        let quadrant = pack
            .stakeholders
            .iter()
            .find(|s| s.id == o.stakeholder)
            .map_or("", |s| Quadrant::of(s.power, s.interest).label());
        let last = o
            .last
            .map_or_else(|| "no contact logged".into(), |d| format!("last {d}"));
        let _ = writeln!(
            out,
            "  {} ({quadrant}): {last}, due {}, {} days overdue",
            o.stakeholder, o.due, o.days_overdue
        );
    }
    Ok(out)
}
