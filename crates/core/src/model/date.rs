//! Reading dates from either a TOML date literal (`start = 2027-01-04`) or a string
//! (`"start": "2027-01-04"` in JSON). The toml deserializer hands a date literal over as a
//! one-entry map under its private key; chrono's own reader only takes strings.

use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, Deserializer, MapAccess, Visitor};

/// The key under which the toml crate passes a date-time literal to serde.
const TOML_DATETIME: &str = "$__toml_private_datetime";

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date such as 2027-01-04")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| E::custom(not_a_date(text)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NaiveDate, A::Error> {
        match map.next_key::<String>()? {
            Some(key) if key == TOML_DATETIME => {
                let text: String = map.next_value()?;
                self.visit_str(&text)
            }
            _ => Err(de::Error::custom("expected a date such as 2027-01-04")),
        }
    }
}

/// Why `text` is not a date: a day the calendar does not have (`2013-02-30`), or text that is
/// not written as YYYY-MM-DD (`15/02/2013`).
fn not_a_date(text: &str) -> String {
    let parts: Vec<&str> = text.split('-').collect();
    let written_right = parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.chars().all(|c| c.is_ascii_digit()));
    if written_right {
        format!("`{text}` is written as a date, but that day does not exist")
    } else {
        format!("`{text}` is not a date: write it as YYYY-MM-DD, such as 2027-01-04")
    }
}

/// A required date.
pub fn de<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    deserializer.deserialize_any(DateVisitor)
}

/// An optional date; use with `#[serde(default)]` so a missing field is `None`.
pub fn de_opt<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
    de(deserializer).map(Some)
}
