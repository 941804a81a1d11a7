//! Every rule of the path-list reader, with the exact words the user reads.

use invalidator::paths::{NoticeKind, PathRules, parse};

const NEW: PathRules = PathRules { v7: false };
const OLD: PathRules = PathRules { v7: true };

fn paths(text: &str, rules: PathRules) -> Vec<String> {
    parse(text, rules).path_strings()
}

fn notices(text: &str, rules: PathRules) -> Vec<String> {
    parse(text, rules)
        .notices
        .iter()
        .map(|n| n.in_english())
        .collect()
}

#[test]
fn splits_on_line_breaks_and_commas_and_trims() {
    let text = "  /a.jpg \r\n/b.jpg,/c.jpg, /d.jpg ,\n\n   \n/e.jpg";
    assert_eq!(
        paths(text, NEW),
        ["/a.jpg", "/b.jpg", "/c.jpg", "/d.jpg", "/e.jpg"]
    );
    assert!(notices(text, NEW).is_empty());
    let list = parse(text, NEW);
    let lines: Vec<usize> = list.paths.iter().map(|p| p.line).collect();
    assert_eq!(lines, [1, 2, 2, 2, 5]);
}

#[test]
fn a_comma_inside_a_file_name_or_query_stays() {
    assert_eq!(
        paths("/photos/paris,france.jpg", NEW),
        ["/photos/paris,france.jpg"]
    );
    assert_eq!(
        notices("/a.jpg?w=600,400", NEW),
        ["line 1: `?w=600,400` removed: the service ignores query strings"]
    );
}

#[test]
fn query_strings_and_fragments_are_stripped_and_named() {
    let text = "/a.jpg?w=600\n/b.jpg#top\n/c.jpg?w=1#x?y";
    let list = parse(text, NEW);
    assert_eq!(list.path_strings(), ["/a.jpg", "/b.jpg", "/c.jpg"]);
    assert_eq!(
        notices(text, NEW),
        [
            "line 1: `?w=600` removed: the service ignores query strings",
            "line 2: `#top` removed: a fragment never reaches the server",
            "line 3: `?w=1` removed: the service ignores query strings",
            "line 3: `#x?y` removed: a fragment never reaches the server",
        ]
    );
    let kinds: Vec<NoticeKind> = list.notices.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [
            NoticeKind::QueryStripped,
            NoticeKind::FragmentStripped,
            NoticeKind::QueryStripped,
            NoticeKind::FragmentStripped
        ]
    );
}

#[test]
fn delivery_urls_become_paths() {
    let text = "https://token.cloudimg.io/campaigns/winter_sale/banner.jpg\n\
                HTTP://cdn.example.com/a.png";
    assert_eq!(
        paths(text, NEW),
        ["/campaigns/winter_sale/banner.jpg", "/a.png"]
    );
    assert_eq!(
        notices(text, NEW),
        [
            "line 1: host `token.cloudimg.io` dropped; only the path is sent",
            "line 2: host `cdn.example.com` dropped; only the path is sent",
        ]
    );
}

#[test]
fn a_delivery_url_with_v7_loses_it_when_the_project_is_new() {
    let text = "https://token.cloudimg.io/v7/a/b.jpg?w=600";
    assert_eq!(paths(text, NEW), ["/a/b.jpg"]);
    assert_eq!(
        notices(text, NEW),
        [
            "line 1: host `token.cloudimg.io` dropped; only the path is sent",
            "line 1: `?w=600` removed: the service ignores query strings",
            "line 1: `/v7` dropped: this project's token was created after November 2021 and its \
             paths take no /v7",
        ]
    );
    let list = parse(text, NEW);
    assert_eq!(list.notices[2].kind, NoticeKind::V7Dropped);
    // A typed path is taken as written: `/v7` may be a real folder there.
    assert_eq!(paths("/v7/a.jpg", NEW), ["/v7/a.jpg"]);
    assert!(notices("/v7/a.jpg", NEW).is_empty());
}

