//! The catalogues in `locales/` against each other and against the code that uses them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_bundle::FluentResource;
use fluent_syntax::ast;

/// Each message of a catalogue, with its attributes.
fn messages(tag: &str) -> BTreeMap<String, BTreeSet<String>> {
    let text = invalidator_words::catalogue(tag).expect("the catalogue");
    let resource = match FluentResource::try_new(text.to_owned()) {
        Ok(resource) => resource,
        Err((_, errors)) => panic!("locales/{tag}/invalidator.ftl does not parse: {errors:?}"),
    };
    let mut out = BTreeMap::new();
    for entry in resource.entries() {
        if let ast::Entry::Message(message) = entry {
            let attributes = message.attributes.iter().map(|a| a.id.name.to_owned());
            let fresh = out
                .insert(message.id.name.to_owned(), attributes.collect())
                .is_none();
            assert!(fresh, "{tag}: `{}` is defined twice", message.id.name);
        }
    }
    out
}

#[test]
fn every_language_says_every_message_english_has_and_no_other() {
    let english = messages(invalidator_words::ENGLISH);
    assert!(english.len() > 30, "the English catalogue is read whole");
    for tag in invalidator_words::available() {
        let other = messages(tag);
        let missing: Vec<_> = english
            .keys()
            .filter(|id| !other.contains_key(*id))
            .collect();
        let extra: Vec<_> = other
            .keys()
            .filter(|id| !english.contains_key(*id))
            .collect();
        assert!(missing.is_empty(), "{tag} lacks {missing:?}");
        assert!(extra.is_empty(), "{tag} has ids English has not: {extra:?}");
        for (id, attributes) in &english {
            assert_eq!(&other[id], attributes, "{tag}: the attributes of `{id}`");
        }
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files(dir: &Path, ends: &[&str], out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, ends, out);
        } else if ends.iter().any(|end| path.to_string_lossy().ends_with(end)) {
            out.push(path);
        }
    }
}

/// Every quoted id after one of `openings` (`t('`, `"id": "`) in `text`.
fn ids_after(text: &str, openings: &[&str], into: &mut BTreeSet<String>) {
    for opening in openings {
        let quote = opening
            .chars()
            .last()
            .expect("an opening ends with its quote");
        let word = opening.starts_with(|c: char| c.is_ascii_alphabetic());
        for (at, _) in text.match_indices(opening) {
            // `t('` is the call, not the end of `closest('`.
            let before = text[..at].chars().next_back();
            if word && before.is_some_and(|c| c.is_alphanumeric() || "_$.".contains(c)) {
                continue;
            }
            let rest = &text[at + opening.len()..];
            if let Some(end) = rest.find(quote) {
                let id = &rest[..end];
                if !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    into.insert(id.to_owned());
                }
            }
        }
    }
}

/// The ids the code uses: the domain's messages as the generated bindings list them (the
/// bindings test holds those to the Rust types), the vocabulary's count messages, and each
/// id the window and the doors name themselves.
fn used_ids() -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let read = |path: &Path| std::fs::read_to_string(path).unwrap();
    let mut bindings = Vec::new();
    files(&repo().join("ui/src/lib/bindings"), &[".ts"], &mut bindings);
    for path in &bindings {
        ids_after(&read(path), &["\"id\": \"", "\"countId\": \""], &mut used);
    }
    let mut window = Vec::new();
    files(&repo().join("ui/src"), &[".ts", ".svelte"], &mut window);
    for path in window
        .iter()
        .filter(|p| !p.to_string_lossy().contains("/test/"))
    {
        ids_after(
            &read(path),
            &["t('", "t(\"", "attr('", "messageId('", "id: '", "say=\""],
            &mut used,
        );
    }
    let mut doors = Vec::new();
    for dir in [
        "crates/invalidator-cli/src",
        "crates/invalidator-desktop/src",
        "src-tauri/src",
        // How each language writes numbers and moments (`locale-*`).
        "crates/invalidator-words/src",
    ] {
        files(&repo().join(dir), &[".rs"], &mut doors);
    }
    for path in &doors {
        // rustfmt may put a long call's id on the line after its `(`.
        let text = read(path);
        let mut joined = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(at) = rest.find('(') {
            joined.push_str(&rest[..=at]);
            rest = rest[at + 1..].trim_start();
        }
        joined.push_str(rest);
        ids_after(
            &joined,
            &[
                "say(\"",
                "terminal(\"",
                ".text(\"",
                ".attribute(\"",
                ".get_message(\"",
                "\"id\": \"",
            ],
            &mut used,
        );
    }
    used
}

#[test]
fn every_id_the_code_uses_is_in_the_catalogue_and_every_message_is_used() {
    let english: BTreeSet<String> = messages(invalidator_words::ENGLISH).into_keys().collect();
    let used = used_ids();
    assert!(
        used.contains("condition-done") && used.contains("count-done"),
        "the scan finds the domain's messages: {used:?}"
    );
    let missing: Vec<_> = used.difference(&english).collect();
    assert!(
        missing.is_empty(),
        "used but not in locales/en: {missing:?}"
    );
    let unused: Vec<_> = english.difference(&used).collect();
    assert!(
        unused.is_empty(),
        "in locales/en but used nowhere: {unused:?}"
    );
}
