//! What the catalogues give: the language chosen, plurals, numbers, moments, the fallback.

use invalidator_words::{Words, from_environment, in_english, negotiate};
use serde_json::json;

#[test]
fn the_language_comes_from_lc_all_then_lc_messages_then_lang() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(from_environment(env(&[("LANG", "fr_FR.UTF-8")])), "fr");
    assert_eq!(
        from_environment(env(&[("LANG", "fr_FR.UTF-8"), ("LC_ALL", "C")])),
        "en"
    );
    assert_eq!(
        from_environment(env(&[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "fr_BE")])),
        "fr"
    );
    // Set but empty is not set.
    assert_eq!(
        from_environment(env(&[("LC_ALL", ""), ("LANG", "fr_CA.UTF-8@euro")])),
        "fr"
    );
    assert_eq!(from_environment(env(&[("LANG", "de_DE.UTF-8")])), "en");
    assert_eq!(from_environment(env(&[])), "en");
    assert_eq!(negotiate("fr-CA"), Some("fr"));
    assert_eq!(negotiate("POSIX"), None);
    assert_eq!(negotiate("🙂"), None);
}

#[test]
fn french_has_its_plurals_and_groups_digits_as_intl_does() {
    let french = Words::new("fr_FR.UTF-8");
    assert_eq!(french.language(), "fr");
    assert_eq!(french.text("count-error", &json!({"count": 1})), "1 erreur");
    assert_eq!(french.text("count-error", &json!({"count": 0})), "0 erreur");
    assert_eq!(
        french.text("count-error", &json!({"count": 20000})),
        "20\u{202f}000 erreurs"
    );
    let english = Words::english();
    assert_eq!(
        english.text("count-error", &json!({"count": 20000})),
        "20,000 errors"
    );
    assert_eq!(english.text("count-error", &json!({"count": 1})), "1 error");
    let partly = json!({"id": "condition-done-with-failures", "args": {"failed": 1, "paths": 1}});
    assert_eq!(
        english.say_attribute(&partly, "detail"),
        "1 of 1 path failed. Retry sends the failed paths again."
    );
}

#[test]
fn a_message_is_said_in_english_when_the_language_has_no_catalogue() {
    let words = Words::new("de_DE.UTF-8");
    assert_eq!(words.language(), "en");
    assert_eq!(words.say(&json!({"id": "condition-done"})), "Done");
}

#[test]
fn words_from_outside_are_shown_as_they_came_and_never_read_as_fluent() {
    // A service's status that looks like a placeable, a bidi control, markup.
    let status = "{ $attempts } \u{202e}<b>{ -x }</b>";
    let stalled = json!({"id": "condition-stalled", "args": {"status": status, "at": "2026-12-02T13:05:00Z"}});
    for words in [Words::english(), Words::new("fr")] {
        let label = words.say(&stalled);
        assert!(label.contains(status), "{label}");
        // No isolation marks around placeables: the terminal would show them as codes.
        assert!(!label.contains('\u{2068}') && !label.contains('\u{2069}'));
    }
}

#[test]
fn a_moment_is_written_in_each_language_and_garbage_as_it_came() {
    let at = |at: &str| json!({"id": "condition-stalled", "args": {"status": "WAIT", "at": at}});
    let english = Words::english().say_attribute(&at("2026-12-02T13:05:00Z"), "detail");
    assert!(english.contains("last checked Dec 2, 2026, "), "{english}");
    let french = Words::new("fr").say_attribute(&at("2026-12-02T13:05:00Z"), "detail");
    assert!(
        french.contains("dernière vérification 2 déc. 2026, "),
        "{french}"
    );
    let garbage = Words::english().say_attribute(&at("not a date"), "detail");
    assert!(garbage.contains("last checked not a date)"), "{garbage}");
}

#[test]
fn the_machine_words_are_english_whatever_the_environment() {
    let message =
        json!({"id": "condition-send-failed", "args": {"attempts": 3, "error": "timed out"}});
    assert_eq!(
        in_english(&message),
        (
            "Send failed".to_owned(),
            "Gave up after 3 attempts: timed out. Nothing was invalidated; Retry sends it again."
                .to_owned()
        )
    );
}

#[test]
fn a_notification_agrees_with_its_numbers_in_french() {
    let french = Words::new("fr");
    let news = |failed: u32| json!({"id": "batch-with-problems", "args": {"project": "Boutique", "failed": failed, "requests": 3, "batch": "12"}});
    assert_eq!(
        french.say_attribute(&news(1), "body"),
        "Boutique\u{a0}: 1 requête sur 3 n’a pas fini «\u{a0}Terminée\u{a0}» (lot 12). Ouvrez le journal pour réessayer."
    );
    assert!(
        french
            .say_attribute(&news(2), "body")
            .contains("2 requêtes sur 3 n’ont pas fini")
    );
    assert_eq!(
        Words::english().say_attribute(&news(1), "body"),
        "Boutique: 1 of 3 requests did not end Done (batch 12). Open the log to retry."
    );
}