#[test]
fn every_path_gets_v7_when_the_project_is_old() {
    let text = "/a.jpg\nhttps://token.cloudimg.io/v7/b.jpg\n/v7/c.jpg";
    assert_eq!(paths(text, OLD), ["/v7/a.jpg", "/v7/b.jpg", "/v7/c.jpg"]);
    assert_eq!(
        notices(text, OLD),
        [
            "`/v7` added to every path: this project's token was created before November 2021",
            "line 2: host `token.cloudimg.io` dropped; only the path is sent",
        ]
    );
    assert_eq!(parse(text, OLD).notices[0].kind, NoticeKind::V7Added);
    assert_eq!(parse(text, OLD).notices[0].line, None);
    // Nothing added: no notice.
    assert!(notices("/v7/x.jpg", OLD).is_empty());
}

#[test]
fn duplicates_are_sent_once_and_said_so() {
    let text = "/a.jpg\n/b.jpg\n/a.jpg?w=1\nhttps://t.cloudimg.io/b.jpg";
    assert_eq!(paths(text, NEW), ["/a.jpg", "/b.jpg"]);
    let list = parse(text, NEW);
    let duplicates: Vec<String> = list
        .notices
        .iter()
        .filter(|n| n.kind == NoticeKind::Duplicate)
        .map(|n| n.in_english())
        .collect();
    assert_eq!(
        duplicates,
        [
            "line 3: `/a.jpg` repeats line 1; it is sent once",
            "line 4: `/b.jpg` repeats line 2; it is sent once",
        ]
    );
}

#[test]
fn a_star_may_only_end_a_path() {
    assert_eq!(paths("/folder/*", NEW), ["/folder/*"]);
    let list = parse("/folder/*/a.jpg\n/b*c.jpg", NEW);
    assert!(list.paths.is_empty());
    assert_eq!(
        notices("/folder/*/a.jpg\n/b*c.jpg", NEW),
        [
            "line 1: `/folder/*/a.jpg` has a `*` before its end; `*` may only end a path, as in \
             /folder/*",
            "line 2: `/b*c.jpg` has a `*` before its end; `*` may only end a path, as in /folder/*",
        ]
    );
}

#[test]
fn relative_paths_are_refused_with_the_fix() {
    assert_eq!(
        notices("images/a.jpg", NEW),
        [
            "line 1: `images/a.jpg` does not start with /; write the whole path after the host, \
             as in /images/a.jpg"
        ]
    );
    // A list with a blank after its comma splits, and the relative item is refused.
    let list = parse("/a.jpg, b.jpg", NEW);
    assert_eq!(list.path_strings(), ["/a.jpg"]);
    assert!(list.has_rejections());
}

#[test]
fn control_characters_are_refused_by_name() {
    assert_eq!(
        notices("/a\tb.jpg\n/ok.jpg\n/c\u{7}.jpg", NEW),
        [
            "line 1: `/a<U+0009>b.jpg` holds U+0009 CHARACTER TABULATION (a tab), which cannot be \
             seen; delete it and type that part again",
            "line 3: `/c<U+0007>.jpg` holds U+0007, a control character, which cannot be seen; \
             delete it and type that part again",
        ]
    );
    assert_eq!(paths("/a\tb.jpg\n/ok.jpg", NEW), ["/ok.jpg"]);
}

