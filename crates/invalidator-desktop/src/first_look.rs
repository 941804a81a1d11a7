//! What the window shows first, read before the window is made: its first page of the log
//! (with the filters it last had), its theme and its language. The shell hands it to the page
//! with the page itself, so that the first rows need no round trip (ten of them, each waiting
//! for the main loop while the page first lays out, cost the first row a few hundred ms). The
//! page then asks for all of it as usual, and what it gets replaces this.

use std::path::Path;

use invalidator::Journal;
use invalidator::journal::{LogFilter, LogPage, REQUESTS_PER_BATCH, WINDOW_PAGE_BATCHES};
use invalidator::settings::SettingsFile;
use serde::Serialize;

use crate::ui_state::RememberedFilters;

/// The first look at the log.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct FirstLook {
    pub page: LogPage,
    pub filters: RememberedFilters,
    pub theme: String,
    /// The language chosen (`system`, or a catalogue's tag), and the system's.
    pub language: String,
    pub system_language: String,
}

/// Reads the first page of the log in `data_dir` as the window would ask for it. `None` when
/// anything cannot be read: the window then asks, and is told why, as it always does.
pub fn first_look(
    data_dir: &Path,
    filters: RememberedFilters,
    language: String,
) -> Option<FirstLook> {
    let journal = Journal::open(&invalidator::data_dir::journal_path(data_dir)).ok()?;
    let filter = LogFilter {
        project_id: filters.project_id.clone(),
        status: filters.status,
        scope: filters.scope.clone(),
        limit: WINDOW_PAGE_BATCHES,
        requests_per_batch: REQUESTS_PER_BATCH,
        ..LogFilter::default()
    };
    let page = journal.log(&filter).ok()?;
    Some(FirstLook {
        page,
        filters,
        theme: SettingsFile::open(data_dir).theme(),
        language,
        system_language: invalidator_words::from_environment(|name| std::env::var(name).ok())
            .to_owned(),
    })
}
