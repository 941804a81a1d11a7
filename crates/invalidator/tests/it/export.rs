//! The log as a file: the CSV and JSON the app saves and `invalidator log` prints, written page
//! by page, whole, and never with a key.

use std::time::Duration;

use crate::common::*;
use cloudimage_sandbox::SANDBOX_KEY;
use invalidator::export::{CSV_HEADER, Format, write_log};
use invalidator::journal::LogFilter;

#[tokio::test]
async fn the_whole_log_is_written_as_csv_or_json_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(&dir.path().join("service"), Duration::ZERO).await;
    let project = project("p", &sandbox.base_url());
    let engine = sandbox_engine(dir.path(), &project);
    // More batches than a page of the writer, with a failure among them.
    let mut last = 0;
    for i in 0..230 {
        let path = if i == 7 {
            "/export/sandbox-fail.jpg".to_owned()
        } else {
            format!("/export/{i}.jpg")
        };
        last = submit(&engine, &project, &path).await[0];
    }
    wait_code(engine.journal(), last, "done").await;
    let journal = engine.journal();
    wait_for(journal, 8, "finished", |v| v.condition.finished).await;

    let mut csv = Vec::new();
    let written = write_log(
        journal,
        &LogFilter::default(),
        0,
        Format::Csv,
        invalidator_testkit::ENGLISH,
        &mut csv,
    )
    .unwrap();
    assert_eq!((written.batches, written.requests), (230, 230));
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        CSV_HEADER
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 230);
    assert_eq!(&rows[0][0], "230", "newest first");
    let failed = rows.iter().find(|r| &r[1] == "8").unwrap();
    assert_eq!(&failed[13], "/export/sandbox-fail.jpg");

    let mut json = Vec::new();
    write_log(
        journal,
        &LogFilter::default(),
        0,
        Format::Json,
        invalidator_testkit::ENGLISH,
        &mut json,
    )
    .unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(parsed["batches"].as_array().unwrap().len(), 230);
    assert_eq!(parsed["nextBefore"], serde_json::Value::Null);
    assert!(parsed["batches"][0]["requests"][0]["history"].is_array());

    // A limit gives the cursor past it, as `log --json` always did.
    let mut limited = Vec::new();
    write_log(
        journal,
        &LogFilter::default(),
        5,
        Format::Json,
        invalidator_testkit::ENGLISH,
        &mut limited,
    )
    .unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(&limited).unwrap();
    assert_eq!(parsed["batches"].as_array().unwrap().len(), 5);
    assert_eq!(parsed["nextBefore"], 226);

    for bytes in [&csv, &json] {
        assert!(
            !bytes
                .windows(SANDBOX_KEY.len())
                .any(|w| w == SANDBOX_KEY.as_bytes()),
            "the export holds the key"
        );
    }
    engine.shutdown().await;
}

/// A reader that goes away (`invalidator log --json | head -1`) is a closed pipe to the
/// caller wherever the write was cut: inside a batch, between batches or at the end. The CLI
/// ends quietly on exactly that error, so the kind must survive every format's writer.
#[test]
fn a_closed_pipe_stays_a_closed_pipe_wherever_it_hits() {
    let dir = tempfile::tempdir().unwrap();
    let journal = journal(dir.path());
    let project = project("pipe", "http://127.0.0.1:9");
    for i in 0..3 {
        record(
            &journal,
            &project,
            &format!("/pipe/{i}/a.jpg\n/pipe/{i}/b.jpg"),
        );
    }
    for format in [Format::Csv, Format::Json] {
        let mut whole = Vec::new();
        write_log(
            &journal,
            &LogFilter::default(),
            0,
            format,
            invalidator_testkit::ENGLISH,
            &mut whole,
        )
        .unwrap();
        for open_for in 0..whole.len() {
            let pipe = ClosesAfter { left: open_for };
            let error = write_log(
                &journal,
                &LogFilter::default(),
                0,
                format,
                invalidator_testkit::ENGLISH,
                pipe,
            )
            .expect_err("the pipe closed");
            assert!(
                matches!(&error, invalidator::Error::Io(e) if e.kind() == std::io::ErrorKind::BrokenPipe),
                "{format:?} cut after {open_for} bytes: {error:?}"
            );
        }
    }
}

/// Takes `left` bytes, then answers as a pipe whose reader has gone.
struct ClosesAfter {
    left: usize,
}

impl std::io::Write for ClosesAfter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            return Err(std::io::ErrorKind::BrokenPipe.into());
        }
        let taken = buf.len().min(self.left);
        self.left -= taken;
        Ok(taken)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
