//! "Is the new file really what people see now?" After an invalidation is done, each path is
//! asked of the project's delivery URL with a `HEAD` (never with the API key: the delivery
//! host is the public CDN), and the answer's cache headers are read into a verdict.
//!
//! What the headers can tell, and how it is read:
//! - `Age` says how long ago the CDN fetched its copy from the origin; it is a duration, so it
//!   is read against this machine's clock, and the CDN's clock (`Date`) does not matter.
//!   Fetched after the invalidation was seen done: **served fresh**. Fetched before the
//!   request was even recorded, so before any flush could start: **still cached**. In
//!   between (while the flush ran, a node may have fetched anew, or not), or with no `Age`
//!   at all: **unknown**, said as such rather than guessed.
//! - A cache status (`X-Cache`, `CF-Cache-Status`, `X-Cache-Status`) of MISS, EXPIRED,
//!   REVALIDATED or BYPASS at every node it lists means this very answer came from the
//!   origin: **served fresh**. A HIT at any node leaves it to `Age`.
//! - No answer, or an answer that is not a success: **could not check**, with the reason.

use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::header::HeaderMap;
use serde::{Deserialize, Serialize};

/// A path's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum Verdict {
    Fresh,
    StillCached,
    Unknown,
    CouldNotCheck,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Fresh => "fresh",
            Verdict::StillCached => "stillCached",
            Verdict::Unknown => "unknown",
            Verdict::CouldNotCheck => "couldNotCheck",
        }
    }

    pub fn parse(raw: &str) -> Verdict {
        match raw {
            "fresh" => Verdict::Fresh,
            "stillCached" => Verdict::StillCached,
            "couldNotCheck" => Verdict::CouldNotCheck,
            _ => Verdict::Unknown,
        }
    }

    /// In words, for a person.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Fresh => "Served fresh",
            Verdict::StillCached => "Still cached",
            Verdict::Unknown => "Unknown",
            Verdict::CouldNotCheck => "Could not check",
        }
    }
}

/// What the delivery URL answered for one path, and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    pub path: String,
    pub url: String,
    pub checked_at: DateTime<Utc>,
    pub http_status: Option<u16>,
    pub age: Option<u64>,
    pub last_modified: Option<String>,
    pub etag: Option<String>,
    pub cache_control: Option<String>,
    /// The CDN's own cache status header, as sent (`X-Cache: HIT`, …).
    pub cache_status: Option<String>,
    pub verdict: Verdict,
    /// Why, in a sentence that names the headers that show it.
    pub reason: String,
}

/// When the request was recorded (nothing was flushed before), and when it was seen done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub recorded: DateTime<Utc>,
    pub seen_done: DateTime<Utc>,
}

/// A century, in seconds: longer ages are read as this.
const MAX_AGE: u64 = 100 * 365 * 86_400;

/// The verdict of an answer `status`/`headers` received at `now`.
pub fn judge(
    status: u16,
    headers: &HeaderMap,
    window: Window,
    now: DateTime<Utc>,
) -> (Verdict, String) {
    if !(200..400).contains(&status) {
        return (
            Verdict::CouldNotCheck,
            format!("the delivery URL answered {status}"),
        );
    }
    if let Some((name, value)) = cache_status(headers) {
        // A CDN with tiers lists one status per node (`X-Cache: MISS, HIT`): the answer came
        // from the origin only when no node had a copy.
        let upper = value.to_ascii_uppercase();
        let from_origin = |node: &str| {
            ["MISS", "EXPIRED", "REVALIDATED", "BYPASS", "DYNAMIC"]
                .iter()
                .any(|word| node.contains(word))
                && !node.contains("HIT")
        };
        if upper.split(',').all(from_origin) {
            return (
                Verdict::Fresh,
                format!("{name}: {value}: this answer came from the origin"),
            );
        }
    }
    let Some(raw_age) = header(headers, "age") else {
        return (
            Verdict::Unknown,
            "the CDN sent no Age header, so when its copy was fetched is not known".into(),
        );
    };
    let Ok(age) = raw_age.trim().parse::<u64>() else {
        return (
            Verdict::Unknown,
            format!("the CDN sent `Age: {raw_age}`, which is not a number of seconds"),
        );
    };
    // A hostile or broken CDN may send any number: past a century it changes nothing.
    let fetched = now - chrono::Duration::seconds(age.min(MAX_AGE) as i64);
    // The headers that show it, as the CDN sent them.
    let shown = match cache_status(headers) {
        Some((name, value)) => format!("{name}: {value}, Age: {age}"),
        None => format!("Age: {age}"),
    };
    let copy = format!("the CDN fetched this copy {} ago", ago(age));
    if fetched >= window.seen_done {
        return (
            Verdict::Fresh,
            format!("{shown}: {copy}, after the invalidation was seen done"),
        );
    }
    if fetched < window.recorded {
        return (
            Verdict::StillCached,
            format!("{shown}: {copy}, before the invalidation was even sent"),
        );
    }
    (
        Verdict::Unknown,
        format!(
            "{shown}: {copy}, while the invalidation ran; whether before or after the flush is \
             not known"
        ),
    )
}

