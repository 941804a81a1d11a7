//! The words and numbers the window shares with Rust, defined once: each condition code with
//! its group and the message of its words for a batch's counts, a project's defaults and the
//! size of the log's pages. The shell's bindings test writes them into
//! `ui/src/lib/bindings/vocabularyValues.ts` (and fails when that file drifts), so the UI
//! never keeps a copy of its own.

use serde::Serialize;

use crate::condition::ConditionCode;

/// Everything in one value, as `vocabulary.ts` holds it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Vocabulary {
    /// Every condition code, in the order of [`ConditionCode::ALL`].
    pub codes: Vec<CodeEntry>,
    pub defaults: ProjectDefaults,
    pub log: LogDefaults,
}

/// How much of the log a page of the window holds.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct LogDefaults {
    pub batches_per_page: usize,
    /// Requests a big batch shows at first, and adds each time it is expanded.
    pub requests_per_batch: usize,
}

/// One condition code and what it belongs to.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CodeEntry {
    pub code: ConditionCode,
    /// Something will still happen by itself.
    pub in_progress: bool,
    /// Finished short of Done: Retry is offered.
    pub failure: bool,
    /// The catalogue message of its words in a batch's counts: "3 may have been received".
    pub count_id: String,
}

/// What a new project starts with.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ProjectDefaults {
    pub api_base: String,
    pub batch_size: usize,
    pub max_batch_size: usize,
    pub check_limit: usize,
}

/// The vocabulary, as the domain defines it.
pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        codes: ConditionCode::ALL
            .iter()
            .map(|&code| CodeEntry {
                code,
                in_progress: code.in_progress(),
                failure: code.is_failure(),
                count_id: code.count_id(),
            })
            .collect(),
        defaults: ProjectDefaults {
            api_base: cloudimage::DEFAULT_BASE.to_owned(),
            batch_size: crate::project::DEFAULT_BATCH_SIZE,
            max_batch_size: crate::project::MAX_BATCH_SIZE,
            check_limit: crate::project::DEFAULT_CHECK_LIMIT,
        },
        log: LogDefaults {
            batches_per_page: crate::journal::WINDOW_PAGE_BATCHES,
            requests_per_batch: crate::journal::REQUESTS_PER_BATCH,
        },
    }
}
