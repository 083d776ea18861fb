//! Narrow reads: one register's items, filtered, sorted and paged in SQL, without loading the
//! program; and one item by its key.

use rusqlite::types::{ToSqlOutput, Value};
use rusqlite::{Connection, params_from_iter};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::sql::{self, Stored, key_column, key_text, scope, select, select_also};
use super::{FieldKind, Item, Register, RegisterName, Wrap, with_register};
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SortDirection {
    #[default]
    Asc,
    Desc,
}

/// Which items of a register to list, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ItemQuery {
    pub register: RegisterName,
    /// Text every listed item contains in one of its fields (case-insensitive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub text: Option<String>,
    /// Fields that must hold exactly these values, such as `status` = `open`, `owner` = `S3`.
    #[serde(default)]
    pub equals: Vec<(String, String)>,
    /// The field to sort by; the register's own order when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sort: Option<String>,
    #[serde(default)]
    pub direction: SortDirection,
    #[serde(default)]
    pub offset: u32,
    /// At most this many rows; all when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub limit: Option<u32>,
}

impl ItemQuery {
    /// Every item of the register, in its own order.
    pub fn all(register: RegisterName) -> ItemQuery {
        ItemQuery {
            register,
            text: None,
            equals: Vec::new(),
            sort: None,
            direction: SortDirection::Asc,
            offset: 0,
            limit: None,
        }
    }
}

/// The query in `value` (from IPC), or a `validation` error at the path of its problem, so a
/// badly shaped query is answered like a badly shaped edit.
pub fn parse_query(value: &serde_json::Value) -> Result<ItemQuery> {
    crate::pack::from_value(value)
}

/// One listed item with its key and the title a list shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ItemRow {
    pub key: String,
    pub title: String,
    #[serde(flatten)]
    pub item: Item,
}

/// A page of a register's items, and how many match in all.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ItemPage {
    pub register: RegisterName,
    pub total: u32,
    pub rows: Vec<ItemRow>,
    /// From `list_searchable` only: for each row, what a text filter looks in (see there).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub search_texts: Option<Vec<String>>,
}

/// The column holding a form field: its own name, or with `_key`/`_date`; the key for `id`.
fn column<R: Register>(field: &str) -> Result<String> {
    if field == "id" || field == "key" {
        return Ok(key_column::<R>().to_string());
    }
    if let Some((_, sql)) = R::derived().into_iter().find(|(f, _)| f.name == field) {
        return Ok(format!("({sql})"));
    }
    [
        field.to_string(),
        format!("{field}_key"),
        format!("{field}_date"),
    ]
    .into_iter()
    .find(|c| R::COLUMNS.contains(&c.as_str()))
    .ok_or_else(|| {
        let fields: Vec<String> = R::fields().into_iter().map(|f| f.name).collect();
        Error::not_found(
            "field",
            format!(
                "`{field}` in {}; the fields are {}",
                R::NAME,
                fields.join(", ")
            ),
        )
    })
}

/// At most this many keys in one `IN (…)`: far below SQLite's cap on parameters.
const KEYS_PER_STATEMENT: usize = 500;

/// The page of items the query asks for.
pub fn list(conn: &Connection, program: i64, query: &ItemQuery) -> Result<ItemPage> {
    with_register!(query.register, R => list_in::<R>(conn, program, query, false))
}

/// Every item the query matches before its text (its text, offset and limit are not applied),
/// in its order, with each item's search text: what the text filter looks in, so a window can
/// filter as the learner types without asking again. An item matches `text` exactly when its
/// search text contains `text` lowered in ASCII (and `text` holds no NUL): the search text
/// is the key and every stored field as SQLite's LIKE reads them (numbers as text), lowered in
/// ASCII as LIKE compares them, and joined by NUL so that no match spans two fields.
pub fn list_searchable(conn: &Connection, program: i64, query: &ItemQuery) -> Result<ItemPage> {
    let whole = ItemQuery {
        text: None,
        offset: 0,
        limit: None,
        ..query.clone()
    };
    with_register!(query.register, R => list_in::<R>(conn, program, &whole, true))
}

