//! Properties of the path-list reader over generated lists: it never panics, what it sends is
//! always a clean path, and reading its own output changes nothing. `scripts/fuzz-paths` runs
//! the same properties over a million cases (PROPTEST_CASES).

use invalidator::paths::{MAX_PATH_CHARS, PathRules, is_unseen, parse};
use proptest::prelude::*;

/// Pieces that the reader treats specially, mixed with arbitrary characters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "/", "//", "/.", "/..", ".", "..", "%2e", "%2E%2e", "?", "#", "*", ",", ", ", ",/",
            "\n", "\r\n", "\r", "\t", " ", "https://", "http://", "HTTPS://", "token.cloudimg.io",
            "/v7", "/v7/", "%", "%C3%A9", "%c3", "%A9", "%E2%80%8B", "%20", "%2F", "%F0%9F%98%80",
            "%E2%82", "%CC%81", "e\u{301}", "\u{E9}", "\u{200B}", "\u{202E}", "\u{A0}",
            "\u{FEFF}", "\u{AD}", "\u{2028}", "\u{85}", "\u{37E}", "\u{212B}", "\u{1F600}",
            "a", "b.jpg", "folder", "café", "x", "0",
        ])
        .prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-z0-9/._-]{1,12}",
    ]
}

fn list() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|pieces| pieces.concat())
}

fn rules() -> impl Strategy<Value = PathRules> {
    any::<bool>().prop_map(|v7| PathRules { v7 })
}

proptest! {
    #![proptest_config(ProptestConfig {
        // The default, unless PROPTEST_CASES says more (scripts/fuzz-paths).
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(2_000),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn what_is_sent_is_a_clean_path_and_reading_it_again_changes_nothing(
        text in list(),
        rules in rules(),
    ) {
        let first = parse(&text, rules);
        for listed in &first.paths {
            let path = &listed.path;
            prop_assert!(path.starts_with('/'), "{path:?}");
            prop_assert!(path.chars().count() <= MAX_PATH_CHARS, "{path:?}");
            prop_assert!(!path.chars().any(is_unseen), "{path:?}");
            prop_assert!(!path.contains(['?', '#', '\n']), "{path:?}");
            if let Some(star) = path.find('*') {
                prop_assert_eq!(star, path.len() - 1, "{:?}", path);
            }
            if rules.v7 {
                prop_assert!(path == "/v7" || path.starts_with("/v7/"), "{path:?}");
            }
        }
        let sent = first.path_strings();
        let again = parse(&sent.join("\n"), rules);
        prop_assert_eq!(again.path_strings(), sent);
        prop_assert!(again.notices.is_empty(), "{:?}", again.notices);
    }

    #[test]
    fn any_text_at_all_is_read_without_panicking(text in any::<String>(), rules in rules()) {
        let list = parse(&text, rules);
        for listed in &list.paths {
            prop_assert!(listed.path.starts_with('/'));
            prop_assert!(!listed.path.chars().any(is_unseen));
        }
    }
}
