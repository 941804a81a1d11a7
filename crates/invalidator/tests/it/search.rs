//! The log's search over a real SQLite file: newest first, by the cursor, with the other
//! filters, by a part of a path or the start of an invalidation id; and over big batches,
//! whose rows are read a page at a time among thousands of matches.

use invalidator::Journal;
use invalidator::journal::LogFilter;

use crate::journal::batch;

/// Search pages like the rest of the log: newest first, by the cursor, with other filters,
/// by a part of a path or the start of an invalidation id (any case).
#[test]
fn a_search_pages_newest_first_and_combines_with_filters() {
    use cloudimage::{Accepted, Status};
    use invalidator::journal::{LogFilter, Setback};
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(&dir.path().join("j.sqlite3")).unwrap();
    // 30 batches of 3 requests; every request has a `shared` path, batch 7 a rare one.
    for b in 1..=30 {
        let mut batch = batch("p", 3);
        for (r, request) in batch.requests.iter_mut().enumerate() {
            request.paths = vec![format!("/shared/{b}-{r}.jpg")];
            if b == 7 && r == 1 {
                request.paths.push("/rare/needle.jpg".into());
            }
        }
        journal.record_batch(&batch).unwrap();
    }
    let claimed = journal
        .claim_sends("me", &["p".into()], 1000, 60_000)
        .unwrap();
    let answers: Vec<_> = claimed
        .iter()
        .map(|c| {
            let answer = if c.id % 10 == 0 {
                Err(Setback::Rejected {
                    kind: "rejected".into(),
                    problem: invalidator::Problem::Interrupted,
                })
            } else {
                Ok(Accepted {
                    uuid: format!("ABCDEF{:02}-0000", c.id),
                    status: Status::Received,
                    added_at: None,
                    message: None,
                })
            };
            (c.id, c.project_id.clone(), answer)
        })
        .collect();
    journal.record_answers("me", &answers).unwrap();
    let search = |text: &str, before: Option<i64>, status: Option<StatusFilterName>| {
        journal
            .log(&LogFilter {
                text: Some(text.into()),
                before_batch: before,
                limit: 10,
                status: status.map(|s| s.parse().unwrap()),
                ..Default::default()
            })
            .unwrap()
    };
    type StatusFilterName = &'static str;
    let first = search("shared", None, None);
    let ids: Vec<i64> = first.batches.iter().map(|b| b.id).collect();
    assert_eq!(ids, (21..=30).rev().collect::<Vec<_>>());
    assert!(first.batches.iter().all(|b| b.requests.len() == 3));
    let second = search("shared", first.next_before, None);
    let ids: Vec<i64> = second.batches.iter().map(|b| b.id).collect();
    assert_eq!(ids, (11..=20).rev().collect::<Vec<_>>());
    let rare = search("needle", None, None);
    assert_eq!(rare.batches.len(), 1);
    assert_eq!(rare.batches[0].id, 7);
    assert_eq!(rare.batches[0].requests.len(), 1);
    assert_eq!(rare.batches[0].request_count, 1);
    // With a status: only the rejected among the matches.
    let rejected = search("shared", None, Some("rejected"));
    assert!(
        rejected
            .batches
            .iter()
            .all(|b| b.requests.iter().all(|r| r.condition.code == "rejected"))
    );
    assert_eq!(
        rejected
            .batches
            .iter()
            .map(|b| b.requests.len())
            .sum::<usize>(),
        9,
        "ids 10, 20, …, 90 were refused"
    );
    // The start of an invalidation id, in any case.
    let by_id = search("abcdef05", None, None);
    assert_eq!(by_id.batches.len(), 1);
    assert_eq!(by_id.batches[0].requests[0].id, 5);
    assert!(search("zz", None, None).batches.is_empty());
    assert!(search("no-such-path", None, None).batches.is_empty());
    // A big batch's next rows, searched.
    let page = journal
        .batch_page(
            7,
            &LogFilter {
                text: Some("needle".into()),
                ..Default::default()
            },
            0,
            20,
        )
        .unwrap();
    assert_eq!(page.len(), 1);
}

/// 20 batches of 150 requests, then one of 2,100: big batches (more than a page of rows),
/// pages of thousands of matches, and a batch with more matches than are "few".
#[test]
fn a_search_over_big_batches_counts_every_match_and_shows_the_first_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(&dir.path().join("j.sqlite3")).unwrap();
    let batches: Vec<_> = (1..=21)
        .map(|b| {
            let mut batch = batch("p", if b == 21 { 2_100 } else { 150 });
            for (r, request) in batch.requests.iter_mut().enumerate() {
                request.paths = vec![format!("/shared/{b}-{r}.jpg")];
                if b == 1 && r == 0 {
                    request.paths.push("/rare/needle.jpg".into());
                }
                if b % 2 == 0 && r == 149 {
                    request.paths.push("/even/last.jpg".into());
                }
                if b == 21 && r % 7 == 3 {
                    request.paths.push("/seventh.jpg".into());
                }
            }
            batch
        })
        .collect();
    journal.record_batches(&batches).unwrap();
    let search = |text: &str, before: Option<i64>| {
        journal
            .log(&LogFilter {
                text: Some(text.into()),
                before_batch: before,
                limit: 10,
                requests_per_batch: 20,
                ..Default::default()
            })
            .unwrap()
    };
    let counted = |page: &invalidator::journal::LogPage| -> Vec<(i64, usize)> {
        page.batches
            .iter()
            .map(|b| (b.id, b.request_count))
            .collect()
    };
    // Text every path holds: each batch with all of its requests counted, and its first 20
    // rows, in order.
    let first = search("shared", None);
    let mut expected = vec![(21, 2_100)];
    expected.extend((12..=20).rev().map(|b| (b, 150)));
    assert_eq!(counted(&first), expected);
    for batch in &first.batches {
        let seqs: Vec<u32> = batch.requests.iter().map(|r| r.seq).collect();
        assert_eq!(seqs, (1..=20).collect::<Vec<_>>(), "batch {}", batch.id);
    }
    let second = search("shared", first.next_before);
    let mut expected: Vec<_> = (2..=11).rev().map(|b| (b, 150)).collect();
    assert_eq!(counted(&second), expected);
    expected = vec![(1, 150)];
    assert_eq!(counted(&search("shared", second.next_before)), expected);
    // One request in seven of the big batch: 300 of them, the first 20 shown.
    let seventh = search("seventh", None);
    assert_eq!(counted(&seventh), vec![(21, 300)]);
    let seqs: Vec<u32> = seventh.batches[0].requests.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, (0..20).map(|n| 7 * n + 4).collect::<Vec<_>>());
    // Text only the oldest request holds, and one of every other batch's.
    assert_eq!(counted(&search("needle", None)), vec![(1, 1)]);
    let even = search("even/last", None);
    assert_eq!(
        counted(&even),
        (1..=10).rev().map(|b| (2 * b, 1)).collect::<Vec<_>>()
    );
    assert!(search("no-such-path", None).batches.is_empty());
}