/// One thing the text filter looks in.
enum Searched {
    /// A value of the item's row: a column, or a date column in words.
    Value(String),
    /// The title of the item a reference column names.
    Title { column: String, named: Named },
    /// The titles of the items a list of references names (a JSON array of keys).
    Titles { column: String, named: Named },
}

/// A register named by references, as SQL: its table, which of its rows are the program's,
/// and its key and title columns.
struct Named {
    table: &'static str,
    scope: String,
    key: &'static str,
    title: &'static str,
}

impl Named {
    fn of(register: RegisterName) -> Option<Named> {
        with_register!(register, T => T::TITLE_COLUMN.map(|title| Named {
            table: T::TABLE,
            scope: scope::<T>(),
            key: key_column::<T>(),
            title,
        }))
    }

    /// `what` of its items, in the program, where `condition` holds.
    fn select(&self, what: &str, condition: &str) -> String {
        let Named { table, scope, .. } = self;
        format!("SELECT {what} FROM {table} AS named WHERE {scope} AND {condition}")
    }

    /// The keys of its items whose title is LIKE parameter `n`: SQLite reads them once for
    /// a query, not once for each row.
    fn keys_like(&self, n: usize) -> String {
        self.select(self.key, &format!("{} LIKE ?{n} ESCAPE '\\'", self.title))
    }

    /// Its titles of the keys `keys` (SQL giving a key, or a set of them after IN), joined by
    /// NUL; NULL when none is found.
    fn titles(&self, keys: &str) -> String {
        let all = format!("group_concat({}, char(0))", self.title);
        format!(
            "({})",
            self.select(&all, &format!("{} IN {keys}", self.key))
        )
    }
}

impl Searched {
    /// This holds text LIKE parameter `n`, in a row of `table`.
    fn like(&self, table: &str, n: usize) -> String {
        match self {
            Searched::Value(value) => format!("{value} LIKE ?{n} ESCAPE '\\'"),
            Searched::Title { column, named } => {
                format!("{table}.{column} IN ({})", named.keys_like(n))
            }
            // the items' keys are looked for in the list only when some title matches
            Searched::Titles { column, named } => format!(
                "(EXISTS ({keys}) AND EXISTS (SELECT 1 FROM json_each({table}.{column}) WHERE value IN ({keys})))",
                keys = named.keys_like(n)
            ),
        }
    }

    /// What this holds as text, in a row of `table`: NULL where nothing.
    fn text(&self, table: &str) -> String {
        match self {
            Searched::Value(value) => value.clone(),
            Searched::Title { column, named } => named.titles(&format!("({table}.{column})")),
            Searched::Titles { column, named } => {
                named.titles(&format!("(SELECT value FROM json_each({table}.{column}))"))
            }
        }
    }
}

/// What the text filter looks in: the key and every stored field; each date again as the
/// window writes it (`5 Jan 2027`, as `format::long_date`), so a date is found as the learner
/// reads it; and the title of every item a reference names (an owner's name, a
/// communication's people), as a table shows it: a single reference, or a list every item has.
///
/// `dates` says whether to look at the dates in words: a filter's text that cannot be part of
/// one (`could_be_in_a_date`) leaves them out, and so most of what they cost (on a big plan,
/// the six dates of 5,000 milestones written out for a text they cannot hold took a
/// keystroke's query from p95 7 to 11-15 ms).
fn searched<R: Register>(dates: bool) -> Vec<Searched> {
    let mut searched: Vec<Searched> = std::iter::once(key_column::<R>())
        .chain(R::COLUMNS.iter().copied())
        .map(|c| Searched::Value(c.to_string()))
        .collect();
    for field in R::fields() {
        let Ok(column) = column::<R>(&field.name) else {
            continue;
        };
        searched.extend(match field.kind {
            FieldKind::Date if dates => Some(Searched::Value(date_in_words(&column))),
            FieldKind::Reference { register } => {
                Named::of(register).map(|named| Searched::Title { column, named })
            }
            // a list of references every item has (a communication's people) is a column of
            // a table; one that may be empty (a milestone's dependencies) is not, and a
            // milestone is not what its dependencies are called
            FieldKind::References { register } if field.required => {
                Named::of(register).map(|named| Searched::Titles { column, named })
            }
            _ => None,
        });
    }
    searched
}

