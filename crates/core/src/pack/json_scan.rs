//! Finds where a path lies in JSON text. serde_json keeps no spans, and problems are rare, so
//! the text is scanned again only when there is a problem to place.

use super::locate::{PathSeg, SourcePath};

/// The byte offset of the deepest part of `path` found in `text` (a key, or an array item).
pub fn offset(text: &str, path: &SourcePath) -> usize {
    let bytes = text.as_bytes();
    let mut pos = skip_ws(bytes, 0);
    let mut found = pos;
    for seg in &path.0 {
        let next = match (seg, bytes.get(pos)) {
            (PathSeg::Key(key), Some(b'{')) => find_key(bytes, pos, key),
            (PathSeg::Index(index), Some(b'[')) => find_index(bytes, pos, *index),
            _ => None,
        };
        match next {
            Some((at, value)) => {
                found = at;
                pos = value;
            }
            None => break,
        }
    }
    found
}

/// In the object at `pos`, the offset of `key` and of its value.
fn find_key(bytes: &[u8], pos: usize, key: &str) -> Option<(usize, usize)> {
    let mut i = skip_ws(bytes, pos + 1);
    while bytes.get(i) == Some(&b'"') {
        let key_at = i;
        let key_end = skip_string(bytes, i);
        let name = std::str::from_utf8(bytes.get(i + 1..key_end.saturating_sub(1))?).ok()?;
        i = skip_ws(bytes, key_end);
        if bytes.get(i) != Some(&b':') {
            return None;
        }
        let value_at = skip_ws(bytes, i + 1);
        if name == key {
            return Some((key_at, value_at));
        }
        i = skip_ws(bytes, skip_value(bytes, value_at));
        if bytes.get(i) == Some(&b',') {
            i = skip_ws(bytes, i + 1);
        }
    }
    None
}

/// In the array at `pos`, the offset of item `index`.
fn find_index(bytes: &[u8], pos: usize, index: usize) -> Option<(usize, usize)> {
    let mut i = skip_ws(bytes, pos + 1);
    for _ in 0..index {
        if bytes.get(i) == Some(&b']') {
            return None;
        }
        i = skip_ws(bytes, skip_value(bytes, i));
        if bytes.get(i) != Some(&b',') {
            return None;
        }
        i = skip_ws(bytes, i + 1);
    }
    (bytes.get(i) != Some(&b']')).then_some((i, i))
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

/// Past the string starting at `i` (which holds its opening quote).
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    i += 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// Past the value starting at `i`.
fn skip_value(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'"') => skip_string(bytes, i),
        Some(b'{') | Some(b'[') => {
            let mut depth = 0usize;
            let mut j = i;
            while let Some(&b) = bytes.get(j) {
                match b {
                    b'"' => {
                        j = skip_string(bytes, j);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            j
        }
        _ => {
            let mut j = i;
            while bytes
                .get(j)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                j += 1;
            }
            j
        }
    }
}
