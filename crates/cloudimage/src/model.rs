//! What is sent and what comes back, parsed tolerantly: the service documents its answers
//! only by example.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What to flush.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "scope", rename_all = "lowercase")]
pub enum Scope {
    /// The originals and every cached transformation of the listed paths.
    Original { urls: Vec<String> },
    /// The project's whole cache, on the CDN and on the resizing servers.
    All,
}

impl Scope {
    pub fn name(&self) -> &'static str {
        match self {
            Scope::Original { .. } => "original",
            Scope::All => "all",
        }
    }

    pub fn paths(&self) -> &[String] {
        match self {
            Scope::Original { urls } => urls,
            Scope::All => &[],
        }
    }
}

/// The status of an invalidation as the service names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Status {
    Received,
    Preparing,
    FlushingCloudimageServer,
    FlushingCdnServers,
    Done,
    ErrorCdnNode,
    Error,
    /// A value this client has never seen. Kept verbatim, treated as "still in progress".
    Unknown(String),
}

impl Status {
    /// Reads a raw value. ASCII case and surrounding ASCII blanks are forgiven (exactly what
    /// the journal's SQL does with `UPPER` and `TRIM`); anything else unknown is kept as it came.
    pub fn parse(raw: &str) -> Status {
        match raw
            .trim_matches(|c: char| c.is_ascii_whitespace())
            .to_ascii_uppercase()
            .as_str()
        {
            "RECEIVED" => Status::Received,
            "PREPARING" => Status::Preparing,
            "FLUSHINGCLOUDIMAGESERVER" => Status::FlushingCloudimageServer,
            "FLUSHINGCDNSERVERS" => Status::FlushingCdnServers,
            "DONE" => Status::Done,
            "ERROR_CDN_NODE" => Status::ErrorCdnNode,
            "ERROR" => Status::Error,
            _ => Status::Unknown(raw.to_owned()),
        }
    }

    /// The raw value, as the service sends it.
    pub fn as_str(&self) -> &str {
        match self {
            Status::Received => "RECEIVED",
            Status::Preparing => "PREPARING",
            Status::FlushingCloudimageServer => "FLUSHINGCLOUDIMAGESERVER",
            Status::FlushingCdnServers => "FLUSHINGCDNSERVERS",
            Status::Done => "DONE",
            Status::ErrorCdnNode => "ERROR_CDN_NODE",
            Status::Error => "ERROR",
            Status::Unknown(raw) => raw,
        }
    }

    /// Whether the service will not change this status any more.
    pub fn is_terminal(&self) -> bool {
        matches!(self, Status::Done | Status::Error | Status::ErrorCdnNode)
    }

    pub fn is_error(&self) -> bool {
        matches!(self, Status::Error | Status::ErrorCdnNode)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The service's answer to a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub uuid: String,
    pub status: Status,
    pub added_at: Option<DateTime<Utc>>,
    /// The service's `msg`, when it sent one.
    pub message: Option<String>,
}

/// The service's answer to a status question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalidation {
    pub uuid: String,
    pub status: Status,
    pub scope: Option<String>,
    pub added_at: Option<DateTime<Utc>>,
    pub invalidated: Vec<String>,
    pub failed: Vec<String>,
}

impl Invalidation {
    /// `DONE` with paths in `failed` is not a plain success.
    pub fn is_done_with_failures(&self) -> bool {
        self.status == Status::Done && !self.failed.is_empty()
    }
}

/// Reads `added_at`: `2023-08-08 13:39:52.636426` (no zone, taken as UTC), or RFC 3339 should
/// the service ever send it so. `None` for anything else: a date we cannot read is not worth
/// failing a whole answer for.
pub fn parse_added_at(raw: &str) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    for format in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(raw, format) {
            return Some(naive.and_utc());
        }
    }
    DateTime::parse_from_rfc3339(raw)
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

