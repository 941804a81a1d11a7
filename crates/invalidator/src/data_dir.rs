//! Where the journal, settings, logs and the sandbox's jobs live. The desktop app and the CLI
//! resolve it the same way, so they share one journal.

use std::path::PathBuf;

/// The app's identifier: the data dir's name and the keychain service name.
pub const APP_IDENTIFIER: &str = "io.invalidator.desktop";

/// Overrides the data dir for the app and the CLI (tests use it to stay isolated).
pub const DATA_DIR_ENV: &str = "INVALIDATOR_DATA_DIR";

/// The platform's app data dir: `~/.local/share/io.invalidator.desktop` on Linux,
/// `~/Library/Application Support/io.invalidator.desktop` on macOS,
/// `%APPDATA%\io.invalidator.desktop` on Windows. The same folder Tauri's `app_data_dir` gives.
pub fn default_data_dir() -> PathBuf {
    dirs::data_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join(".local/share")))
        .unwrap_or_else(std::env::temp_dir)
        .join(APP_IDENTIFIER)
}

/// `explicit` (a flag), else `INVALIDATOR_DATA_DIR`, else the platform default.
pub fn resolve(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| {
            std::env::var_os(DATA_DIR_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(default_data_dir)
}

/// The journal's file inside a data dir.
pub fn journal_path(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("journal.sqlite3")
}

/// The log folder inside a data dir.
pub fn logs_dir(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("logs")
}

/// The name the one running app of a data folder holds (a D-Bus name on Linux): a second
/// launch with the same folder finds the first by it and hands over; another folder is
/// another name, so apps on different folders (tests do that) run side by side. The folder is
/// named by its canonical path, so `~/x` and `~/x/` or a link to it are one folder.
pub fn instance_name(data_dir: &std::path::Path) -> String {
    use sha2::{Digest, Sha256};
    let folder = std::fs::canonicalize(data_dir)
        .or_else(|_| std::path::absolute(data_dir))
        .unwrap_or_else(|_| data_dir.to_owned());
    let digest = Sha256::digest(folder.as_os_str().as_encoded_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    // A D-Bus name element may not start with a digit.
    format!("{APP_IDENTIFIER}.d{hex}")
}

#[cfg(test)]
mod tests {
    use super::instance_name;

    #[test]
    #[cfg(unix)]
    fn one_folder_one_name_however_it_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        std::fs::create_dir(&a).unwrap();
        std::os::unix::fs::symlink(&a, dir.path().join("link")).unwrap();
        let name = instance_name(&a);
        assert_eq!(instance_name(&dir.path().join("a/")), name);
        assert_eq!(instance_name(&dir.path().join("link")), name);
        assert_eq!(instance_name(&dir.path().join("a/../a")), name);
        assert_ne!(instance_name(dir.path()), name);
        // What D-Bus takes as a well-known name: elements of [A-Za-z0-9_-], none starting
        // with a digit, at most 255 characters.
        assert!(name.len() <= 255);
        for element in name.split('.') {
            assert!(!element.is_empty() && !element.starts_with(|c: char| c.is_ascii_digit()));
            assert!(
                element
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            );
        }
    }
}
