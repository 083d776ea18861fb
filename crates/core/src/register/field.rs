//! Form field descriptors, and the shape check that reads an item's JSON against them.
//!
//! The UI builds one form for every register from these descriptors. The same descriptors
//! check an edit's JSON before it is turned into the typed item, so every shape problem is
//! reported at once, each at its field and in words a learner reads ("a whole number from 1
//! to 5"), never as a Rust type.

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use super::RegisterName;
use crate::pack::{MAX_STRING_CHARS, SourcePath};

/// One field of a register's form.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Field {
    /// The item's key for it, as in packs.
    pub name: String,
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    /// A line under the field saying what belongs there.
    pub help: String,
}

/// What a field holds, and so which control edits it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    LongText,
    Date,
    Number {
        #[ts(optional)]
        #[serde(skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        #[ts(optional)]
        #[serde(skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
        whole: bool,
        /// An amount in the program's currency, shown with it.
        money: bool,
    },
    Choice {
        choices: Vec<String>,
    },
    /// The key of one item of `register`.
    Reference {
        register: RegisterName,
    },
    /// Keys of items of `register`.
    References {
        register: RegisterName,
    },
    /// Who is Responsible, Accountable, Consulted and Informed: teams and stakeholders.
    Raci,
}

impl Field {
    fn new(name: &str, label: &str, kind: FieldKind) -> Field {
        Field {
            name: name.into(),
            label: label.into(),
            kind,
            required: false,
            help: String::new(),
        }
    }
    pub fn text(name: &str, label: &str) -> Field {
        Field::new(name, label, FieldKind::Text)
    }
    pub fn long_text(name: &str, label: &str) -> Field {
        Field::new(name, label, FieldKind::LongText)
    }
    pub fn date(name: &str, label: &str) -> Field {
        Field::new(name, label, FieldKind::Date)
    }
    pub fn number(name: &str, label: &str, min: Option<f64>, max: Option<f64>) -> Field {
        let kind = FieldKind::Number {
            min,
            max,
            whole: false,
            money: false,
        };
        Field::new(name, label, kind)
    }
    pub fn whole(name: &str, label: &str, min: f64, max: Option<f64>) -> Field {
        let kind = FieldKind::Number {
            min: Some(min),
            max,
            whole: true,
            money: false,
        };
        Field::new(name, label, kind)
    }
    pub fn choice(name: &str, label: &str, choices: &[&str]) -> Field {
        let choices = choices.iter().map(|c| c.to_string()).collect();
        Field::new(name, label, FieldKind::Choice { choices })
    }
    pub fn reference(name: &str, label: &str, register: RegisterName) -> Field {
        Field::new(name, label, FieldKind::Reference { register })
    }
    pub fn references(name: &str, label: &str, register: RegisterName) -> Field {
        Field::new(name, label, FieldKind::References { register })
    }
    pub fn raci(name: &str, label: &str) -> Field {
        Field::new(name, label, FieldKind::Raci)
    }
    /// Marks a number as an amount of money, in the program's currency.
    pub fn money(mut self) -> Field {
        if let FieldKind::Number { money, .. } = &mut self.kind {
            *money = true;
        }
        self
    }
    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }
    pub fn help(mut self, help: &str) -> Field {
        self.help = help.into();
        self
    }
}

/// Every shape problem of an item's JSON against the register's fields, each at its path;
/// `other` names keys that are allowed though no field edits them.
pub fn shape(fields: &[Field], other: &[&str], item: &Value) -> Vec<(SourcePath, String)> {
    let mut found = Vec::new();
    let Some(object) = item.as_object() else {
        found.push((SourcePath::root(), "expected an object of fields".into()));
        return found;
    };
    for name in object.keys() {
        if !fields.iter().any(|f| &f.name == name) && !other.contains(&name.as_str()) {
            let known: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
            let message = format!("unknown field; the fields are {}", known.join(", "));
            found.push((SourcePath::root().key(name), message));
        }
    }
    for field in fields {
        let at = SourcePath::root().key(&field.name);
        match object.get(&field.name) {
            None | Some(Value::Null) if field.required => {
                found.push((at, format!("{} is required", field.label)));
            }
            None | Some(Value::Null) => {}
            Some(value) => value_shape(&field.kind, value, &at, &mut found),
        }
    }
    found
}

fn value_shape(
    kind: &FieldKind,
    value: &Value,
    at: &SourcePath,
    found: &mut Vec<(SourcePath, String)>,
) {
    let mut fail = |message: String| found.push((at.clone(), message));
    match kind {
        FieldKind::Text | FieldKind::LongText | FieldKind::Reference { .. } => match value {
            Value::String(s) if s.chars().count() > MAX_STRING_CHARS => fail(format!(
                "text of {} characters is over the limit of {MAX_STRING_CHARS}",
                s.chars().count()
            )),
            Value::String(_) => {}
            _ => fail("expected text".into()),
        },
        FieldKind::Date => {
            let ok = value
                .as_str()
                .is_some_and(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok());
            if !ok {
                fail(format!("expected a date such as 2027-03-14, found {value}"));
            }
        }
        FieldKind::Number {
            min, max, whole, ..
        } => {
            let n = value.as_f64().filter(|n| n.is_finite());
            let in_range = n.is_some_and(|n| {
                min.is_none_or(|lo| !*whole || n >= lo)
                    && max.is_none_or(|hi| !*whole || n <= hi)
                    && (!*whole || (n.fract() == 0.0 && value.is_u64()))
            });
            if !in_range {
                fail(format!(
                    "expected {}, found {value}",
                    describe_number(*min, *max, *whole)
                ));
            }
        }
        FieldKind::Choice { choices } => {
            if !value
                .as_str()
                .is_some_and(|s| choices.iter().any(|c| c == s))
            {
                fail(format!(
                    "expected one of {}, found {value}",
                    choices.join(", ")
                ));
            }
        }
        FieldKind::References { .. } => list_of_keys(value, at, found),
        FieldKind::Raci => raci_shape(value, at, found),
    }
}

/// "a whole number from 1 to 5", "a number", "a whole number of at least 1".
fn describe_number(min: Option<f64>, max: Option<f64>, whole: bool) -> String {
    let noun = if whole { "a whole number" } else { "a number" };
    match (min, max) {
        (Some(lo), Some(hi)) => format!("{noun} from {lo} to {hi}"),
        (Some(lo), None) => format!("{noun} of at least {lo}"),
        (None, Some(hi)) => format!("{noun} of at most {hi}"),
        (None, None) => noun.to_string(),
    }
}

fn list_of_keys(value: &Value, at: &SourcePath, found: &mut Vec<(SourcePath, String)>) {
    match value.as_array() {
        Some(items) => {
            for (i, item) in items.iter().enumerate() {
                if !item.is_string() {
                    found.push((at.index(i), "expected an id as text".into()));
                }
            }
        }
        None => found.push((at.clone(), "expected a list of ids".into())),
    }
}

fn raci_shape(value: &Value, at: &SourcePath, found: &mut Vec<(SourcePath, String)>) {
    let Some(object) = value.as_object() else {
        found.push((
            at.clone(),
            "expected a RACI map (accountable, responsible, consulted, informed)".into(),
        ));
        return;
    };
    for (role, v) in object {
        match role.as_str() {
            "accountable" if v.is_string() || v.is_null() => {}
            "accountable" => found.push((at.key(role), "expected a stakeholder id".into())),
            "responsible" | "consulted" | "informed" => list_of_keys(v, &at.key(role), found),
            _ => found.push((
                at.key(role),
                "unknown role; the roles are accountable, responsible, consulted, informed".into(),
            )),
        }
    }
}