/// Whether `text` could be part of a date as `date_in_words` writes it (`15 Jan 2027`), in
/// any case of its ASCII letters, as LIKE compares them.
fn could_be_in_a_date(text: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let text = text.to_ascii_lowercase().into_bytes();
    MONTHS.iter().any(|month| {
        ["#", "##"].iter().any(|day| {
            // a digit where the date has `#`, the same letter or space elsewhere
            let date = format!("{day} {month} ####").into_bytes();
            date.len() >= text.len()
                && (0..=date.len() - text.len()).any(|at| {
                    text.iter().zip(&date[at..]).all(|(c, d)| match d {
                        b'#' => c.is_ascii_digit(),
                        _ => c == d,
                    })
                })
        })
    })
}

/// An ISO date column as `format::long_date` writes it: the day without its leading zero, the
/// month's English abbreviation, the year. NULL stays NULL.
fn date_in_words(column: &str) -> String {
    format!(
        "(CAST(substr({column}, 9, 2) AS INTEGER) || ' ' || \
         substr('JanFebMarAprMayJunJulAugSepOctNovDec', CAST(substr({column}, 6, 2) AS INTEGER) * 3 - 2, 3) || ' ' || \
         substr({column}, 1, 4))"
    )
}

/// The SQL of an item's search text (see `list_searchable`); a NULL field is an empty one,
/// which no filter matches (a filter's text is never empty).
fn search_text<R: Register>() -> String {
    let fields: Vec<String> = searched::<R>(true)
        .iter()
        .map(|c| format!("ifnull({}, '')", c.text(R::TABLE)))
        .collect();
    format!("lower({})", fields.join(" || char(0) || "))
}

