//! The log as a file: CSV (one row per request, fit for a spreadsheet) or JSON (the shape of
//! `invalidator log --json`). The CLI prints it; the app saves it where the user picks. Both
//! go through here, so both have the same columns and fields. Never a key: the journal holds
//! none. What came from outside is written inert: no CSV cell starts a formula or holds a
//! control character, and JSON escapes every character that would act on a terminal.

use std::io::Write;

use serde::Deserialize;

use crate::condition::{MachineWords, in_machine_words};
use crate::journal::{BatchView, Journal, LogFilter};
use crate::{Error, Result, outside};

/// How a log is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Written {
    pub batches: usize,
    pub requests: usize,
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 17] = [
    "batch",
    "request",
    "created_at",
    "project",
    "api_base",
    "scope",
    "invalidation_id",
    "state",
    "status",
    "label",
    "attempts",
    "retry_of",
    "paths",
    "failed_paths",
    "error",
    // What the delivery URLs answered when last checked (see cdn_check/), in words.
    "freshness",
    "checked_at",
];

/// Batches read per query while writing a whole log.
const PAGE: usize = 200;

/// Writes every batch matching `filter` (up to `limit` batches; 0: all), newest first, page by
/// page: the whole log of 100,000 requests never sits in memory at once. `words` gives each
/// condition its label and detail: the door's English, the same bytes in every language.
pub fn write_log(
    journal: &Journal,
    filter: &LogFilter,
    limit: usize,
    format: Format,
    words: MachineWords,
    out: impl Write,
) -> Result<Written> {
    let mut writer = Writer::new(format, words, out)?;
    let mut before = filter.before_batch;
    let mut left = if limit == 0 { usize::MAX } else { limit };
    let next_before = loop {
        let page = journal.log(&LogFilter {
            before_batch: before,
            limit: PAGE.min(left),
            with_history: format == Format::Json,
            requests_per_batch: 0,
            ..filter.clone()
        })?;
        for batch in &page.batches {
            writer.batch(batch)?;
        }
        left = left.saturating_sub(page.batches.len());
        match page.next_before {
            Some(next) if left > 0 => before = Some(next),
            // The cursor past what was written, as `log --json` always said it.
            next => break next,
        }
    };
    writer.finish(next_before)
}

/// Writes batches one after another in one format.
struct Writer<W: Write> {
    format: Format,
    words: MachineWords,
    csv: Option<csv::Writer<W>>,
    json: Option<W>,
    written: Written,
}

impl<W: Write> Writer<W> {
    fn new(format: Format, words: MachineWords, out: W) -> Result<Writer<W>> {
        let mut writer = Writer {
            format,
            words,
            csv: None,
            json: None,
            written: Written::default(),
        };
        match format {
            Format::Csv => {
                let mut csv = csv::Writer::from_writer(out);
                csv.write_record(CSV_HEADER).map_err(csv_error)?;
                writer.csv = Some(csv);
            }
            Format::Json => {
                let mut out = out;
                out.write_all(b"{\n  \"batches\": [")?;
                writer.json = Some(out);
            }
        }
        Ok(writer)
    }

    fn batch(&mut self, batch: &BatchView) -> Result<()> {
        match self.format {
            Format::Csv => {
                let csv = self.csv.as_mut().expect("a CSV writer");
                for r in &batch.requests {
                    let paths: Vec<&str> = r.paths.iter().map(|p| p.path.as_str()).collect();
                    let failed: Vec<&str> = r
                        .paths
                        .iter()
                        .filter(|p| p.result == "failed")
                        .map(|p| p.path.as_str())
                        .collect();
                    let row = [
                        batch.id.to_string(),
                        r.id.to_string(),
                        r.created_at.to_rfc3339(),
                        r.project.name.clone(),
                        r.project.api_base.clone(),
                        r.scope.as_str().to_owned(),
                        r.uuid.clone().unwrap_or_default(),
                        r.state.as_str().to_owned(),
                        r.status.clone().unwrap_or_default(),
                        (self.words)(&r.condition.text).0,
                        r.attempts.to_string(),
                        r.retry_of.map(|i| i.to_string()).unwrap_or_default(),
                        paths.join(" "),
                        failed.join(" "),
                        r.error
                            .as_ref()
                            .map(|e| e.message.clone())
                            .unwrap_or_default(),
                        r.freshness.map(|f| f.words()).unwrap_or_default(),
                        r.freshness
                            .and_then(|f| f.checked_at)
                            .map(|at| at.to_rfc3339())
                            .unwrap_or_default(),
                    ];
                    // Every cell as text a spreadsheet shows, never a formula it runs.
                    csv.write_record(row.iter().map(|cell| outside::csv_cell(cell).into_owned()))
                        .map_err(csv_error)?;
                }
            }
            Format::Json => {
                let out = self.json.as_mut().expect("a JSON writer");
                if self.written.batches > 0 {
                    out.write_all(b",")?;
                }
                out.write_all(b"\n    ")?;
                // `io::Error::from` keeps a write's own error (a closed pipe stays one).
                in_machine_words(self.words, || outside::write_json(&mut *out, batch, false))
                    .map_err(std::io::Error::from)?;
            }
        }
        self.written.batches += 1;
        self.written.requests += batch.requests.len();
        Ok(())
    }

    fn finish(mut self, next_before: Option<i64>) -> Result<Written> {
        if let Some(mut csv) = self.csv.take() {
            csv.flush()?;
        }
        if let Some(mut out) = self.json.take() {
            let next = next_before.map_or("null".to_owned(), |n| n.to_string());
            out.write_all(format!("\n  ],\n  \"nextBefore\": {next}\n}}\n").as_bytes())?;
            out.flush()?;
        }
        Ok(self.written)
    }
}

/// A closed pipe stays a closed pipe (the CLI ends quietly on it).
fn csv_error(e: csv::Error) -> Error {
    Error::Io(match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    })
}
