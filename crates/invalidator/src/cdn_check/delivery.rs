//! Asking the delivery host: where a path is delivered, and its answer to a `HEAD`.

use std::time::Duration;

use chrono::Utc;
use reqwest::header::HeaderMap;

use super::verdict::{Check, VerdictReason, Window, check_of};

/// The URL a path is delivered at: `base` (for example `https://demo.cloudimg.io`) and the
/// path as sent (with its `/v7` when the project has one). The path must read back unchanged
/// through the path reader that checks a submission, and it is put under the base's own path
/// by the URL library, never pasted into a string: so a path such as `@host/x` or `//host/x`
/// can never make the question go to another host. A URL whose scheme, host or port is not
/// the base's is refused, with the reason.
pub fn delivery_url(base: &str, path: &str) -> Result<String, VerdictReason> {
    let base_url = url::Url::parse(base).map_err(|e| VerdictReason::DeliveryBaseNotAUrl {
        base: base.to_owned(),
        cause: e.to_string(),
    })?;
    let read = crate::paths::parse(path, crate::paths::PathRules::default());
    let shown = || crate::outside::quoted(path);
    if read.paths.len() != 1 || read.paths[0].path != path || !read.notices.is_empty() {
        return Err(VerdictReason::NotAPath { path: shown() });
    }
    let mut url = base_url.clone();
    url.set_path(&format!("{}{path}", base_url.path().trim_end_matches('/')));
    url.set_query(None);
    url.set_fragment(None);
    let same_place = url.scheme() == base_url.scheme()
        && url.host() == base_url.host()
        && url.port_or_known_default() == base_url.port_or_known_default()
        && url.username().is_empty()
        && url.password().is_none();
    if !same_place {
        return Err(VerdictReason::OtherHost { path: shown() });
    }
    Ok(url.into())
}

/// Asks `HEAD url` with a client that carries no key; retries 429 and 5xx a few times with
/// back-off, and connection failures (not timeouts). The answer's status and headers, or why
/// there was none.
pub async fn head(client: &reqwest::Client, url: &str) -> Result<(u16, HeaderMap), VerdictReason> {
    let mut wait = Duration::from_millis(200);
    let mut tries = 0;
    loop {
        tries += 1;
        match client.head(url).send().await {
            Ok(answer) => {
                let status = answer.status().as_u16();
                if (status == 429 || status >= 500) && tries < 3 {
                    tokio::time::sleep(wait).await;
                    wait *= 4;
                    continue;
                }
                return Ok((status, answer.headers().clone()));
            }
            // A CDN that did not answer in time is not asked again: the check would only drag.
            Err(e) if tries < 3 && !e.is_builder() && !e.is_timeout() => {
                tokio::time::sleep(wait).await;
                wait *= 4;
            }
            Err(e) => return Err(describe(&e)),
        }
    }
}

/// A client for delivery URLs: no key, short timeouts, redirects followed (a CDN may send
/// one; nothing secret goes along).
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(15))
        .user_agent(concat!("invalidator-verify/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::limited(5))
        .build()
        .unwrap_or_default()
}

/// Checks `paths` of a request under `base`: at most `concurrency` at once.
pub async fn check_paths(
    client: &reqwest::Client,
    base: &str,
    paths: &[String],
    window: Window,
    concurrency: usize,
) -> Vec<Check> {
    let slots = std::sync::Arc::new(tokio::sync::Semaphore::new(concurrency.max(1)));
    let base: std::sync::Arc<str> = base.into();
    let mut asked = tokio::task::JoinSet::new();
    for (index, path) in paths.iter().cloned().enumerate() {
        let client = client.clone();
        let slots = slots.clone();
        let base = base.clone();
        asked.spawn(async move {
            let url = match delivery_url(&base, &path) {
                Ok(url) => url,
                Err(reason) => {
                    return (
                        index,
                        Check::could_not_check(path, String::new(), Utc::now(), reason),
                    );
                }
            };
            let _slot = slots.acquire_owned().await;
            let answer = head(&client, &url).await;
            (index, check_of(path, url, answer, window, Utc::now()))
        });
    }
    let mut checks: Vec<(usize, Check)> = asked.join_all().await;
    checks.sort_by_key(|(index, _)| *index);
    checks.into_iter().map(|(_, check)| check).collect()
}

fn describe(e: &reqwest::Error) -> VerdictReason {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        let part = cause.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = cause.source();
    }
    VerdictReason::NoAnswer { error: text }
}

#[cfg(test)]
mod tests {
    use super::delivery_url;

    #[test]
    fn a_path_is_asked_of_the_delivery_base_only() {
        assert_eq!(
            delivery_url("https://demo.cloudimg.io/", "/v7/a.jpg").unwrap(),
            "https://demo.cloudimg.io/v7/a.jpg"
        );
        assert_eq!(
            delivery_url("http://127.0.0.1:9/delivery", "/a b/café.jpg").unwrap(),
            "http://127.0.0.1:9/delivery/a%20b/caf%C3%A9.jpg"
        );
        for foreign in [
            "@127.0.0.1:9999/internal",
            "//evil.example/x",
            "/a/../../x",
            "/*x",
            "http://evil.example/x",
            "/x?y",
            "/x#y",
            "/x\u{1b}[2J",
            "",
        ] {
            let refused = delivery_url("https://demo.cloudimg.io", foreign)
                .unwrap_err()
                .to_string();
            assert!(refused.contains("not asked"), "{foreign:?}: {refused}");
            assert!(!refused.contains('\u{1b}'));
        }
    }
}