/// "42 s", "5 min", "3 h", "2 days".
fn ago(seconds: u64) -> String {
    match seconds {
        0..120 => format!("{seconds} s"),
        120..7200 => format!("{} min", seconds / 60),
        7200..172_800 => format!("{} h", seconds / 3600),
        _ => format!("{} days", seconds / 86_400),
    }
}

/// The URL a path is delivered at: `base` (for example `https://demo.cloudimg.io`) and the
/// path as sent (with its `/v7` when the project has one). The path must read back unchanged
/// through the path reader that checks a submission, and it is put under the base's own path
/// by the URL library, never pasted into a string: so a path such as `@host/x` or `//host/x`
/// can never make the question go to another host. A URL whose scheme, host or port is not
/// the base's is refused, with the reason.
pub fn delivery_url(base: &str, path: &str) -> Result<String, String> {
    let base_url = url::Url::parse(base)
        .map_err(|e| format!("the delivery base `{base}` is not a URL ({e})"))?;
    let read = crate::paths::parse(path, crate::paths::PathRules::default());
    let shown = || {
        crate::outside::one_line(path)
            .chars()
            .take(80)
            .collect::<String>()
    };
    if read.paths.len() != 1 || read.paths[0].path != path || !read.notices.is_empty() {
        return Err(format!(
            "`{}` is not a path this app would send, so it is not asked for",
            shown()
        ));
    }
    let mut url = base_url.clone();
    url.set_path(&format!("{}{path}", base_url.path().trim_end_matches('/')));
    url.set_query(None);
    url.set_fragment(None);
    let same_place = url.scheme() == base_url.scheme()
        && url.host() == base_url.host()
        && url.port_or_known_default() == base_url.port_or_known_default()
        && url.username().is_empty()
        && url.password().is_none();
    if !same_place {
        return Err(format!(
            "`{}` would be asked of another host than the delivery base, so it is not asked",
            shown()
        ));
    }
    Ok(url.into())
}

/// Asks `HEAD url` with a client that carries no key; retries 429 and 5xx a few times with
/// back-off, and connection failures (not timeouts). The answer's status and headers, or why
/// there was none.
pub async fn head(client: &reqwest::Client, url: &str) -> Result<(u16, HeaderMap), String> {
    let mut wait = Duration::from_millis(200);
    let mut tries = 0;
    loop {
        tries += 1;
        match client.head(url).send().await {
            Ok(answer) => {
                let status = answer.status().as_u16();
                if (status == 429 || status >= 500) && tries < 3 {
                    tokio::time::sleep(wait).await;
                    wait *= 4;
                    continue;
                }
                return Ok((status, answer.headers().clone()));
            }
            // A CDN that did not answer in time is not asked again: the check would only drag.
            Err(e) if tries < 3 && !e.is_builder() && !e.is_timeout() => {
                tokio::time::sleep(wait).await;
                wait *= 4;
            }
            Err(e) => return Err(describe(&e)),
        }
    }
}

/// A client for delivery URLs: no key, short timeouts, redirects followed (a CDN may send
/// one; nothing secret goes along).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(15))
        .user_agent(concat!("invalidator-verify/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::limited(5))
        .build()
        .unwrap_or_default()
}

/// Checks `paths` of a request under `base`: at most `concurrency` at once.
pub async fn check_paths(
    client: &reqwest::Client,
    base: &str,
    paths: &[String],
    window: Window,
    concurrency: usize,
) -> Vec<Check> {
    let slots = std::sync::Arc::new(tokio::sync::Semaphore::new(concurrency.max(1)));
    let base: std::sync::Arc<str> = base.into();
    let mut asked = tokio::task::JoinSet::new();
    for (index, path) in paths.iter().cloned().enumerate() {
        let client = client.clone();
        let slots = slots.clone();
        let base = base.clone();
        asked.spawn(async move {
            let url = match delivery_url(&base, &path) {
                Ok(url) => url,
                Err(reason) => {
                    return (
                        index,
                        Check::could_not_check(path, String::new(), Utc::now(), reason),
                    );
                }
            };
            let _slot = slots.acquire_owned().await;
            let answer = head(&client, &url).await;
            (index, check_of(path, url, answer, window, Utc::now()))
        });
    }
    let mut checks: Vec<(usize, Check)> = asked.join_all().await;
    checks.sort_by_key(|(index, _)| *index);
    checks.into_iter().map(|(_, check)| check).collect()
}

fn check_of(
    path: String,
    url: String,
    answer: Result<(u16, HeaderMap), String>,
    window: Window,
    now: DateTime<Utc>,
) -> Check {
    match answer {
        Ok((status, headers)) => {
            let (verdict, reason) = judge(status, &headers, window, now);
            Check {
                path,
                url,
                checked_at: now,
                http_status: Some(status),
                age: header(&headers, "age").and_then(|a| a.trim().parse().ok()),
                last_modified: header(&headers, "last-modified"),
                etag: header(&headers, "etag"),
                cache_control: header(&headers, "cache-control"),
                cache_status: cache_status(&headers).map(|(n, v)| format!("{n}: {v}")),
                verdict,
                reason,
            }
        }
        Err(reason) => Check::could_not_check(path, url, now, reason),
    }
}

impl Check {
    /// A path with no answer to judge (none came, or it was not asked), and why.
    pub fn could_not_check(path: String, url: String, now: DateTime<Utc>, reason: String) -> Check {
        Check {
            path,
            url,
            checked_at: now,
            http_status: None,
            age: None,
            last_modified: None,
            etag: None,
            cache_control: None,
            cache_status: None,
            verdict: Verdict::CouldNotCheck,
            reason,
        }
    }
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).map(|v| {
        String::from_utf8_lossy(v.as_bytes())
            .chars()
            .take(200)
            .collect()
    })
}