#[test]
fn invisible_and_look_alike_characters_are_refused_by_name() {
    let text = "/zw\u{200B}space.jpg\n/rlo\u{202E}gpj.exe\n/nb\u{00A0}sp.jpg\n/b\u{FEFF}om.jpg\n\
                /soft\u{AD}hyphen.jpg\n/line\u{2028}sep.jpg\n/ok.jpg";
    let list = parse(text, NEW);
    assert_eq!(list.path_strings(), ["/ok.jpg"]);
    assert_eq!(
        notices(text, NEW),
        [
            "line 1: `/zw<U+200B>space.jpg` holds U+200B ZERO WIDTH SPACE, which cannot be seen; \
             delete it and type that part again",
            "line 2: `/rlo<U+202E>gpj.exe` holds U+202E RIGHT-TO-LEFT OVERRIDE, which cannot be \
             seen; delete it and type that part again",
            "line 3: `/nb<U+00A0>sp.jpg` holds U+00A0 NO-BREAK SPACE, which cannot be seen; \
             delete it and type that part again",
            "line 4: `/b<U+FEFF>om.jpg` holds U+FEFF ZERO WIDTH NO-BREAK SPACE, which cannot be \
             seen; delete it and type that part again",
            "line 5: `/soft<U+00AD>hyphen.jpg` holds U+00AD SOFT HYPHEN, which cannot be seen; \
             delete it and type that part again",
            "line 6: `/line<U+2028>sep.jpg` holds U+2028 LINE SEPARATOR, which cannot be seen; \
             delete it and type that part again",
        ]
    );
    // Not one message shows the character itself: a bidi control would reorder the text.
    assert!(
        list.notices
            .iter()
            .all(|n| !n.in_english().contains('\u{202E}'))
    );
    // Percent-encoded, it is refused all the same.
    assert_eq!(
        notices("/zw%E2%80%8Bspace.jpg", NEW),
        [
            "line 1: `/zw%E2%80%8Bspace.jpg` holds U+200B ZERO WIDTH SPACE, which cannot be seen; \
          delete it and type that part again"
        ]
    );
    // A byte-order mark opening a file is its encoding mark, not part of the first path.
    assert_eq!(
        paths("\u{FEFF}/first.jpg\n/second.jpg", NEW),
        ["/first.jpg", "/second.jpg"]
    );
    // A plain space inside a file name is a real file name.
    assert_eq!(paths("/my file.jpg", NEW), ["/my file.jpg"]);
}

#[test]
fn one_path_has_one_form_composed_and_decoded() {
    let nfc = "/caf\u{E9}.jpg";
    let nfd = "/cafe\u{301}.jpg";
    let text = format!("{nfc}\n{nfd}\n/caf%C3%A9.jpg\n/caf%c3%a9.jpg\n/cafe%CC%81.jpg");
    assert_eq!(paths(&text, NEW), [nfc]);
    assert_eq!(
        notices(&text, NEW),
        [
            "line 2: `/caf\u{E9}.jpg` written in composed form (NFC): a letter and its accent typed \
             apart are the same path as the accented letter",
            "line 2: `/caf\u{E9}.jpg` repeats line 1; it is sent once",
            "line 3: `/caf%C3%A9.jpg` sent as `/caf\u{E9}.jpg`: percent-encoded characters are sent \
             decoded, so each path has one form",
            "line 3: `/caf\u{E9}.jpg` repeats line 1; it is sent once",
            "line 4: `/caf%c3%a9.jpg` sent as `/caf\u{E9}.jpg`: percent-encoded characters are sent \
             decoded, so each path has one form",
            "line 4: `/caf\u{E9}.jpg` repeats line 1; it is sent once",
            "line 5: `/cafe%CC%81.jpg` sent as `/cafe\u{301}.jpg`: percent-encoded characters are \
             sent decoded, so each path has one form",
            "line 5: `/caf\u{E9}.jpg` written in composed form (NFC): a letter and its accent typed \
             apart are the same path as the accented letter",
            "line 5: `/caf\u{E9}.jpg` repeats line 1; it is sent once",
        ]
    );
    assert!(
        parse(nfd, NEW)
            .notices
            .iter()
            .all(|n| n.kind == NoticeKind::Normalized)
    );
    // Escapes of ASCII characters keep their meaning, and bytes that form no character stay.
    assert_eq!(
        paths("/a%20b.jpg\n/a%2Fb.jpg\n/latin1-%E9.jpg", NEW),
        ["/a%20b.jpg", "/a%2Fb.jpg", "/latin1-%E9.jpg"]
    );
    assert!(notices("/a%20b.jpg\n/latin1-%E9.jpg", NEW).is_empty());
}

