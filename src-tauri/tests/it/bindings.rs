//! The UI's TypeScript types are generated from the Rust types the commands take and return
//! (ts-rs), into `ui/src/lib/bindings/`. This test fails when they drift apart; to bring them
//! up to date, run it with `INVALIDATOR_WRITE_BINDINGS=1`:
//!
//! ```sh
//! INVALIDATOR_WRITE_BINDINGS=1 cargo test -p invalidator-app --test it bindings
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use invalidator::cdn_check::Check;
use invalidator::export::Format;
use invalidator::journal::{LogFilter, LogPage, PathPage, Pending, RequestView};
use invalidator::paths::Notice;
use invalidator::submission::PlanSummary;
use invalidator::vocabulary::{Vocabulary, vocabulary};
use invalidator::{ScopeKind, StartFailure};
use invalidator_app::commands::{AppInfo, Exported};
use invalidator_app::error::ErrorPayload;
use invalidator_app::events::JournalChanged;
use invalidator_desktop::staging::{ListSource, Staged};
use invalidator_desktop::ui_state::RememberedFilters;
use invalidator_desktop::{
    BatchEnded, ConnectionTest, ProjectDraft, ProjectList, ProjectView, Submitted,
};
use ts_rs::{Config, TS};

/// Writes every type the UI sees, and those they use, into `dir`.
fn generate(dir: &Path) {
    // Ids and counts are far below 2^53: plain numbers, as `JSON.parse` gives them.
    let config = Config::new().with_large_int("number").with_out_dir(dir);
    let exports = [
        AppInfo::export_all(&config),
        Exported::export_all(&config),
        JournalChanged::export_all(&config),
        ErrorPayload::export_all(&config),
        StartFailure::export_all(&config),
        ProjectList::export_all(&config),
        ProjectView::export_all(&config),
        ProjectDraft::export_all(&config),
        ConnectionTest::export_all(&config),
        Staged::export_all(&config),
        ListSource::export_all(&config),
        PlanSummary::export_all(&config),
        Notice::export_all(&config),
        Submitted::export_all(&config),
        LogPage::export_all(&config),
        LogFilter::export_all(&config),
        RequestView::export_all(&config),
        PathPage::export_all(&config),
        Pending::export_all(&config),
        Check::export_all(&config),
        Format::export_all(&config),
        ScopeKind::export_all(&config),
        Vocabulary::export_all(&config),
        RememberedFilters::export_all(&config),
        BatchEnded::export_all(&config),
        invalidator_desktop::first_look::FirstLook::export_all(&config),
        invalidator::engine::Holdup::export_all(&config),
        // The messages the journal keeps, read back as a `Said`: their ids and arguments.
        invalidator::journal::HistoryText::export_all(&config),
        invalidator::cdn_check::VerdictReason::export_all(&config),
        invalidator::Recorded::export_all(&config),
    ];
    for exported in exports {
        exported.expect("the bindings are written");
    }
    // The values too, not only their type: one definition, in Rust.
    let values = serde_json::to_string_pretty(&vocabulary()).unwrap();
    std::fs::write(
        dir.join("vocabularyValues.ts"),
        format!(
            "// Generated from `invalidator::vocabulary` by src-tauri/tests/it/bindings.rs: do not \
             edit.\nimport type {{ Vocabulary }} from './Vocabulary';\n\nexport const VOCABULARY: \
             Vocabulary = {values};\n"
        ),
    )
    .unwrap();
}

/// `*.ts` files of `dir` by name.
fn files(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
                .map(|e| {
                    let text = std::fs::read_to_string(e.path()).unwrap();
                    (e.file_name().to_string_lossy().into_owned(), text)
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_ui_types_are_those_of_the_rust_types() {
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings");
    let fresh = tempfile::tempdir().unwrap();
    generate(fresh.path());
    let generated = files(fresh.path());
    assert!(
        generated.contains_key("RequestView.ts"),
        "{:?}",
        generated.keys()
    );
    if std::env::var_os("INVALIDATOR_WRITE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        std::fs::create_dir_all(&committed).unwrap();
        for (name, text) in &generated {
            std::fs::write(committed.join(name), text).unwrap();
        }
        return;
    }
    let on_disk = files(&committed);
    let drifted: Vec<&String> = generated
        .keys()
        .chain(on_disk.keys())
        .filter(|name| generated.get(*name) != on_disk.get(*name))
        .collect();
    assert!(
        drifted.is_empty(),
        "ui/src/lib/bindings differs from the Rust types in {drifted:?}; regenerate with \
         INVALIDATOR_WRITE_BINDINGS=1 cargo test -p invalidator-app --test it bindings"
    );
}
