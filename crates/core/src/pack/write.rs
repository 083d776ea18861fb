//! Writing a program back out as a pack, so trainers can author in the app.

use crate::model::Pack;

/// The pack as TOML, with dates written as TOML dates the way a trainer writes them.
pub fn to_toml(pack: &Pack) -> crate::Result<String> {
    let mut value = toml::Value::try_from(pack)
        .map_err(|e| crate::Error::Conflict(format!("cannot write the pack as TOML: {e}")))?;
    dates_as_toml_dates(&mut value);
    toml::to_string_pretty(&value)
        .map_err(|e| crate::Error::Conflict(format!("cannot write the pack as TOML: {e}")))
}

pub fn to_json(pack: &Pack) -> crate::Result<String> {
    serde_json::to_string_pretty(pack)
        .map_err(|e| crate::Error::Conflict(format!("cannot write the pack as JSON: {e}")))
}

/// Turns `YYYY-MM-DD` strings into TOML dates. Reading turns TOML dates back into the same
/// strings, so a text that merely looks like a date still reads back unchanged.
fn dates_as_toml_dates(value: &mut toml::Value) {
    match value {
        toml::Value::String(s) if looks_like_date(s) => {
            if let Ok(date) = s.parse::<toml::value::Datetime>() {
                *value = toml::Value::Datetime(date);
            }
        }
        toml::Value::Array(items) => items.iter_mut().for_each(dates_as_toml_dates),
        toml::Value::Table(table) => table.iter_mut().for_each(|(_, v)| dates_as_toml_dates(v)),
        _ => {}
    }
}

fn looks_like_date(s: &str) -> bool {
    s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}
