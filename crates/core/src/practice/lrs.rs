//! Sending xAPI statements to a learning record store (LRS): POSTed in batches to its
//! `statements` resource with `X-Experience-API-Version` and HTTP basic authentication, over
//! rustls. Compiled with the `lrs` feature, which the app and the command line turn on; the
//! statements themselves are made in `xapi`.
//!
//! Faults: a 5xx or a dropped connection is tried again with a doubling wait; a batch refused
//! with a 4xx is split in halves until the statement refused is found, so the others are still
//! stored; a 401 or 403 stops at once. An LRS stores a statement it already has only once
//! (the ids are derived from the attempt), so sending again sends what is missing.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::xapi::{Sent, XAPI_VERSION, is_web_address};
use crate::{Error, Result};

/// How a request ended.
enum Reply {
    /// Stored: how many were new (an LRS answers 204 when it had them all already).
    Stored(usize),
    /// 409: an id of the batch is stored already with other content.
    Conflict(String),
    /// Another 4xx, with the LRS's words.
    Refused(u16, String),
    /// 401 or 403: nothing will be stored with these credentials.
    Unauthorised(u16),
    /// 5xx or no answer, after the retries.
    Failed(String),
}

/// A learning record store's statements resource.
pub struct Lrs {
    agent: ureq::Agent,
    url: String,
    authorization: String,
    /// Waits before each retry of a 5xx or a dropped connection.
    backoff: Vec<Duration>,
}

impl Lrs {
    /// The store at `endpoint` (its xAPI base, or its statements resource), with HTTP basic
    /// authentication; a request the store fails (5xx) or drops is tried `retries` more times.
    pub fn new(endpoint: &str, user: &str, password: &str, retries: u8) -> Result<Lrs> {
        if !is_web_address(endpoint) {
            return Err(Error::Conflict(format!(
                "the LRS address `{endpoint}` is not an http(s) address, such as https://lrs.example.org/xAPI/"
            )));
        }
        let base = endpoint.trim_end_matches('/');
        let url = if base.ends_with("/statements") {
            base.to_string()
        } else {
            format!("{base}/statements")
        };
        let config = ureq::Agent::config_builder()
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(60)))
            .http_status_as_error(false)
            .build();
        Ok(Lrs {
            agent: config.into(),
            url,
            authorization: format!("Basic {}", base64(&format!("{user}:{password}"))),
            backoff: (0..u32::from(retries))
                .map(|n| Duration::from_millis(500) * 2u32.pow(n))
                .collect(),
        })
    }

    /// Sends the statements in batches; a batch refused as a whole is split until the
    /// statement refused is found, so that the others are still stored.
    /// `progress` is told how many statements have been dealt with after each batch.
    pub fn send(
        &self,
        statements: &[Value],
        batch: usize,
        progress: &mut dyn FnMut(usize),
    ) -> Sent {
        let started = Instant::now();
        let mut sent = Sent::default();
        let mut done = 0;
        for part in statements.chunks(batch.max(1)) {
            if sent.stopped.is_some() {
                sent.not_sent += count(part);
                continue;
            }
            self.send_part(part, &mut sent);
            done += part.len();
            progress(done);
        }
        sent.took_ms = millis(started.elapsed());
        sent
    }

    fn send_part(&self, part: &[Value], sent: &mut Sent) {
        let asked = Instant::now();
        let reply = self.post(part);
        sent.slowest_ms = sent.slowest_ms.max(millis(asked.elapsed()));
        match reply {
            Reply::Stored(new) => {
                sent.stored += count(&part[..new]);
                sent.already += count(&part[new..]);
            }
            Reply::Conflict(_) | Reply::Refused(..) if part.len() > 1 => {
                let (left, right) = part.split_at(part.len() / 2);
                self.send_part(left, sent);
                if sent.stopped.is_some() {
                    sent.not_sent += count(right);
                } else {
                    self.send_part(right, sent);
                }
            }
            Reply::Conflict(body) => {
                sent.refused.push(format!(
                    "{} (409): the store has another statement under its id: {}",
                    name(&part[0]),
                    body.trim()
                ));
            }
            Reply::Refused(status, body) => {
                sent.refused
                    .push(format!("{} ({status}): {}", name(&part[0]), body.trim()));
            }
            Reply::Unauthorised(status) => {
                sent.not_sent += count(part);
                sent.stopped = Some(format!(
                    "the LRS refused the user and password ({status}): check them and send again"
                ));
            }
            Reply::Failed(why) => {
                sent.not_sent += count(part);
                sent.stopped = Some(why);
            }
        }
    }

    /// One POST, retried with backoff on a 5xx or a dropped connection.
    fn post(&self, part: &[Value]) -> Reply {
        let mut last = String::new();
        for wait in std::iter::once(Duration::ZERO).chain(self.backoff.iter().copied()) {
            std::thread::sleep(wait);
            let reply = self
                .agent
                .post(&self.url)
                .header("X-Experience-API-Version", XAPI_VERSION)
                .header("Authorization", &self.authorization)
                .send_json(part);
            match reply {
                Ok(mut r) => {
                    let status = r.status().as_u16();
                    match status {
                        200..=299 => {
                            // 200 lists the ids stored anew; an LRS that lists nothing stored
                            // them all
                            let body = r.body_mut().read_to_string().unwrap_or_default();
                            let new = serde_json::from_str::<Vec<String>>(&body)
                                .map_or(if status == 204 { 0 } else { part.len() }, |ids| {
                                    ids.len().min(part.len())
                                });
                            return Reply::Stored(new);
                        }
                        401 | 403 => return Reply::Unauthorised(status),
                        400..=499 => {
                            let body = shorten(&r.body_mut().read_to_string().unwrap_or_default());
                            return if status == 409 {
                                Reply::Conflict(body)
                            } else {
                                Reply::Refused(status, body)
                            };
                        }
                        _ => last = format!("the LRS answered {status} at {}", self.url),
                    }
                }
                Err(e) => last = format!("the LRS at {} cannot be reached: {e}", self.url),
            }
        }
        Reply::Failed(format!("{last} (tried {} times)", self.backoff.len() + 1))
    }
}

/// A statement as a person finds it: its verb, object and id.
fn name(statement: &Value) -> String {
    let last = |v: &Value| {
        v.as_str()
            .and_then(|s| s.rsplit('/').next())
            .unwrap_or("?")
            .to_string()
    };
    format!(
        "statement {} ({} {})",
        statement["id"].as_str().unwrap_or("?"),
        last(&statement["verb"]["id"]),
        statement["object"]["id"].as_str().unwrap_or("?")
    )
}

fn shorten(body: &str) -> String {
    const MOST: usize = 300;
    match body.char_indices().nth(MOST) {
        Some((at, _)) => format!("{}…", &body[..at]),
        None => body.to_string(),
    }
}

fn count(part: &[Value]) -> u32 {
    u32::try_from(part.len()).unwrap_or(u32::MAX)
}

fn millis(d: Duration) -> u32 {
    u32::try_from(d.as_millis()).unwrap_or(u32::MAX)
}

/// Standard base64, for the basic authorisation header.
fn base64(text: &str) -> String {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in text.as_bytes().chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(DIGITS[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_is_the_standard_alphabet_with_padding() {
        assert_eq!(super::base64("trainer:s3cret"), "dHJhaW5lcjpzM2NyZXQ=");
        assert_eq!(super::base64("ab"), "YWI=");
        assert_eq!(super::base64("abc"), "YWJj");
        assert_eq!(super::base64(""), "");
    }
}
