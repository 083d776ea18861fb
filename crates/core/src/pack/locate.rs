//! Where things are in a pack's text: paths into the document and their line and column.

use std::fmt;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Problem, SourceFormat};

/// One step of a path into the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSeg {
    Key(String),
    Index(usize),
    /// An item named by its key rather than its place, as edits address it: `risks[R7]`.
    Id(String),
}

/// A path into the document, such as `milestones[3].finish`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourcePath(pub Vec<PathSeg>);

impl SourcePath {
    pub fn root() -> Self {
        SourcePath(Vec::new())
    }
    pub fn key(&self, key: &str) -> Self {
        let mut segs = self.0.clone();
        segs.push(PathSeg::Key(key.to_string()));
        SourcePath(segs)
    }
    pub fn index(&self, index: usize) -> Self {
        let mut segs = self.0.clone();
        segs.push(PathSeg::Index(index));
        SourcePath(segs)
    }
    pub fn id(&self, key: &str) -> Self {
        let mut segs = self.0.clone();
        segs.push(PathSeg::Id(key.to_string()));
        SourcePath(segs)
    }
    /// This path followed by `rest`.
    pub fn join(&self, rest: &SourcePath) -> Self {
        SourcePath(self.0.iter().chain(&rest.0).cloned().collect())
    }
    pub fn last_key(&self) -> Option<&str> {
        match self.0.last() {
            Some(PathSeg::Key(k)) => Some(k),
            _ => None,
        }
    }
}

impl fmt::Display for SourcePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                PathSeg::Key(k) if i == 0 => write!(f, "{k}")?,
                PathSeg::Key(k) => write!(f, ".{k}")?,
                PathSeg::Index(n) => write!(f, "[{n}]")?,
                PathSeg::Id(k) => write!(f, "[{k}]")?,
            }
        }
        Ok(())
    }
}

pub fn from_ignored(path: &serde_ignored::Path<'_>) -> SourcePath {
    use serde_ignored::Path as P;
    fn walk(path: &P<'_>, out: &mut Vec<PathSeg>) {
        match path {
            P::Root => {}
            P::Seq { parent, index } => {
                walk(parent, out);
                out.push(PathSeg::Index(*index));
            }
            P::Map { parent, key } => {
                walk(parent, out);
                out.push(PathSeg::Key(key.clone()));
            }
            P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
                walk(parent, out)
            }
        }
    }
    let mut segs = Vec::new();
    walk(path, &mut segs);
    SourcePath(segs)
}

pub fn from_path_to_error(path: &serde_path_to_error::Path) -> SourcePath {
    use serde_path_to_error::Segment;
    SourcePath(
        path.iter()
            .filter_map(|seg| match seg {
                Segment::Seq { index } => Some(PathSeg::Index(*index)),
                Segment::Map { key } => Some(PathSeg::Key(key.clone())),
                Segment::Enum { .. } | Segment::Unknown => None,
            })
            .collect(),
    )
}

/// Where a problem lies: at a path into the document, or at a byte offset a parser gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    Path(SourcePath),
    Offset(usize),
    /// A path, and the offset a parser gave: the offset where it lies on the path's line (at
    /// the value after its key), else the path's own place (the start of an inline item).
    PathOffset(SourcePath, usize),
}

/// Turns paths and offsets into lines and columns. TOML is parsed again for its spans, JSON is
/// scanned: both happen only when there is something to report.
pub struct Locator<'a> {
    text: &'a str,
    tree: Option<Spanned<DeTable<'a>>>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str, format: SourceFormat) -> Self {
        let tree = match format {
            SourceFormat::Toml => DeTable::parse(text).ok(),
            SourceFormat::Json => None,
        };
        Locator { text, tree }
    }

    pub fn problem(&self, file: &str, at: &At, message: String) -> Problem {
        match at {
            At::Offset(offset) => problem_at(file, self.text, *offset, message),
            At::Path(path) => self.on_path(file, path, None, message),
            At::PathOffset(path, offset) => self.on_path(file, path, Some(*offset), message),
        }
    }
}

impl Locator<'_> {
    fn on_path(
        &self,
        file: &str,
        path: &SourcePath,
        parser_offset: Option<usize>,
        message: String,
    ) -> Problem {
        let on_path = match &self.tree {
            Some(tree) => toml_offset(tree, path),
            None => super::json_scan::offset(self.text, path),
        };
        let same_line =
            |o: usize| o >= on_path && self.text.get(on_path..o).is_some_and(|t| !t.contains('\n'));
        let offset = parser_offset.filter(|&o| same_line(o)).unwrap_or(on_path);
        Problem {
            path: path.to_string(),
            ..problem_at(file, self.text, offset, message)
        }
    }
}

pub fn problem_at(file: &str, text: &str, offset: usize, message: String) -> Problem {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    Problem {
        file: file.to_string(),
        line,
        column,
        path: String::new(),
        message,
    }
}

pub fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

/// A TOML syntax error in a learner's words. An unquoted value that looks like a date written
/// with slashes (`01/09/2011`) is named and shown how to write, rather than told to be quoted.
pub fn toml_syntax_message(text: &str, offset: usize, message: &str) -> String {
    let rest = text.get(offset..).unwrap_or_default();
    let token: String = rest
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}' | '#'))
        .collect();
    let parts: Vec<&str> = token.split(['/', '.']).collect();
    let looks_like_date = parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()));
    if looks_like_date {
        return format!(
            "`{token}` looks like a date: write dates as YYYY-MM-DD without quotes, such as \
             2027-01-04"
        );
    }
    first_line(message)
}

pub fn json_message(e: &serde_json::Error) -> String {
    // serde_json appends " at line L column C"; the location is given separately.
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let in_line = text[line_start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(0);
    line_start + in_line
}

/// Finds the deepest existing node on `path`; a missing key points at its table.
fn toml_offset(tree: &Spanned<DeTable<'_>>, path: &SourcePath) -> usize {
    let mut offset = tree.span().start;
    let mut table: Option<&DeTable<'_>> = Some(tree.get_ref());
    let mut array: Option<&[Spanned<DeValue<'_>>]> = None;
    for seg in &path.0 {
        let next = match (seg, table, array) {
            (PathSeg::Key(k), Some(t), _) => t.get_key_value(k.as_str()).map(|(key, v)| {
                // point at the key itself: that is where a reader looks
                offset = key.span().start;
                v
            }),
            (PathSeg::Index(i), _, Some(a)) => a.get(*i).inspect(|v| offset = v.span().start),
            _ => None,
        };
        let Some(node) = next else { break };
        table = node.get_ref().as_table();
        array = node.get_ref().as_array().map(|a| a.as_ref());
    }
    offset
}
