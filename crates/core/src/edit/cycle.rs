//! Dependency cycles through one milestone, found from the `refs` index without loading the
//! program: only an edit of a milestone's `depends_on` can close a cycle, and only through it.

use std::collections::{HashMap, VecDeque};

use rusqlite::{Connection, params};

use crate::Result;

/// The cycle `key → … → key` that depending on `deps` would close, if any.
pub fn through(
    conn: &Connection,
    program: i64,
    key: &str,
    deps: &[String],
) -> Result<Option<Vec<String>>> {
    // walk up from each new dependency; stop at `key`, whose stored edges are being replaced
    let mut reach = conn.prepare_cached(
        "WITH RECURSIVE walk(k) AS (
             SELECT ?3
             UNION
             SELECT r.to_key FROM refs r JOIN walk ON r.from_key = walk.k
             WHERE r.program_id = ?1 AND r.from_register = 'milestones' AND r.to_register = 'milestones'
               AND walk.k <> ?2
         )
         SELECT EXISTS (SELECT 1 FROM walk WHERE k = ?2)",
    )?;
    let mut closes = false;
    for dep in deps {
        if dep == key || reach.query_row(params![program, key, dep], |r| r.get::<_, bool>(0))? {
            closes = true;
            break;
        }
    }
    if !closes {
        return Ok(None);
    }
    // rare: load the edges to name the cycle
    let mut stmt = conn.prepare_cached(
        "SELECT from_key, to_key FROM refs WHERE program_id = ?1 AND from_register = 'milestones' AND to_register = 'milestones'",
    )?;
    let mut edges: HashMap<String, Vec<String>> = HashMap::new();
    for row in stmt.query_map([program], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })? {
        let (from, to) = row?;
        edges.entry(from).or_default().push(to);
    }
    edges.insert(key.to_string(), deps.to_vec());
    Ok(shortest_path(&edges, key))
}

/// The shortest way from `key` back to itself, breadth first.
fn shortest_path(edges: &HashMap<String, Vec<String>>, key: &str) -> Option<Vec<String>> {
    let mut came_from: HashMap<&str, &str> = HashMap::new();
    let mut queue: VecDeque<&str> = VecDeque::from([key]);
    while let Some(at) = queue.pop_front() {
        for next in edges.get(at).into_iter().flatten() {
            if next == key {
                // follow the way back from `at` to `key`, then read it forwards
                let mut chain = vec![at];
                let mut step = at;
                while step != key {
                    let Some(&prev) = came_from.get(step) else {
                        break;
                    };
                    chain.push(prev);
                    step = prev;
                }
                chain.reverse();
                let mut path: Vec<String> = chain.into_iter().map(String::from).collect();
                path.push(key.to_string());
                return Some(path);
            }
            if !came_from.contains_key(next.as_str()) {
                came_from.insert(next, at);
                queue.push_back(next);
            }
        }
    }
    None
}
