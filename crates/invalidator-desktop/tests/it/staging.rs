//! Lists kept for the form: named by id, the oldest let go.

use invalidator_desktop::{ListSource, Lists};

#[test]
fn kept_lists_are_named_by_id_and_the_oldest_are_let_go() {
    let lists = Lists::default();
    let first = lists.stage("/a.jpg\n/b.jpg".into(), None);
    assert_eq!((first.lines, first.bytes), (2, 13));
    let text = lists.text(&ListSource::Staged { id: first.id }).unwrap();
    assert_eq!(text.as_str(), "/a.jpg\n/b.jpg");
    for i in 0..4 {
        lists.stage(format!("/{i}.jpg"), None);
    }
    let err = lists
        .text(&ListSource::Staged { id: first.id })
        .unwrap_err();
    assert!(err.to_string().contains("paste or load it again"), "{err}");
}
