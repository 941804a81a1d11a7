//! The log as the window reads it, page by page, and exported to a file the user picks.

use std::path::PathBuf;

use invalidator::journal::{LogFilter, LogPage, Pending, RequestView};
use invalidator::{ConditionText, Result, export};

use crate::{Desktop, blocking};

impl Desktop {
    /// A page of the log; big batches show their first requests (failures first) and their
    /// counts, and expand with [`Desktop::batch_page`].
    pub async fn log(&self, filter: &LogFilter) -> Result<LogPage> {
        let mut filter = filter.clone();
        if filter.requests_per_batch == 0 {
            filter.requests_per_batch = invalidator::journal::REQUESTS_PER_BATCH;
        }
        let journal = self.journal.clone();
        blocking(move || journal.log(&filter)).await
    }

    /// More of a big batch's requests (those matching `filter`), failures first.
    pub async fn batch_page(
        &self,
        batch_id: i64,
        filter: &LogFilter,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<RequestView>> {
        let (journal, filter) = (self.journal.clone(), filter.clone());
        blocking(move || journal.batch_page(batch_id, &filter, offset, limit.clamp(1, 500))).await
    }

    /// Writes the log matching `filter` (every batch, every request and path) to `path` as CSV
    /// or JSON: the columns and fields of `invalidator log --csv/--json`. Written to a
    /// temporary file beside `path` first, then renamed: an export cut short leaves no half
    /// file under the chosen name.
    pub async fn export_log(
        &self,
        filter: &LogFilter,
        format: export::Format,
        path: PathBuf,
    ) -> Result<export::Written> {
        let journal = self.journal.clone();
        let filter = filter.clone();
        blocking(move || {
            let mut temp = path.as_os_str().to_owned();
            temp.push(".part");
            let temp = PathBuf::from(temp);
            let written = (|| {
                let file = std::fs::File::create(&temp)?;
                let mut out = std::io::BufWriter::new(file);
                let written = export::write_log(
                    &journal,
                    &filter,
                    0,
                    format,
                    invalidator_words::in_english::<ConditionText>,
                    &mut out,
                )?;
                let file = out.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
                std::fs::rename(&temp, &path)?;
                Ok(written)
            })();
            if written.is_err() {
                let _ = std::fs::remove_file(&temp);
            }
            written
        })
        .await
    }

    /// A page of a request's paths, all or only the failed ones.
    pub async fn request_paths(
        &self,
        id: i64,
        failed_only: bool,
        offset: usize,
        limit: usize,
    ) -> Result<invalidator::journal::PathPage> {
        let journal = self.journal.clone();
        blocking(move || journal.request_paths(id, failed_only, offset, limit.clamp(1, 1000))).await
    }

    pub async fn request(&self, id: i64) -> Result<RequestView> {
        let journal = self.journal.clone();
        blocking(move || journal.request(id)).await
    }

    /// The requests `ids` as they are now (those that exist), in that order.
    pub async fn requests(&self, ids: &[i64]) -> Result<Vec<RequestView>> {
        let (journal, ids) = (self.journal.clone(), ids.to_vec());
        blocking(move || journal.requests(&ids)).await
    }

    /// What has not reached the service, and what is still at it. Quick, and called from the
    /// window's close handler too, which is not async: it reads on the calling thread.
    pub fn pending(&self) -> Result<Pending> {
        self.journal.pending()
    }
}