/// The envelope around both answers. Every field is optional; the client decides what it
/// cannot do without.
#[derive(Debug, Deserialize)]
pub(crate) struct Envelope {
    #[serde(default)]
    pub msg: Option<Value>,
    #[serde(default)]
    pub message: Option<Value>,
    #[serde(default)]
    pub invalidation: Option<RawInvalidation>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawInvalidation {
    #[serde(default)]
    pub status: Option<Value>,
    #[serde(default)]
    pub uuid: Option<Value>,
    #[serde(default)]
    pub added_at: Option<Value>,
    #[serde(default)]
    pub scope: Option<Value>,
    #[serde(default)]
    pub urls: Option<RawUrls>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct RawUrls {
    #[serde(default)]
    pub invalidated: Option<Value>,
    #[serde(default)]
    pub failed: Option<Value>,
}

impl Envelope {
    /// The human message of the answer, if any (`msg`, or `message`).
    pub fn message(&self) -> Option<String> {
        self.msg
            .as_ref()
            .or(self.message.as_ref())
            .and_then(text_of)
            .filter(|m| !m.is_empty())
    }
}

impl RawInvalidation {
    pub fn uuid(&self) -> Option<String> {
        self.uuid
            .as_ref()
            .and_then(text_of)
            .filter(|u| !u.is_empty())
    }

    pub fn status(&self) -> Status {
        match self.status.as_ref().and_then(text_of) {
            Some(raw) => Status::parse(&raw),
            None => Status::Unknown(String::new()),
        }
    }

    pub fn added_at(&self) -> Option<DateTime<Utc>> {
        self.added_at
            .as_ref()
            .and_then(text_of)
            .and_then(|raw| parse_added_at(&raw))
    }

    pub fn scope(&self) -> Option<String> {
        self.scope.as_ref().and_then(text_of)
    }

    pub fn lists(&self) -> (Vec<String>, Vec<String>) {
        let urls = match &self.urls {
            Some(urls) => urls,
            None => return (Vec::new(), Vec::new()),
        };
        (path_list(&urls.invalidated), path_list(&urls.failed))
    }
}

/// Whether an error answer has the service's JSON error shape: an object saying `status`
/// (`"error"`) or giving a message (`msg`). Anything else (an HTML page, plain text) came from
/// some other server.
pub(crate) fn is_service_error(body: &str) -> bool {
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(map)) => ["status", "msg", "message"]
            .iter()
            .any(|field| map.get(*field).is_some_and(|v| v.is_string())),
        _ => false,
    }
}

/// A string, or the string form of a number; `None` for null, objects and arrays.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A list of paths. The examples show strings; objects carrying `url` or `path` are read too,
/// since the failed list is undocumented and may well carry a reason beside the path.
fn path_list(value: &Option<Value>) -> Vec<String> {
    let Some(Value::Array(items)) = value else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match item {
            Value::Object(map) => ["url", "path", "uri"]
                .iter()
                .find_map(|field| map.get(*field).and_then(text_of)),
            other => text_of(other),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Timelike};

    #[test]
    fn added_at_with_microseconds_and_no_zone_is_utc() {
        let at = parse_added_at("2023-08-08 13:39:52.636426").unwrap();
        assert_eq!((at.year(), at.month(), at.day()), (2023, 8, 8));
        assert_eq!((at.hour(), at.minute(), at.second()), (13, 39, 52));
        assert_eq!(at.nanosecond(), 636_426_000);
        assert_eq!(parse_added_at("2023-08-08 13:39:52").unwrap().second(), 52);
        assert_eq!(
            parse_added_at("2023-08-08T15:39:52+02:00").unwrap().hour(),
            13
        );
        assert_eq!(parse_added_at("yesterday"), None);
    }

    #[test]
    fn status_values_round_trip_and_unknown_is_kept() {
        for raw in [
            "RECEIVED",
            "PREPARING",
            "FLUSHINGCLOUDIMAGESERVER",
            "FLUSHINGCDNSERVERS",
            "DONE",
            "ERROR_CDN_NODE",
            "ERROR",
        ] {
            assert_eq!(Status::parse(raw).as_str(), raw);
            assert!(!matches!(Status::parse(raw), Status::Unknown(_)));
        }
        assert_eq!(Status::parse(" done "), Status::Done);
        let odd = Status::parse("PAUSED_BY_OPERATOR");
        assert_eq!(odd, Status::Unknown("PAUSED_BY_OPERATOR".into()));
        assert!(!odd.is_terminal());
        assert!(Status::ErrorCdnNode.is_terminal() && Status::ErrorCdnNode.is_error());
        assert!(Status::Done.is_terminal() && !Status::Done.is_error());
    }

    #[test]
    fn scope_serialises_as_the_api_expects() {
        let original = Scope::Original {
            urls: vec!["/a.jpg".into()],
        };
        assert_eq!(
            serde_json::to_string(&original).unwrap(),
            r#"{"scope":"original","urls":["/a.jpg"]}"#
        );
        assert_eq!(
            serde_json::to_string(&Scope::All).unwrap(),
            r#"{"scope":"all"}"#
        );
    }

    #[test]
    fn failed_list_may_hold_objects() {
        let raw: RawInvalidation = serde_json::from_str(
            r#"{"status":"DONE","urls":{"received":null,"invalidated":["/a"],
                "failed":[{"url":"/b","reason":"x"},"/c",null]}}"#,
        )
        .unwrap();
        assert_eq!(
            raw.lists(),
            (
                vec!["/a".to_owned()],
                vec!["/b".to_owned(), "/c".to_owned()]
            )
        );
    }
}
