//! Journals built through the domain as a year of use might leave them: what the benchmarks
//! measure, and what the e2e tests of a long log open.

use std::path::Path;

use cloudimage::{Accepted, ApiSaid, Invalidation, Status};
use invalidator::journal::{NewBatch, NewRequest, Setback};
use invalidator::{Journal, Problem, ProjectRef, ScopeKind};

/// A journal of `requests` requests as a year of use might leave it: mostly small batches,
/// a few big ones; three projects; mostly Done, some failed in every way, some in progress.
pub fn journal_of(dir: &Path, requests: usize) {
    let journal = Journal::open(&invalidator::data_dir::journal_path(dir)).expect("journal");
    let project = |n: usize| ProjectRef {
        id: format!("p{n}"),
        name: format!("Shop {n}"),
        api_base: "https://api.cloudimage.com".into(),
    };
    // Half in batches of 1 to 10 requests, half in batches of a tenth of the whole.
    let mut batches: Vec<NewBatch> = Vec::new();
    let mut made = 0;
    let mut n = 0;
    while made < requests {
        n += 1;
        let size = if made < requests / 2 {
            1 + n % 10
        } else {
            (requests / 10).max(1)
        }
        .min(requests - made);
        let all = n % 97 == 0;
        batches.push(NewBatch {
            project: project(n % 3),
            scope: if all {
                ScopeKind::All
            } else {
                ScopeKind::Original
            },
            requests: (0..size)
                .map(|r| NewRequest {
                    paths: if all {
                        Vec::new()
                    } else {
                        (0..1 + (made + r) % 10)
                            .map(|p| format!("/catalog/item-{}/photo-{p}.jpg", made + r))
                            .collect()
                    },
                    retry_of: None,
                })
                .collect(),
            origin: if n % 5 == 0 { "cli" } else { "app" }.into(),
        });
        made += if all { 1 } else { size };
        if all {
            batches.last_mut().unwrap().requests.truncate(1);
        }
    }
    for chunk in batches.chunks(500) {
        journal.record_batches(chunk).expect("recorded");
    }
    // Send (claim) them all, then answer: mostly acknowledged, some refused or given up.
    let projects: Vec<String> = (0..3).map(|n| format!("p{n}")).collect();
    let mut acknowledged: Vec<i64> = Vec::new();
    loop {
        let claimed = journal
            .claim_sends("bench", &projects, 5_000, 3_600_000)
            .expect("claimed");
        if claimed.is_empty() {
            break;
        }
        let answers: Vec<(i64, String, Result<Accepted, Setback>)> = claimed
            .iter()
            .map(|c| {
                let answer = match c.id % 100 {
                    0 => Err(Setback::Rejected {
                        kind: "rejected".into(),
                        problem: Problem::Api {
                            said: ApiSaid::Rejected {
                                status: 400,
                                message: "bad request".into(),
                            },
                        },
                    }),
                    1 => Err(Setback::GiveUp {
                        attempts: 5,
                        kind: "server".into(),
                        problem: Problem::Api {
                            said: ApiSaid::Server {
                                status: 503,
                                message: "unavailable".into(),
                            },
                        },
                        maybe_sent: c.id % 200 == 1,
                    }),
                    _ => Ok(Accepted {
                        uuid: format!("{:08x}-0000-4000-8000-{:012x}", c.id, c.id),
                        status: Status::Received,
                        added_at: None,
                        message: None,
                    }),
                };
                if answer.is_ok() {
                    acknowledged.push(c.id);
                }
                (c.id, c.project_id.clone(), answer)
            })
            .collect();
        journal.record_answers("bench", &answers).expect("answers");
    }
    // Status answers: Done, Done with failures, errors, and a few still at work.
    let polls: Vec<(i64, Invalidation)> = acknowledged
        .iter()
        .map(|id| {
            let (status, failed) = match id % 100 {
                2..=4 => ("DONE", vec![format!("/catalog/item-{}/photo-0.jpg", id)]),
                5 => ("ERROR", Vec::new()),
                6 => ("FLUSHINGCDNSERVERS", Vec::new()),
                _ => ("DONE", Vec::new()),
            };
            (
                *id,
                Invalidation {
                    uuid: String::new(),
                    status: Status::parse(status),
                    scope: None,
                    added_at: None,
                    invalidated: Vec::new(),
                    failed,
                },
            )
        })
        .collect();
    for chunk in polls.chunks(5_000) {
        journal.record_polls(chunk).expect("polls");
    }
}
