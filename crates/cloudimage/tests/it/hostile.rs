//! A hostile or broken API base, over real HTTP: what its answers say is data, bounded and
//! scrubbed, and an id that is not an id is never asked about.

use cloudimage::answer::{MAX_PATH_CHARS, MAX_TEXT_CHARS};
use cloudimage::{Error, Scope, Status};

use crate::canned::{KEY, answer, client, original, serve};

fn submit_answer(uuid: &serde_json::Value) -> String {
    serde_json::json!({"status": "success", "invalidation": {"status": "RECEIVED", "uuid": uuid}})
        .to_string()
}

#[tokio::test]
async fn an_id_that_is_not_an_id_is_an_unreadable_answer_that_names_the_problem() {
    for uuid in [
        "..",
        ".",
        "../../invalidate",
        "a/b",
        "u-1\n2026-12-01T00:00:00Z  INFO invalidator: all good",
        "\u{1b}]0;pwned\u{7}",
        "\u{1b}[2J",
        "é",
        &"a".repeat(65),
        &format!("u-{KEY}"),
    ] {
        let (base, _) = serve(answer(201, &submit_answer(&uuid.into()))).await;
        let err = client(&base)
            .submit(&original(&["/a.jpg"]))
            .await
            .unwrap_err();
        let Error::Decode { reason, body } = &err else {
            panic!("{uuid:?}: {err:?}");
        };
        assert!(
            matches!(reason, cloudimage::Unreadable::BadUuid { .. }),
            "{reason:?}"
        );
        let reason = reason.to_string();
        // The id is shown escaped: no line break, no escape character survives into the text.
        assert!(!reason.contains(['\n', '\u{1b}', '\u{7}']), "{reason:?}");
        assert!(!format!("{reason}{body}{err}").contains(KEY));
        // An unreadable answer to a send may have been acted on: never "nothing happened".
        assert!(err.may_have_acted());
    }
    // A number is no id either, but it reads as one (`text_of`), and digits are fine.
    let (base, _) = serve(answer(201, &submit_answer(&42.into()))).await;
    assert_eq!(client(&base).submit(&Scope::All).await.unwrap().uuid, "42");
}

#[tokio::test]
async fn a_status_question_about_a_non_id_is_never_sent() {
    let (base, seen) = serve(answer(200, r#"{"invalidation": {"status": "DONE"}}"#)).await;
    for uuid in ["..", ".", "", "a/../b", "a?b", "a#b", "x\ny"] {
        let err = client(&base).status(uuid).await.unwrap_err();
        assert!(matches!(err, Error::Config(_)), "{uuid:?}: {err:?}");
        assert!(err.to_string().contains("not an invalidation id"), "{err}");
    }
    assert!(seen.requests.lock().unwrap().is_empty());
}

#[tokio::test]
async fn huge_fields_are_cut_and_the_cut_is_said() {
    // Six fields of 128 KiB: under the 1 MiB the client reads at all.
    let huge = "S".repeat(128 * 1024);
    let body = serde_json::json!({
        "msg": huge,
        "invalidation": {"status": huge, "uuid": "u-1", "scope": huge,
                         "urls": {"invalidated": [huge], "failed": [huge, "/b.jpg"]}}
    })
    .to_string();
    let (base, _) = serve(answer(200, &body)).await;
    let status = client(&base).status("u-1").await.unwrap();
    let Status::Unknown(raw) = &status.status else {
        panic!("{:?}", status.status);
    };
    let more = 128 * 1024 - MAX_TEXT_CHARS;
    let said = format!("…({},{:03} more characters)", more / 1000, more % 1000);
    assert!(raw.ends_with(&said), "{}", &raw[raw.len() - 40..]);
    assert_eq!(raw.chars().count(), MAX_TEXT_CHARS + said.chars().count());
    assert!(status.scope.unwrap().chars().count() < MAX_TEXT_CHARS + 40);
    for path in status.invalidated.iter().chain(&status.failed) {
        assert!(path.chars().count() < MAX_PATH_CHARS + 40, "{}", path.len());
    }
    assert_eq!(status.failed[1], "/b.jpg");

    let (base, _) = serve(answer(201, &body.replace("\"u-1\"", "\"u-2\""))).await;
    let accepted = client(&base).submit(&Scope::All).await.unwrap();
    assert!(accepted.message.unwrap().chars().count() < MAX_TEXT_CHARS + 40);
}

#[tokio::test]
async fn a_key_echoed_in_any_field_is_scrubbed_from_it() {
    let body = serde_json::json!({
        "msg": format!("hello {KEY}"),
        "invalidation": {"status": format!("DONE{KEY}"), "uuid": "u-1", "scope": KEY,
                         "urls": {"invalidated": [format!("/{KEY}.jpg")],
                                  "failed": [{"url": format!("/x/{KEY}")}]}}
    })
    .to_string();
    let (base, _) = serve(answer(200, &body)).await;
    let status = client(&base).status("u-1").await.unwrap();
    let text = format!("{status:?}");
    assert!(!text.contains(KEY), "{text}");
    assert_eq!(status.failed, vec!["/x/[redacted key]"]);
    assert_eq!(status.scope.as_deref(), Some("[redacted key]"));

    let (base, _) = serve(answer(201, &body)).await;
    let accepted = client(&base).submit(&Scope::All).await.unwrap();
    assert_eq!(accepted.message.as_deref(), Some("hello [redacted key]"));
    assert!(!format!("{accepted:?}").contains(KEY));
}
