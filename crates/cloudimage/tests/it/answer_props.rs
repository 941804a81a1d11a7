//! Properties of the answer reader over arbitrary JSON and arbitrary text: it never panics, and
//! whatever it returns has an id's shape, bounded text and no key.

use cloudimage::answer::{self, MAX_PATH_CHARS, MAX_TEXT_CHARS};
use cloudimage::{ApiKey, Status, is_invalidation_id};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const KEY: &str = "abcdefghij0123456789klmnopqrst";

/// Strings that matter to the reader: ids, dots, escapes, the key, long runs.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::sample::select(vec![
            "", ".", "..", "/", "/*", "u-1", "DONE", "done ", "RECEIVED", "ERROR_CDN_NODE",
            "\u{1b}[2J", "\u{1b}]0;t\u{7}", "\n", "\u{202e}", "=cmd|' /C calc'!A0", KEY,
        ])
        .prop_map(str::to_owned),
        2 => any::<String>(),
        1 => (any::<char>(), 0usize..5000).prop_map(|(c, n)| c.to_string().repeat(n)),
        1 => "[A-Za-z0-9_-]{1,70}",
        1 => any::<String>().prop_map(|s| format!("{s}{KEY}{s}")),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((text(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// An envelope of the service's shape whose every field may be anything.
fn envelope() -> impl Strategy<Value = String> {
    (
        value(),
        value(),
        value(),
        value(),
        value(),
        value(),
        value(),
    )
        .prop_map(
            |(msg, status, uuid, scope, added_at, invalidated, failed)| {
                json!({"msg": msg, "invalidation": {
                "status": status, "uuid": uuid, "scope": scope, "added_at": added_at,
                "urls": {"invalidated": invalidated, "failed": failed}}})
                .to_string()
            },
        )
}

fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => envelope(),
        1 => value().prop_map(|v| v.to_string()),
        1 => any::<String>(),
    ]
}

fn bounded(text: &str, max: usize) -> bool {
    // The cut adds at most "…(N more characters)".
    text.chars().count() <= max + 40
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(1_000),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_status_answer_is_read_into_bounded_shapes(body in body()) {
        let key = ApiKey::new(KEY);
        if let Ok(read) = answer::invalidation(&body, "asked-1", &key) {
            prop_assert!(is_invalidation_id(&read.uuid));
            if let Status::Unknown(raw) = &read.status {
                prop_assert!(bounded(raw, MAX_TEXT_CHARS));
            }
            if let Some(scope) = &read.scope {
                prop_assert!(bounded(scope, MAX_TEXT_CHARS));
            }
            for path in read.invalidated.iter().chain(&read.failed) {
                prop_assert!(bounded(path, MAX_PATH_CHARS));
            }
            let shown = format!("{read:?}");
            prop_assert!(!shown.contains(KEY), "{}", shown);
        }
    }

    #[test]
    fn a_submit_answer_is_read_into_bounded_shapes(body in body()) {
        let key = ApiKey::new(KEY);
        match answer::accepted(&body, &key) {
            Ok(read) => {
                prop_assert!(is_invalidation_id(&read.uuid));
                if let Some(message) = &read.message {
                    prop_assert!(bounded(message, MAX_TEXT_CHARS));
                }
                if let Status::Unknown(raw) = &read.status {
                    prop_assert!(bounded(raw, MAX_TEXT_CHARS));
                }
                let shown = format!("{read:?}");
                prop_assert!(!shown.contains(KEY), "{}", shown);
            }
            Err(e) => {
                let shown = format!("{e} {e:?}");
                prop_assert!(!shown.contains(KEY), "{}", shown);
            }
        }
    }
}
