//! Reading an edit from JSON (the command line, IPC), with every shape problem reported at
//! once, each at its field addressed by the item's key: `risks[R7].likelihood: expected a
//! whole number from 1 to 5, found "high"`.

use serde_json::Value;

use super::Edit;
use crate::Result;
use crate::pack::SourcePath;
use crate::register::RegisterName;

/// The edit in `value`, or every problem with its shape.
pub fn parse_edit(value: &Value) -> Result<Edit> {
    let mut found: Vec<(SourcePath, String)> = Vec::new();
    let root = SourcePath::root();
    let Some(object) = value.as_object() else {
        let message = "an edit is an object: {\"op\": \"put\", \"register\": …, \"item\": {…}} or {\"op\": \"remove\", \"register\": …, \"key\": …}";
        return Err(crate::pack::invalid(vec![(root, message.into())]));
    };
    let op = object.get("op").and_then(Value::as_str);
    let allowed: &[&str] = match op {
        Some("put") => &["op", "register", "key", "item"],
        Some("remove") => &["op", "register", "key"],
        _ => {
            found.push((root.key("op"), "expected \"put\" or \"remove\"".into()));
            &["op", "register", "key", "item"]
        }
    };
    for name in object.keys().filter(|k| !allowed.contains(&k.as_str())) {
        found.push((
            root.key(name),
            format!("unknown field; an edit has {}", allowed.join(", ")),
        ));
    }
    let register = match object.get("register").and_then(Value::as_str) {
        Some(name) => match RegisterName::parse(name) {
            Ok(r) => Some(r),
            Err(e) => {
                found.push((root.key("register"), e.to_string()));
                None
            }
        },
        None => {
            let message = format!(
                "name the register: one of {}",
                RegisterName::names().join(", ")
            );
            found.push((root.key("register"), message));
            None
        }
    };
    let key = match object.get("key") {
        None | Some(Value::Null) => None,
        Some(Value::String(k)) => Some(k.clone()),
        Some(_) => {
            found.push((root.key("key"), "expected the item's key as text".into()));
            None
        }
    };
    if op == Some("remove") && key.is_none() && !object.contains_key("key") {
        found.push((root.key("key"), "name the item to remove by its key".into()));
    }
    if let (Some("put"), Some(register)) = (op, register) {
        match object.get("item") {
            Some(item) => {
                let name = key
                    .clone()
                    .or_else(|| item.get("id").and_then(Value::as_str).map(str::to_string))
                    .unwrap_or_else(|| "new".into());
                let at = root.key(register.name()).id(&name);
                for (path, message) in register.shape(item) {
                    found.push((at.join(&path), message));
                }
            }
            None => found.push((root.key("item"), "a put needs the item".into())),
        }
    }
    if !found.is_empty() {
        return Err(crate::pack::invalid(found));
    }
    crate::pack::from_value(value)
}
