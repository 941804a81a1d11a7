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
