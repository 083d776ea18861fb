//! Pack text to a typed pack, with every problem found and placed.
//!
//! TOML is parsed once into toml's syntax tree, checked for over-long text, and deserialized
//! straight from the tree; JSON goes through a `serde_json::Value`. Unknown fields are collected
//! on the way, then every rule is checked. Only when something is wrong is the text looked at
//! again, to turn each problem's path into a line and column.

use serde::Deserializer;
use serde_json::Value;
use toml::de::{DeTable, DeValue};

use super::locate::{self, At, Locator, PathSeg, SourcePath};
use super::{MAX_PACK_BYTES, MAX_STRING_CHARS, Problem, SourceFormat, size_message, validate};
use crate::model::Pack;

type Found = Vec<(At, String)>;

/// Parses and validates pack text; `file` names it in problems.
pub fn parse(file: &str, text: &str, format: SourceFormat) -> Result<Pack, Vec<Problem>> {
    if text.len() > MAX_PACK_BYTES {
        return Err(vec![locate::problem_at(
            file,
            text,
            0,
            size_message(text.len()),
        )]);
    }
    let mut found: Found = Vec::new();
    let typed = match format {
        SourceFormat::Toml => {
            let tree = DeTable::parse(text).map_err(|e| {
                let offset = e.span().map_or(0, |s| s.start);
                vec![locate::problem_at(
                    file,
                    text,
                    offset,
                    locate::toml_syntax_message(text, offset, e.message()),
                )]
            })?;
            long_toml_strings(tree.get_ref(), &mut Vec::new(), &mut found);
            deserialize(toml::de::Deserializer::from(tree), &mut found, |e| {
                let offset = e.span().map_or(0, |s| s.start);
                let at = toml_error_path(text)
                    .map_or(At::Offset(offset), |path| At::PathOffset(path, offset));
                (at, locate::first_line(e.message()))
            })
        }
        SourceFormat::Json => {
            let value: Value = serde_json::from_str(text).map_err(|e| {
                let offset = locate::offset_of(text, e.line(), e.column());
                vec![locate::problem_at(
                    file,
                    text,
                    offset,
                    locate::json_message(&e),
                )]
            })?;
            long_json_strings(&value, &mut Vec::new(), &mut found);
            deserialize(&value, &mut found, |_| path_of_error(&value))
        }
    };
    if let Some(pack) = &typed {
        found.extend(
            validate(pack)
                .into_iter()
                .map(|(path, message)| (At::Path(path), message)),
        );
    }
    match typed {
        Some(pack) if found.is_empty() => Ok(pack),
        _ => {
            let locator = Locator::new(text, format);
            Err(found
                .into_iter()
                .map(|(at, message)| locator.problem(file, &at, message))
                .collect())
        }
    }
}

/// Deserializes the typed pack, noting every unknown field, and the first error as `on_error`
/// places it.
fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
    found: &mut Found,
    on_error: impl FnOnce(D::Error) -> (At, String),
) -> Option<Pack> {
    let mut unknown: Vec<SourcePath> = Vec::new();
    let mut note = |path: serde_ignored::Path<'_>| unknown.push(locate::from_ignored(&path));
    let result: Result<Pack, D::Error> = serde_ignored::deserialize(deserializer, &mut note);
    for path in unknown {
        let field = path.last_key().unwrap_or_default().to_string();
        found.push((At::Path(path), format!("unknown field `{field}`")));
    }
    match result {
        Ok(pack) => Some(pack),
        Err(e) => {
            let (at, message) = on_error(e);
            found.push((at, plain_types(&message)));
            None
        }
    }
}

/// A deserialiser's message in a learner's words: `expected u8` says "expected a whole
/// number", never the Rust type.
pub(crate) fn plain_types(message: &str) -> String {
    const WORDS: [(&str, &str); 15] = [
        ("expected u8", "expected a whole number"),
        ("expected u16", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected i32", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected a string", "expected text"),
        ("invalid type: string ", "found the text "),
        ("invalid type: integer ", "found the number "),
        ("invalid type: floating point ", "found the number "),
        ("invalid type: boolean ", "found "),
        ("invalid type: sequence", "found a list"),
        ("invalid type: map", "found a table"),
        ("invalid value: integer ", "found "),
    ];
    WORDS.iter().fold(message.to_string(), |m, (rust, plain)| {
        m.replace(rust, plain)
    })
}

/// The path of a TOML pack's type error: the text is parsed and read a second time, only when
/// it failed, tracking the path this time.
fn toml_error_path(text: &str) -> Option<SourcePath> {
    let tree = DeTable::parse(text).ok()?;
    match serde_path_to_error::deserialize::<_, Pack>(toml::de::Deserializer::from(tree)) {
        Err(e) => Some(locate::from_path_to_error(e.path())),
        Ok(_) => None,
    }
}

/// The path and message of a JSON pack's type error. Tracking paths on every field would
/// slow the common, valid case, so the value is read a second time, only when it failed.
fn path_of_error(value: &Value) -> (At, String) {
    match serde_path_to_error::deserialize::<_, Pack>(value) {
        Err(e) => (
            At::Path(locate::from_path_to_error(e.path())),
            e.into_inner().to_string(),
        ),
        Ok(_) => (
            At::Path(SourcePath::root()),
            "the pack does not match its format".into(),
        ),
    }
}

fn too_long(text: &str) -> Option<String> {
    // no more bytes than the limit cannot make more characters than it: count only then
    let chars = if text.len() > MAX_STRING_CHARS {
        text.chars().count()
    } else {
        0
    };
    (chars > MAX_STRING_CHARS)
        .then(|| format!("text of {chars} characters is over the limit of {MAX_STRING_CHARS}"))
}

/// A step of the path walked so far, borrowed from the tree: a path is only built for a hit.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn hit(at: &[Step<'_>], message: String, found: &mut Found) {
    let path = at
        .iter()
        .map(|s| match s {
            Step::Key(k) => PathSeg::Key((*k).to_string()),
            Step::Index(i) => PathSeg::Index(*i),
        })
        .collect();
    found.push((At::Path(SourcePath(path)), message));
}

/// Every string over the length limit, named by its path. `at` is the path walked so far.
fn long_toml_strings<'a>(table: &'a DeTable<'_>, at: &mut Vec<Step<'a>>, found: &mut Found) {
    for (key, value) in table.iter() {
        at.push(Step::Key(key.get_ref()));
        long_toml_value(value.get_ref(), at, found);
        at.pop();
    }
}

fn long_toml_value<'a>(value: &'a DeValue<'_>, at: &mut Vec<Step<'a>>, found: &mut Found) {
    match value {
        DeValue::String(s) => {
            if let Some(message) = too_long(s) {
                hit(at, message, found);
            }
        }
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(Step::Index(i));
                long_toml_value(item.get_ref(), at, found);
                at.pop();
            }
        }
        DeValue::Table(table) => long_toml_strings(table, at, found),
        _ => {}
    }
}

fn long_json_strings<'a>(value: &'a Value, at: &mut Vec<Step<'a>>, found: &mut Found) {
    match value {
        Value::String(s) => {
            if let Some(message) = too_long(s) {
                hit(at, message, found);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(Step::Index(i));
                long_json_strings(item, at, found);
                at.pop();
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                at.push(Step::Key(k));
                long_json_strings(v, at, found);
                at.pop();
            }
        }
        _ => {}
    }
}
