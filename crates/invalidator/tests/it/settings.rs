//! `settings.json`, shared by the app and the CLI: written whole, atomically, with a last good
//! copy, keeping what a newer version wrote; read strictly. (What the window does with a
//! damaged file is in the desktop crate's `trust` tests.)

use invalidator::SavedProjects;
use invalidator::settings::SettingsFile;

#[test]
fn settings_are_written_whole_with_the_last_good_copy_and_unknown_keys_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.json");
    std::fs::write(
        &path,
        br#"{"fromANewerVersion": {"x": 1}, "theme": "dark"}"#,
    )
    .unwrap();
    SettingsFile::open(dir.path())
        .save_projects(&SavedProjects {
            projects: vec![crate::common::project("shop", "https://api.cloudimage.com")],
            selected_project: Some("shop".into()),
        })
        .unwrap();
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(written["fromANewerVersion"]["x"], 1);
    assert_eq!(written["theme"], "dark");
    assert_eq!(written["projects"][0]["id"], "shop");
    let backup: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("settings.json.bak")).unwrap())
            .unwrap();
    assert_eq!(backup["theme"], "dark");
    assert!(backup.get("projects").is_none());
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|f| f.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
    // The CLI reads the same file, and names it when it is damaged.
    assert_eq!(SavedProjects::load(dir.path()).unwrap().projects.len(), 1);
    std::fs::write(&path, b"{").unwrap();
    let err = SavedProjects::load(dir.path()).unwrap_err();
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
}