/// The CDN's cache status header, by the names CDNs use.
fn cache_status(headers: &HeaderMap) -> Option<(&'static str, String)> {
    [
        "x-cache",
        "cf-cache-status",
        "x-cache-status",
        "x-proxy-cache",
    ]
    .into_iter()
    .find_map(|name| header(headers, name).map(|v| (name, v)))
}

fn describe(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let part = cause.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = cause.source();
    }
    format!("no answer from the delivery URL ({text})")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn ages_and_cache_statuses_make_verdicts() {
        let now = Utc::now();
        let window = Window {
            recorded: now - chrono::Duration::seconds(100),
            seen_done: now - chrono::Duration::seconds(60),
        };
        let verdict = |pairs: &[(&'static str, &str)], status: u16| {
            judge(status, &headers(pairs), window, now).0
        };
        assert_eq!(verdict(&[("age", "10")], 200), Verdict::Fresh);
        assert_eq!(verdict(&[("age", "500")], 200), Verdict::StillCached);
        assert_eq!(verdict(&[("age", "80")], 200), Verdict::Unknown);
        assert_eq!(verdict(&[], 200), Verdict::Unknown);
        assert_eq!(
            verdict(&[("age", "500"), ("x-cache", "MISS")], 200),
            Verdict::Fresh
        );
        assert_eq!(
            verdict(&[("cf-cache-status", "EXPIRED")], 200),
            Verdict::Fresh
        );
        // One tier had a copy: the Age decides, not the MISS of the other tier.
        assert_eq!(
            verdict(&[("age", "500"), ("x-cache", "MISS, HIT")], 200),
            Verdict::StillCached
        );
        assert_eq!(
            verdict(&[("x-cache", "Miss from cloudfront")], 200),
            Verdict::Fresh
        );
        assert_eq!(verdict(&[("age", "5")], 404), Verdict::CouldNotCheck);
        assert_eq!(verdict(&[("age", "not a number")], 200), Verdict::Unknown);
        assert_eq!(verdict(&[("age", "-5")], 200), Verdict::Unknown);
        // Numbers no clock can hold do not panic: an old copy, still cached.
        assert_eq!(
            verdict(&[("age", "18446744073709551615")], 200),
            Verdict::StillCached
        );
        assert_eq!(
            verdict(&[("age", "99999999999999999999999")], 200),
            Verdict::Unknown
        );
        let (_, reason) = judge(200, &headers(&[("age", "soon")]), window, now);
        assert!(reason.contains("`Age: soon`"), "{reason}");
        let (_, reason) = judge(
            200,
            &headers(&[("age", "500"), ("x-cache", "HIT")]),
            window,
            now,
        );
        assert_eq!(
            reason,
            "x-cache: HIT, Age: 500: the CDN fetched this copy 8 min ago, before the \
             invalidation was even sent"
        );
        assert_eq!(
            delivery_url("https://demo.cloudimg.io/", "/v7/a.jpg").unwrap(),
            "https://demo.cloudimg.io/v7/a.jpg"
        );
        assert_eq!(
            delivery_url("http://127.0.0.1:9/delivery", "/a b/café.jpg").unwrap(),
            "http://127.0.0.1:9/delivery/a%20b/caf%C3%A9.jpg"
        );
        for foreign in [
            "@127.0.0.1:9999/internal",
            "//evil.example/x",
            "/a/../../x",
            "/*x",
            "http://evil.example/x",
            "/x?y",
            "/x#y",
            "/x\u{1b}[2J",
            "",
        ] {
            let refused = delivery_url("https://demo.cloudimg.io", foreign).unwrap_err();
            assert!(refused.contains("not asked"), "{foreign:?}: {refused}");
            assert!(!refused.contains('\u{1b}'));
        }
    }
}
