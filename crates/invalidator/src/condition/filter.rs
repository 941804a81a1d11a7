//! The `--status` / window filter: one condition code, or a group of them, and its SQL.

use serde::Serialize;

use super::ConditionCode;

/// A `--status` / UI filter: one condition code, or a group of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
pub enum StatusFilter {
    /// Not finished: queued, sending, retrying, or in progress at the service.
    InProgress,
    /// Finished with anything short of Done.
    Failed,
    Queued,
    Sending,
    Retrying,
    SendFailed,
    MaybeReceived,
    Rejected,
    Received,
    Preparing,
    FlushingCloudimage,
    FlushingCdn,
    Done,
    DoneWithFailures,
    ErrorCdnNode,
    Error,
    Unknown,
    Gone,
    Stalled,
}

impl StatusFilter {
    pub const ALL: [(&'static str, StatusFilter); 19] = [
        ("in-progress", StatusFilter::InProgress),
        ("failed", StatusFilter::Failed),
        ("queued", StatusFilter::Queued),
        ("sending", StatusFilter::Sending),
        ("retrying", StatusFilter::Retrying),
        ("send-failed", StatusFilter::SendFailed),
        ("maybe-received", StatusFilter::MaybeReceived),
        ("rejected", StatusFilter::Rejected),
        ("received", StatusFilter::Received),
        ("preparing", StatusFilter::Preparing),
        ("flushing-cloudimage", StatusFilter::FlushingCloudimage),
        ("flushing-cdn", StatusFilter::FlushingCdn),
        ("done", StatusFilter::Done),
        ("done-with-failures", StatusFilter::DoneWithFailures),
        ("error-cdn-node", StatusFilter::ErrorCdnNode),
        ("error", StatusFilter::Error),
        ("unknown", StatusFilter::Unknown),
        ("gone", StatusFilter::Gone),
        ("stalled", StatusFilter::Stalled),
    ];

    /// The condition codes the filter takes.
    pub fn codes(self) -> Vec<ConditionCode> {
        use ConditionCode as C;
        match self {
            StatusFilter::InProgress => C::ALL.into_iter().filter(|c| c.in_progress()).collect(),
            StatusFilter::Failed => C::ALL.into_iter().filter(|c| c.is_failure()).collect(),
            StatusFilter::Queued => vec![C::Queued],
            StatusFilter::Sending => vec![C::Sending],
            StatusFilter::Retrying => vec![C::Retrying],
            StatusFilter::SendFailed => vec![C::SendFailed],
            StatusFilter::MaybeReceived => vec![C::MaybeReceived],
            StatusFilter::Rejected => vec![C::Rejected],
            StatusFilter::Received => vec![C::Received],
            StatusFilter::Preparing => vec![C::Preparing],
            StatusFilter::FlushingCloudimage => vec![C::FlushingCloudimage],
            StatusFilter::FlushingCdn => vec![C::FlushingCdn],
            StatusFilter::Done => vec![C::Done],
            StatusFilter::DoneWithFailures => vec![C::DoneWithFailures],
            StatusFilter::ErrorCdnNode => vec![C::ErrorCdnNode],
            StatusFilter::Error => vec![C::Error],
            StatusFilter::Unknown => vec![C::Unknown],
            StatusFilter::Gone => vec![C::Gone],
            StatusFilter::Stalled => vec![C::Stalled],
        }
    }

    /// A SQL condition on the journal's `requests r` row, over its stored code. Built from
    /// the fixed codes, never from user input.
    pub(crate) fn sql(self) -> String {
        codes_sql(&self.codes())
    }
}

/// `r.code IN ('done', …)` for `codes`.
pub(crate) fn codes_sql(codes: &[ConditionCode]) -> String {
    let quoted: Vec<String> = codes.iter().map(|c| format!("'{}'", c.as_str())).collect();
    format!("r.code IN ({})", quoted.join(", "))
}

impl std::str::FromStr for StatusFilter {
    type Err = String;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let wanted = raw.trim().to_ascii_lowercase().replace('_', "-");
        Self::ALL
            .iter()
            .find(|(name, _)| *name == wanted)
            .map(|(_, f)| *f)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|(n, _)| *n).collect();
                format!("unknown status `{raw}`; use one of: {}", names.join(", "))
            })
    }
}