fn list_in<R: Register + Wrap<R::Item>>(
    conn: &Connection,
    program: i64,
    q: &ItemQuery,
    with_texts: bool,
) -> Result<ItemPage> {
    let mut clauses = Vec::new();
    let mut values: Vec<ToSqlOutput<'_>> = vec![ToSqlOutput::from(program)];
    if let Some(text) = q.text.as_deref().filter(|t| !t.trim().is_empty()) {
        let escaped = text
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        values.push(ToSqlOutput::from(format!("%{escaped}%")));
        let n = values.len();
        let any: Vec<String> = searched::<R>(could_be_in_a_date(text))
            .iter()
            .map(|c| c.like(R::TABLE, n))
            .collect();
        clauses.push(format!("({})", any.join(" OR ")));
    }
    for (field, value) in &q.equals {
        values.push(ToSqlOutput::from(value.clone()));
        clauses.push(format!("{} = ?{}", column::<R>(field)?, values.len()));
    }
    let filter: String = clauses.iter().map(|c| format!(" AND {c}")).collect();
    let order = match &q.sort {
        Some(field) => {
            let dir = match q.direction {
                SortDirection::Asc => "ASC",
                SortDirection::Desc => "DESC",
            };
            format!("{} {dir}, {}", column::<R>(field)?, R::ORDER)
        }
        None => R::ORDER.to_string(),
    };
    if q.limit.is_none() && q.offset == 0 {
        // every match: one query, and the count is how many it read
        let texts = if with_texts {
            format!(", {}", search_text::<R>())
        } else {
            String::new()
        };
        let sql = format!("{}{filter} ORDER BY {order}", select_also::<R>(&texts));
        let text_at = R::COLUMNS.len() + 2;
        let mut rows = Vec::new();
        let mut search_texts = Vec::new();
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut found = stmt.query(params_from_iter(values.iter()))?;
        while let Some(r) = found.next()? {
            rows.push(row::<R>(sql::stored::<R>(r)?));
            if with_texts {
                search_texts.push(r.get(text_at)?);
            }
        }
        return Ok(ItemPage {
            register: R::NAME,
            total: u32::try_from(rows.len()).unwrap_or(u32::MAX),
            rows,
            search_texts: with_texts.then_some(search_texts),
        });
    }
    // A page: one pass over the table (its filter is most of a query's cost: a LIKE per field
    // of every row that does not match) sorts the matching keys alone and counts them, and the
    // page's items are then read by key. Counting and paging in two queries scanned it twice.
    let keys_sql = format!(
        "SELECT {} FROM {} WHERE {}{filter} ORDER BY {order}",
        key_column::<R>(),
        R::TABLE,
        scope::<R>()
    );
    let from = q.offset as usize;
    let to = q
        .limit
        .map_or(usize::MAX, |n| from.saturating_add(n as usize));
    let mut total = 0usize;
    let mut page = Vec::new();
    let mut stmt = conn.prepare_cached(&keys_sql)?;
    let mut matched = stmt.query(params_from_iter(values.iter()))?;
    while let Some(found) = matched.next()? {
        if (from..to).contains(&total) {
            page.push(found.get::<_, Value>(0)?);
        }
        total += 1;
    }
    drop(matched);
    // the page's items by key, a statement per chunk of keys (SQLite caps the parameters of
    // one), put back in the order their keys were listed in; a key not found is an item
    // another writer removed since (as a count and a page read apart could disagree before):
    // the page goes without it
    let mut found = std::collections::HashMap::with_capacity(page.len());
    for keys in page.chunks(KEYS_PER_STATEMENT) {
        let marks: Vec<String> = (0..keys.len()).map(|i| format!("?{}", i + 2)).collect();
        let sql = format!(
            "{} AND {} IN ({})",
            select::<R>(),
            key_column::<R>(),
            marks.join(", ")
        );
        let params = std::iter::once(Value::from(program)).chain(keys.iter().cloned());
        let mut stmt = conn.prepare_cached(&sql)?;
        for stored in stmt.query_map(params_from_iter(params), sql::stored::<R>)? {
            let stored = stored?;
            found.insert(stored.key.clone(), stored);
        }
    }
    let rows: Vec<ItemRow> = page
        .iter()
        .filter_map(|key| found.remove(&key_text(key.clone())))
        .map(row::<R>)
        .collect();
    Ok(ItemPage {
        register: R::NAME,
        total: u32::try_from(total).unwrap_or(u32::MAX),
        rows,
        search_texts: None,
    })
}

fn row<R: Register + Wrap<R::Item>>(stored: Stored<R::Item>) -> ItemRow {
    ItemRow {
        key: stored.key,
        title: R::title(&stored.item),
        item: R::wrap(stored.item),
    }
}

/// An item's key and the title a picker shows, without the item.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ItemTitle {
    pub key: String,
    pub title: String,
}

/// Every item of the register as (key, title), in its own order: what a picker offers.
pub fn titles(conn: &Connection, program: i64, register: RegisterName) -> Result<Vec<ItemTitle>> {
    with_register!(register, R => {
        let page = list_in::<R>(conn, program, &ItemQuery::all(register), false)?;
        Ok(page
            .rows
            .into_iter()
            .map(|r| ItemTitle { key: r.key, title: r.title })
            .collect())
    })
}

/// One item by its key.
pub fn get(conn: &Connection, program: i64, register: RegisterName, key: &str) -> Result<ItemRow> {
    with_register!(register, R => {
        let stored = sql::get::<R>(conn, program, key)?
            .ok_or_else(|| Error::not_found(R::NAME.noun(), key))?;
        Ok(row::<R>(stored))
    })
}

#[cfg(test)]
mod tests {
    use super::could_be_in_a_date;

    #[test]
    fn a_text_could_be_in_a_date_in_words_only_if_it_fits_one() {
        for text in [
            "Jan",
            "15 jan 2027",
            "5 J",
            "AN 20",
            " 2027",
            "2027",
            "7 Feb",
            "b 2",
            "1",
        ] {
            assert!(could_be_in_a_date(text), "{text:?}");
        }
        for text in [
            "Milestone 43",
            "january",
            "2027-01",
            "jan%",
            "13 jam",
            "123 jan",
            "é",
        ] {
            assert!(!could_be_in_a_date(text), "{text:?}");
        }
    }
}
