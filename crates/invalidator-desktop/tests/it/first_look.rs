//! The window's first look at the log, read before the window is made.

use invalidator::ScopeKind;
use invalidator_desktop::first_look::first_look;
use invalidator_desktop::ui_state::RememberedFilters;

#[test]
fn the_first_page_is_read_with_the_filters_the_window_last_had() {
    let dir = tempfile::tempdir().unwrap();
    let journal = crate::common::journal(dir.path());
    let one = crate::common::project("one", "https://api.cloudimage.com");
    let two = crate::common::project("two", "https://api.cloudimage.com");
    crate::common::record(&journal, &one, "/a.jpg\n/b.jpg");
    crate::common::record(&journal, &two, "/c.jpg");
    drop(journal);

    let all = first_look(dir.path(), RememberedFilters::default(), "fr".into()).unwrap();
    assert_eq!(all.page.batches.len(), 2);
    assert_eq!(all.page.batches[0].project.id, "two", "newest first");
    assert_eq!(all.language, "fr");
    assert_eq!(all.theme, "system");

    let filters = RememberedFilters {
        project_id: Some("one".into()),
        ..RememberedFilters::default()
    };
    let one_only = first_look(dir.path(), filters.clone(), "system".into()).unwrap();
    assert_eq!(one_only.filters, filters);
    assert_eq!(one_only.page.batches.len(), 1);
    assert_eq!(one_only.page.batches[0].scope, ScopeKind::Original);
    assert_eq!(one_only.page.batches[0].requests[0].paths.len(), 2);
}

#[test]
fn a_journal_that_cannot_be_read_gives_no_first_look() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        invalidator::data_dir::journal_path(dir.path()),
        "not a journal\n".repeat(300),
    )
    .unwrap();
    // The window then asks, and is told why, as it always is.
    assert!(first_look(dir.path(), RememberedFilters::default(), "system".into()).is_none());
    assert_eq!(
        std::fs::read_to_string(invalidator::data_dir::journal_path(dir.path())).unwrap(),
        "not a journal\n".repeat(300),
        "the file is left as it was"
    );
}
