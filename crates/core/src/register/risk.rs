//! Risks: cause, event and effect, likelihood and impact before and after the response, an
//! owner, and a status; a realised risk becomes an issue.

use std::borrow::Cow;

use chrono::NaiveDate;
use rusqlite::Row;

use super::{Cells, Field, Reference, Register, RegisterName, cells, from_name, named, optional};
use crate::export::Cell;
use crate::figures::{RiskLevel, risk_rating};
use crate::model::{Pack, Risk, name_of};
use crate::pack::SourcePath;
use crate::pack::validate::Checker;

pub struct Risks;

impl Register for Risks {
    type Item = Risk;
    const NAME: RegisterName = RegisterName::Risks;
    const TABLE: &'static str = "risks";
    const COLUMNS: &'static [&'static str] = &[
        "title",
        "cause",
        "event",
        "effect",
        "category",
        "likelihood",
        "impact",
        "owner_key",
        "response",
        "actions",
        "review",
        "residual_likelihood",
        "residual_impact",
        "status",
    ];
    const TITLE_COLUMN: Option<&'static str> = Some("title");

    fn key(item: &Risk) -> Option<&str> {
        Some(&item.id)
    }
    fn cells(r: &Risk) -> rusqlite::Result<Cells<'_>> {
        let mut cells: Cells<'_> = cells![
            r.title,
            r.cause,
            r.event,
            r.effect,
            r.category,
            r.likelihood,
            r.impact,
            r.owner
        ];
        cells.push(named(&r.response));
        cells.extend(cells![
            r.actions,
            r.review,
            r.residual_likelihood,
            r.residual_impact
        ]);
        cells.push(named(&r.status));
        Ok(cells)
    }
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Risk> {
        Ok(Risk {
            id: r.get(0)?,
            title: r.get(1)?,
            cause: r.get(2)?,
            event: r.get(3)?,
            effect: r.get(4)?,
            category: r.get(5)?,
            likelihood: r.get(6)?,
            impact: r.get(7)?,
            owner: r.get(8)?,
            response: from_name(r, 9)?,
            actions: r.get(10)?,
            review: r.get(11)?,
            residual_likelihood: r.get(12)?,
            residual_impact: r.get(13)?,
            status: from_name(r, 14)?,
        })
    }
    fn items(pack: &Pack) -> Box<dyn Iterator<Item = Cow<'_, Risk>> + '_> {
        Box::new(pack.risks.iter().map(Cow::Borrowed))
    }
    fn assemble(pack: &mut Pack, items: Vec<Risk>) {
        pack.risks = items;
    }
    fn check(r: &Risk, at: &SourcePath, c: &mut Checker) {
        c.scale(at.key("likelihood"), r.likelihood);
        c.scale(at.key("impact"), r.impact);
        if let Some(v) = r.residual_likelihood {
            c.scale(at.key("residual_likelihood"), v);
        }
        if let Some(v) = r.residual_impact {
            c.scale(at.key("residual_impact"), v);
        }
    }
    fn references(r: &Risk) -> Vec<Reference> {
        let mut out = Vec::new();
        optional(&mut out, "owner", RegisterName::Stakeholders, &r.owner);
        out
    }
    fn derived() -> Vec<(Field, String)> {
        let levels = [
            RiskLevel::Low,
            RiskLevel::Medium,
            RiskLevel::High,
            RiskLevel::Critical,
        ]
        .map(RiskLevel::name);
        vec![(
            Field::choice("level", "Level", &levels).help("From likelihood × impact"),
            RiskLevel::sql("likelihood * impact"),
        )]
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::text("id", "Id")
                .required()
                .help("A short id, unique among risks, such as R12"),
            Field::text("title", "Risk").required(),
            Field::long_text("cause", "Cause").help("Because of …"),
            Field::long_text("event", "Event").help("… this may happen …"),
            Field::long_text("effect", "Effect").help("… which would lead to …"),
            Field::text("category", "Category"),
            Field::whole("likelihood", "Likelihood", 1.0, Some(5.0)).required(),
            Field::whole("impact", "Impact", 1.0, Some(5.0)).required(),
            Field::reference("owner", "Owner", RegisterName::Stakeholders),
            Field::choice(
                "response",
                "Response",
                &["avoid", "reduce", "transfer", "accept"],
            )
            .required(),
            Field::long_text("actions", "Actions"),
            Field::date("review", "Review date"),
            Field::whole("residual_likelihood", "Residual likelihood", 1.0, Some(5.0))
                .help("After the response; empty means unchanged"),
            Field::whole("residual_impact", "Residual impact", 1.0, Some(5.0)),
            Field::choice("status", "Status", &["open", "closed", "realised"]).required(),
        ]
    }
    fn csv_header() -> Vec<&'static str> {
        vec![
            "id",
            "title",
            "cause",
            "event",
            "effect",
            "category",
            "likelihood",
            "impact",
            "score",
            "level",
            "owner",
            "response",
            "actions",
            "review",
            "residual_likelihood",
            "residual_impact",
            "residual_score",
            "status",
        ]
    }
    fn csv_row(r: &Risk, _: NaiveDate) -> Vec<Cell> {
        let rating = risk_rating(r);
        vec![
            Cell::from(&r.id),
            Cell::from(&r.title),
            Cell::from(&r.cause),
            Cell::from(&r.event),
            Cell::from(&r.effect),
            Cell::from(&r.category),
            Cell::from(f64::from(r.likelihood)),
            Cell::from(f64::from(r.impact)),
            Cell::from(f64::from(rating.score)),
            Cell::from(&name_of(&rating.level)),
            Cell::from(&r.owner),
            Cell::from(&name_of(&r.response)),
            Cell::from(&r.actions),
            Cell::from(r.review),
            Cell::from(f64::from(r.residual_likelihood.unwrap_or(r.likelihood))),
            Cell::from(f64::from(r.residual_impact.unwrap_or(r.impact))),
            Cell::from(f64::from(rating.residual_score)),
            Cell::from(&name_of(&r.status)),
        ]
    }
    fn title(r: &Risk) -> String {
        r.title.clone()
    }
}
