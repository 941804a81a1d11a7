//! A delivery URL's answer read into a verdict, with its reason.
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

use chrono::{DateTime, Utc};
use reqwest::header::HeaderMap;
use serde::{Deserialize, Serialize};

use crate::Said;

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
    /// Why, in English (the exports write it): a sentence that names the headers that show it.
    pub reason: String,
    /// Why, as a catalogue message, for the user's words.
    pub reason_said: Said,
}

/// Why a path got its verdict, as a catalogue message. `shown` is the headers that show it,
/// as the CDN sent them; `ago` how long before the check the CDN fetched its copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum VerdictReason {
    #[serde(rename = "reason-answered")]
    Answered { status: u16 },
    #[serde(rename = "reason-from-origin")]
    FromOrigin { shown: String },
    #[serde(rename = "reason-no-age")]
    NoAge,
    #[serde(rename = "reason-age-not-a-number")]
    AgeNotANumber { age: String },
    #[serde(rename = "reason-fetched-after")]
    FetchedAfter { shown: String, ago: Ago },
    #[serde(rename = "reason-fetched-before")]
    FetchedBefore { shown: String, ago: Ago },
    #[serde(rename = "reason-fetched-during")]
    FetchedDuring { shown: String, ago: Ago },
    /// A path ending with `*`: a folder, not a file.
    #[serde(rename = "reason-folder")]
    Folder,
    #[serde(rename = "reason-delivery-base-not-a-url")]
    DeliveryBaseNotAUrl { base: String, cause: String },
    /// Not a path this app would send: never asked for.
    #[serde(rename = "reason-not-a-path")]
    NotAPath { path: String },
    /// Would be asked of another host than the delivery base: never asked.
    #[serde(rename = "reason-other-host")]
    OtherHost { path: String },
    #[serde(rename = "reason-no-answer")]
    NoAnswer { error: String },
}

/// A while, in the unit that reads best: "42 s", "5 min", "3 h", "2 days".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum Ago {
    #[serde(rename = "ago-seconds")]
    Seconds { count: u64 },
    #[serde(rename = "ago-minutes")]
    Minutes { count: u64 },
    #[serde(rename = "ago-hours")]
    Hours { count: u64 },
    #[serde(rename = "ago-days")]
    Days { count: u64 },
}

/// When the request was recorded (nothing was flushed before), and when it was seen done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub recorded: DateTime<Utc>,
    pub seen_done: DateTime<Utc>,
}

impl Check {
    /// A path with no answer to judge (none came, or it was not asked), and why.
    pub fn could_not_check(
        path: String,
        url: String,
        now: DateTime<Utc>,
        reason: VerdictReason,
    ) -> Check {
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
            reason: reason.to_string(),
            reason_said: Said::of(&reason),
        }
    }
}

crate::said::in_english!(VerdictReason);

/// A century, in seconds: longer ages are read as this.
const MAX_AGE: u64 = 100 * 365 * 86_400;

/// The verdict of an answer `status`/`headers` received at `now`.
pub fn judge(
    status: u16,
    headers: &HeaderMap,
    window: Window,
    now: DateTime<Utc>,
) -> (Verdict, VerdictReason) {
    if !(200..400).contains(&status) {
        return (Verdict::CouldNotCheck, VerdictReason::Answered { status });
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
                VerdictReason::FromOrigin {
                    shown: format!("{name}: {value}"),
                },
            );
        }
    }
    let Some(raw_age) = header(headers, "age") else {
        return (Verdict::Unknown, VerdictReason::NoAge);
    };
    let Ok(age) = raw_age.trim().parse::<u64>() else {
        return (
            Verdict::Unknown,
            VerdictReason::AgeNotANumber { age: raw_age },
        );
    };
    // A hostile or broken CDN may send any number: past a century it changes nothing.
    let fetched = now - chrono::Duration::seconds(age.min(MAX_AGE) as i64);
    // The headers that show it, as the CDN sent them.
    let shown = match cache_status(headers) {
        Some((name, value)) => format!("{name}: {value}, Age: {age}"),
        None => format!("Age: {age}"),
    };
    let ago = Ago::of(age);
    if fetched >= window.seen_done {
        return (Verdict::Fresh, VerdictReason::FetchedAfter { shown, ago });
    }
    if fetched < window.recorded {
        return (
            Verdict::StillCached,
            VerdictReason::FetchedBefore { shown, ago },
        );
    }
    (
        Verdict::Unknown,
        VerdictReason::FetchedDuring { shown, ago },
    )
}

impl Ago {
    /// `seconds` in the unit that reads best.
    pub fn of(seconds: u64) -> Ago {
        match seconds {
            0..120 => Ago::Seconds { count: seconds },
            120..7200 => Ago::Minutes {
                count: seconds / 60,
            },
            7200..172_800 => Ago::Hours {
                count: seconds / 3600,
            },
            _ => Ago::Days {
                count: seconds / 86_400,
            },
        }
    }
}

/// The check of one path: what came back (or why nothing did), judged.
pub(super) fn check_of(
    path: String,
    url: String,
    answer: Result<(u16, HeaderMap), VerdictReason>,
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
                reason: reason.to_string(),
                reason_said: Said::of(&reason),
            }
        }
        Err(reason) => Check::could_not_check(path, url, now, reason),
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
        assert!(reason.to_string().contains("`Age: soon`"), "{reason}");
        let (_, reason) = judge(
            200,
            &headers(&[("age", "500"), ("x-cache", "HIT")]),
            window,
            now,
        );
        assert_eq!(
            reason.to_string(),
            "x-cache: HIT, Age: 500: the CDN fetched this copy 8 min ago, before the \
             invalidation was even sent"
        );
    }
}
