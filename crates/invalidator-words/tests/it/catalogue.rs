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

/// A condition's label as literal parts around its placeables (`Retrying (attempt { $n })`
/// is `["Retrying (attempt ", ")"]`).
fn label_parts(tag: &str) -> Vec<Vec<String>> {
    let text = invalidator_words::catalogue(tag).unwrap();
    let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(r, _)| r);
    let mut labels = Vec::new();
    for entry in resource.entries() {
        if let ast::Entry::Message(message) = entry
            && message.id.name.starts_with("condition-")
            && let Some(value) = &message.value
        {
            let mut parts = vec![String::new()];
            if value.elements.len() == 1
                && matches!(value.elements[0], ast::PatternElement::Placeable { .. })
            {
                // A label that is the service's own words fits anything: not a label to name.
                continue;
            }
            for element in &value.elements {
                match element {
                    ast::PatternElement::TextElement { value } => {
                        parts.last_mut().unwrap().push_str(value)
                    }
                    ast::PatternElement::Placeable { .. } => parts.push(String::new()),
                }
            }
            labels.push(parts);
        }
    }
    labels
}

/// Whether `text` is the label `parts` with something in each placeable.
fn fits(text: &str, parts: &[String]) -> bool {
    let (first, rest) = parts.split_first().unwrap();
    let Some(mut left) = text.strip_prefix(first.as_str()) else {
        return false;
    };
    for (i, part) in rest.iter().enumerate() {
        let last = i == rest.len() - 1;
        match (last, left.find(part.as_str())) {
            (true, _) => return left.len() > part.len() && left.ends_with(part.as_str()),
            (false, Some(at)) if at > 0 => left = &left[at + part.len()..],
            _ => return false,
        }
    }
    left.is_empty()
}

/// The README's table of statuses says them in the window's words: each status it names is
/// the label of a condition in the English catalogue (`n` and `…` stand for what varies).
#[test]
fn the_readme_names_the_statuses_as_the_window_does() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let table = readme
        .split("| status | what it means |")
        .nth(1)
        .expect("the README has its table of statuses");
    let labels = label_parts(invalidator_words::ENGLISH);
    let mut named = 0;
    for row in table.lines().skip(2).take_while(|l| l.starts_with('|')) {
        let cell = row.split('|').nth(1).unwrap().trim();
        // Statuses are listed with `, `, ` / ` and `, then `; a label may hold a comma of its
        // own ("Unknown, last seen …"): pieces are joined until they make one.
        let mut pending = String::new();
        for piece in cell.split(" / ").flat_map(|s| s.split(", ")) {
            let piece = piece.trim().trim_start_matches("then ");
            pending = if pending.is_empty() {
                piece.to_owned()
            } else {
                format!("{pending}, {piece}")
            };
            if pending == "the raw value" || labels.iter().any(|parts| fits(&pending, parts)) {
                named += 1;
                pending.clear();
            }
        }
        assert!(
            pending.is_empty(),
            "the README's status `{pending}` is no label of the catalogue"
        );
    }
    assert!(named >= 15, "the table is read: {named} statuses");
    assert!(fits(
        "Retrying (attempt n)",
        &label_parts("en")
            .into_iter()
            .find(|p| p[0] == "Retrying (attempt ")
            .unwrap()
    ));
    assert!(!fits(
        "Retrying",
        &["Retrying (attempt ".into(), ")".into()]
    ));
}
