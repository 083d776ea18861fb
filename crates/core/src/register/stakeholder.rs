//! Stakeholders: role, organisation, power and interest, engagement now and as desired, and
//! how often they should hear from the program.

use std::borrow::Cow;

use chrono::NaiveDate;
use rusqlite::Row;

use super::{Cells, Field, Register, RegisterName, cells, from_name, named};
use crate::export::Cell;
use crate::figures::Quadrant;
use crate::model::{Pack, Stakeholder, name_of};
use crate::pack::SourcePath;
use crate::pack::validate::Checker;

pub struct Stakeholders;

const ENGAGEMENT: &[&str] = &["unaware", "resistant", "neutral", "supportive", "leading"];

impl Register for Stakeholders {
    type Item = Stakeholder;
    const NAME: RegisterName = RegisterName::Stakeholders;
    const TABLE: &'static str = "stakeholders";
    const COLUMNS: &'static [&'static str] = &[
        "name",
        "role",
        "org",
        "power",
        "interest",
        "engagement",
        "desired_engagement",
        "channel",
        "cadence_days",
    ];
    const TITLE_COLUMN: Option<&'static str> = Some("name");

    fn key(item: &Stakeholder) -> Option<&str> {
        Some(&item.id)
    }
    fn cells(s: &Stakeholder) -> rusqlite::Result<Cells<'_>> {
        let mut cells: Cells<'_> = cells![s.name, s.role, s.org, s.power, s.interest];
        cells.push(named(&s.engagement));
        cells.push(named(&s.desired_engagement));
        cells.extend(cells![s.channel, s.cadence_days]);
        Ok(cells)
    }
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Stakeholder> {
        Ok(Stakeholder {
            id: r.get(0)?,
            name: r.get(1)?,
            role: r.get(2)?,
            org: r.get(3)?,
            power: r.get(4)?,
            interest: r.get(5)?,
            engagement: from_name(r, 6)?,
            desired_engagement: from_name(r, 7)?,
            channel: r.get(8)?,
            cadence_days: r.get(9)?,
        })
    }
    fn items(pack: &Pack) -> Box<dyn Iterator<Item = Cow<'_, Stakeholder>> + '_> {
        Box::new(pack.stakeholders.iter().map(Cow::Borrowed))
    }
    fn assemble(pack: &mut Pack, items: Vec<Stakeholder>) {
        pack.stakeholders = items;
    }
    fn check(s: &Stakeholder, at: &SourcePath, c: &mut Checker) {
        c.scale(at.key("power"), s.power);
        c.scale(at.key("interest"), s.interest);
        if s.cadence_days == 0 {
            c.fail(at.key("cadence_days"), "cadence_days must be at least 1");
        }
    }
    fn fields() -> Vec<Field> {
        vec![
            Field::text("id", "Id")
                .required()
                .help("A short id, unique among stakeholders"),
            Field::text("name", "Name").required(),
            Field::text("role", "Role"),
            Field::text("org", "Organisation"),
            Field::whole("power", "Power", 1.0, Some(5.0)).required(),
            Field::whole("interest", "Interest", 1.0, Some(5.0)).required(),
            Field::choice("engagement", "Engagement now", ENGAGEMENT).required(),
            Field::choice("desired_engagement", "Engagement wanted", ENGAGEMENT).required(),
            Field::text("channel", "Channel")
                .help("How they prefer to hear: email, steering call …"),
            Field::whole("cadence_days", "Every (days)", 1.0, None)
                .required()
                .help("How often they should hear from the program"),
        ]
    }
    fn csv_header() -> Vec<&'static str> {
        vec![
            "id",
            "name",
            "role",
            "org",
            "power",
            "interest",
            "quadrant",
            "engagement",
            "desired_engagement",
            "channel",
            "cadence_days",
        ]
    }
    fn csv_row(s: &Stakeholder, _: NaiveDate) -> Vec<Cell> {
        vec![
            Cell::from(&s.id),
            Cell::from(&s.name),
            Cell::from(&s.role),
            Cell::from(&s.org),
            Cell::from(f64::from(s.power)),
            Cell::from(f64::from(s.interest)),
            Cell::from(Quadrant::of(s.power, s.interest).label()),
            Cell::from(&name_of(&s.engagement)),
            Cell::from(&name_of(&s.desired_engagement)),
            Cell::from(&s.channel),
            Cell::from(f64::from(s.cadence_days)),
        ]
    }
    fn title(s: &Stakeholder) -> String {
        s.name.clone()
    }
}