#[test]
fn empty_and_dot_segments_are_refused_with_the_path_meant() {
    assert_eq!(
        notices(
            "//double/slash.jpg\n/a/../b.jpg\n/a/./b.jpg\n/a//b.jpg\n/a/%2e%2E/b.jpg\n\
             https://t.cloudimg.io//x.jpg",
            NEW
        ),
        [
            "line 1: `//double/slash.jpg` has an empty segment (`//`), which servers may read as \
             another path; did you mean /double/slash.jpg?",
            "line 2: `/a/../b.jpg` has a `.` or `..` segment, which servers may read as another \
             path; did you mean /b.jpg?",
            "line 3: `/a/./b.jpg` has a `.` or `..` segment, which servers may read as another \
             path; did you mean /a/b.jpg?",
            "line 4: `/a//b.jpg` has an empty segment (`//`), which servers may read as another \
             path; did you mean /a/b.jpg?",
            "line 5: `/a/%2e%2E/b.jpg` has a `.` or `..` segment, which servers may read as \
             another path; did you mean /b.jpg?",
            "line 6: `//x.jpg` has an empty segment (`//`), which servers may read as another \
             path; did you mean /x.jpg?",
        ]
    );
    // A folder with its slash, and dots inside names, are fine.
    assert_eq!(
        paths("/folder/\n/a/.well-known/b..c.jpg", NEW),
        ["/folder/", "/a/.well-known/b..c.jpg"]
    );
}

#[test]
fn overlong_paths_are_refused() {
    let long = format!("/{}", "a".repeat(2048));
    assert_eq!(
        notices(&long, NEW),
        ["line 1: the path is 2,049 characters long; at most 2,048 are accepted"]
    );
    let just = format!("/{}", "a".repeat(2047));
    assert_eq!(paths(&just, NEW), std::slice::from_ref(&just));
    // `/v7` counts: what is sent is at most 2,048 characters long.
    assert_eq!(
        notices(&just, OLD),
        ["line 1: the path is 2,051 characters long; at most 2,048 are accepted"]
    );
}

#[test]
fn urls_without_a_path_are_refused() {
    assert_eq!(
        notices(
            "https://token.cloudimg.io\nhttps://token.cloudimg.io/?w=1\nhttps:///a.jpg",
            NEW
        ),
        [
            "line 1: `https://token.cloudimg.io` has no path after the host",
            "line 2: `https://token.cloudimg.io/?w=1` has no path after the host",
            "line 3: `https:///a.jpg` has no host; paste a path such as /folder/image.jpg",
        ]
    );
}

#[test]
fn long_items_are_cut_in_messages() {
    let long = format!("x{}", "y".repeat(200));
    let text = notices(&long, NEW).remove(0);
    assert!(text.contains('…'), "{text}");
    assert!(text.len() < 250, "{text}");
}

#[test]
fn an_empty_list_is_empty() {
    let list = parse(" \n ,\n", NEW);
    assert!(list.paths.is_empty() && list.notices.is_empty());
}

#[test]
fn a_line_of_40_mib_is_refused_without_being_taken_apart() {
    for line in [
        "/".repeat(40 << 20),
        format!("/{}", "a/".repeat(20 << 20)),
        format!("https://h/{}?q", "%C3%A9".repeat(7 << 20)),
    ] {
        let list = parse(&line, PathRules::default());
        assert!(list.paths.is_empty());
        let refused: Vec<String> = list.rejected().map(|n| n.in_english()).collect();
        assert_eq!(refused.len(), 1);
        assert!(
            refused[0].contains("characters long; at most 2,048"),
            "{}",
            refused[0]
        );
    }
    // Escapes that decode to a path within the limit are still read.
    let list = parse(&format!("/{}", "%C3%A9".repeat(2000)), PathRules::default());
    assert_eq!(list.paths.len(), 1, "{:?}", list.notices);
}
