//! Dependency cycles through one milestone, found from the `refs` index without loading the
//! program: only an edit of a milestone's `depends_on` can close a cycle, and only through it.

use std::collections::{HashMap, HashSet, VecDeque};

use rusqlite::{Connection, params};

use crate::Result;

/// The cycle `key → … → key` that depending on `deps` would close, if any.
///
/// A cycle closes when `key` is an ancestor of a new dependency, or equally when a new
/// dependency is a descendant of `key`. Both walks go through the `refs` index one level at a
/// time, always widening the smaller frontier, so the check costs about the smaller of the two
/// sets: a milestone late in a long plan has few descendants, an early one few ancestors.
pub fn through(
    conn: &Connection,
    program: i64,
    key: &str,
    deps: &[String],
) -> Result<Option<Vec<String>>> {
    if closes(conn, program, key, deps)? {
        name_cycle(conn, program, key, deps)
    } else {
        Ok(None)
    }
}

fn closes(conn: &Connection, program: i64, key: &str, deps: &[String]) -> Result<bool> {
    let mut up_seen: HashSet<String> = deps.iter().cloned().collect();
    let mut down_seen: HashSet<String> = HashSet::from([key.to_string()]);
    let mut up: Vec<String> = deps.to_vec();
    let mut down: Vec<String> = vec![key.to_string()];
    if up_seen.contains(key) {
        return Ok(true);
    }
    let mut parents = conn.prepare_cached(
        "SELECT to_key FROM refs INDEXED BY refs_from
         WHERE program_id = ?1 AND from_register = 'milestones' AND from_key = ?2 AND to_register = 'milestones'",
    )?;
    let mut children = conn.prepare_cached(
        "SELECT from_key FROM refs INDEXED BY refs_to
         WHERE program_id = ?1 AND to_register = 'milestones' AND to_key = ?2 AND from_register = 'milestones'",
    )?;
    while !up.is_empty() && !down.is_empty() {
        let widen_up = up.len() <= down.len();
        let (frontier, stmt, seen, other) = if widen_up {
            (&mut up, &mut parents, &mut up_seen, &down_seen)
        } else {
            (&mut down, &mut children, &mut down_seen, &up_seen)
        };
        let mut next = Vec::new();
        for k in frontier.drain(..) {
            // `key`'s stored dependencies are the ones being replaced: never walk up through it
            if widen_up && k == key {
                continue;
            }
            let found = stmt.query_map(params![program, k], |r| r.get::<_, String>(0))?;
            for n in found {
                let n = n?;
                if other.contains(&n) || (widen_up && n == key) {
                    return Ok(true);
                }
                if seen.insert(n.clone()) {
                    next.push(n);
                }
            }
        }
        *frontier = next;
    }
    Ok(false)
}

/// The edges loaded, to name the cycle found; only when an edit is refused.
fn name_cycle(
    conn: &Connection,
    program: i64,
    key: &str,
    deps: &[String],
) -> Result<Option<Vec<String>>> {
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
