//! The practice mode's rules: a scenario whose events fire within its weeks and touch things
//! that exist, and a rubric whose items name real events, items and sensible ranges.

use super::{Checker, Ids};
use crate::model::{Effect, Expectation, Pack};
use crate::pack::SourcePath;

impl Checker {
    pub(super) fn practice(&mut self, pack: &Pack, ids: &Ids<'_>) {
        let root = SourcePath::root();
        if let Some(s) = &pack.scenario {
            let at = root.key("scenario");
            self.range(at.key("weeks"), f64::from(s.weeks), 1.0, 52.0);
            if let Some(iri) = &s.xapi_namespace
                && !crate::practice::xapi::is_web_address(iri)
            {
                self.fail(
                    at.key("xapi_namespace"),
                    format!("`{iri}` is not an absolute http(s) address, such as https://training.example.org/flightdeck"),
                );
            }
            for (i, e) in s.events.iter().enumerate() {
                let at = at.key("events").index(i);
                self.range(
                    at.key("week"),
                    f64::from(e.week),
                    1.0,
                    f64::from(s.weeks.max(1)),
                );
                for (j, effect) in e.effects.iter().enumerate() {
                    self.effect(at.key("effects").index(j), effect, ids);
                }
            }
        }
        for (i, r) in pack.rubric.iter().enumerate() {
            let at = root.key("rubric").index(i);
            self.reference(at.key("after"), &r.after, &ids.events, "scenario event");
            self.range(at.key("within_days"), f64::from(r.within_days), 1.0, 60.0);
            self.range(at.key("points"), f64::from(r.points), 1.0, 100.0);
            self.expectation(at.key("expect"), &r.expect, ids);
        }
    }

    fn effect(&mut self, at: SourcePath, effect: &Effect, ids: &Ids<'_>) {
        match effect {
            Effect::MilestoneShift { milestone, .. } => {
                self.reference(at.key("milestone"), milestone, &ids.milestones, "milestone")
            }
            Effect::KpiReading { kpi, value } => {
                self.reference(at.key("kpi"), kpi, &ids.kpis, "KPI");
                if !value.is_finite() {
                    self.fail(at.key("value"), "value must be a finite number");
                }
            }
            Effect::Engagement { stakeholder, .. } => self.reference(
                at.key("stakeholder"),
                stakeholder,
                &ids.stakeholders,
                "stakeholder",
            ),
            Effect::Spend { cost, .. } => {
                if !(cost.is_finite() && *cost > 0.0) {
                    self.fail(at.key("cost"), "cost must be a positive number");
                }
            }
            Effect::RiskStatus { risk, .. } => {
                self.reference(at.key("risk"), risk, &ids.risks, "risk")
            }
        }
    }

    fn expectation(&mut self, at: SourcePath, expect: &Expectation, ids: &Ids<'_>) {
        match expect {
            Expectation::Risk {
                keywords,
                min_impact,
            } => {
                let at = at.key("risk");
                if keywords.iter().all(|k| k.trim().is_empty()) {
                    self.fail(at.key("keywords"), "give at least one keyword");
                }
                self.scale(at.key("min_impact"), *min_impact);
            }
            Expectation::Communication { stakeholder } => self.reference(
                at.key("communication").key("stakeholder"),
                stakeholder,
                &ids.stakeholders,
                "stakeholder",
            ),
            Expectation::MilestoneReplanned(m) => self.reference(
                at.key("milestone_replanned"),
                m,
                &ids.milestones,
                "milestone",
            ),
            Expectation::KpiStatus { kpi, .. } => {
                self.reference(at.key("kpi_status").key("kpi"), kpi, &ids.kpis, "KPI")
            }
            Expectation::RiskResponse { risk } => self.reference(
                at.key("risk_response").key("risk"),
                risk,
                &ids.risks,
                "risk",
            ),
            Expectation::RaciFixed(m) => {
                self.reference(at.key("raci_fixed"), m, &ids.milestones, "milestone")
            }
        }
    }
}
