//! `settings.json`, the non-secret settings shared by the app and the CLI: the saved projects,
//! the selected project, the theme, and any key a later version adds (kept as it is).
//!
//! Never silently lost:
//! - a file that cannot be read is reported with its path, and left byte for byte as it is:
//!   nothing is written to it until the user chooses to restore the last good copy or to set
//!   the damaged file aside;
//! - every write goes to a temporary file that is synced, then renamed over the old one, so a
//!   crash leaves the old file or the new one, never half of either;
//! - before each write, the current file (which was read fine) becomes `settings.json.bak`,
//!   the last good copy.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::{Map, Value};

use crate::project::SavedProjects;
use crate::{Error, Problem, Result};

/// The settings file's name inside the data dir.
pub const SETTINGS_FILE: &str = "settings.json";

impl SavedProjects {
    /// Reads `settings.json` from the data dir. A missing file means no saved project; a
    /// damaged one is an error that names it (and is left as it is).
    pub fn load(data_dir: &Path) -> Result<SavedProjects> {
        read_projects(data_dir)
    }
}

/// The themes the app offers; `system` follows the OS preference.
pub const THEMES: [&str; 3] = ["system", "light", "dark"];

const PROJECTS: &str = "projects";
const SELECTED: &str = "selectedProject";
const THEME: &str = "theme";

/// Why the settings file cannot be used, for the banner that asks what to do.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingsProblem {
    pub path: PathBuf,
    pub cause: String,
    /// A last good copy exists and reads fine.
    pub can_restore: bool,
}

impl From<SettingsProblem> for Error {
    fn from(problem: SettingsProblem) -> Error {
        Error::SettingsDamaged(Problem::SettingsDamaged {
            path: problem.path.display().to_string(),
            cause: problem.cause,
        })
    }
}

/// The settings file of a data dir.
pub struct SettingsFile {
    path: PathBuf,
    state: Mutex<State>,
}

enum State {
    Read(Map<String, Value>),
    Damaged(SettingsProblem),
}

impl SettingsFile {
    /// Reads `settings.json` in `data_dir`. A missing file is empty settings; a damaged one
    /// is reported by [`SettingsFile::problem`] and left alone.
    pub fn open(data_dir: &Path) -> SettingsFile {
        let path = data_dir.join(SETTINGS_FILE);
        let state = read_state(&path);
        if let State::Damaged(problem) = &state {
            tracing::error!(path = %path.display(), cause = %problem.cause, "settings file unreadable");
        }
        SettingsFile {
            path,
            state: Mutex::new(state),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why the file cannot be used, if it cannot.
    pub fn problem(&self) -> Option<SettingsProblem> {
        match &*self.state.lock().unwrap() {
            State::Damaged(problem) => Some(problem.clone()),
            State::Read(_) => None,
        }
    }

    /// The saved projects; none while the file is damaged.
    pub fn projects(&self) -> Result<SavedProjects> {
        match &*self.state.lock().unwrap() {
            State::Read(map) => saved_projects(map, &self.path),
            State::Damaged(_) => Ok(SavedProjects::default()),
        }
    }

    pub fn save_projects(&self, saved: &SavedProjects) -> Result<()> {
        let projects = serde_json::to_value(&saved.projects).map_err(std::io::Error::other)?;
        self.update(|map| {
            map.insert(PROJECTS.into(), projects);
            match &saved.selected_project {
                Some(id) => map.insert(SELECTED.into(), Value::String(id.clone())),
                None => map.remove(SELECTED),
            };
        })
    }

    /// The chosen theme; `system` when none is (or the file is damaged).
    pub fn theme(&self) -> String {
        match &*self.state.lock().unwrap() {
            State::Read(map) => map
                .get(THEME)
                .and_then(Value::as_str)
                .filter(|t| THEMES.contains(t))
                .unwrap_or("system")
                .to_owned(),
            State::Damaged(_) => "system".to_owned(),
        }
    }

    pub fn set_theme(&self, theme: &str) -> Result<()> {
        if !THEMES.contains(&theme) {
            return Err(Error::BadInput(Problem::UnknownTheme {
                theme: theme.to_owned(),
            }));
        }
        self.update(|map| {
            map.insert(THEME.into(), Value::String(theme.to_owned()));
        })
    }

    /// The user's choice for a damaged file: the last good copy becomes the settings again.
    /// The damaged file is kept beside it.
    pub fn restore_last_good(&self) -> Result<()> {
        let mut state = self.state.lock().unwrap();
        let backup = backup_path(&self.path);
        let good = std::fs::read(&backup)?;
        parse(&good).map_err(|cause| {
            Error::BadInput(Problem::BackupUnreadable {
                path: backup.display().to_string(),
                cause: cause.to_string(),
            })
        })?;
        set_aside(&self.path)?;
        write_atomically(&self.path, &good)?;
        *state = read_state(&self.path);
        Ok(())
    }

    /// The user's choice for a damaged file: start with empty settings. The damaged file is
    /// kept beside, under a name that says what it is; returns that name.
    pub fn start_afresh(&self) -> Result<PathBuf> {
        let mut state = self.state.lock().unwrap();
        let kept = set_aside(&self.path)?;
        *state = State::Read(Map::new());
        Ok(kept)
    }

    /// Changes the settings and writes them, atomically, keeping the last good copy.
    fn update(&self, change: impl FnOnce(&mut Map<String, Value>)) -> Result<()> {
        let mut state = self.state.lock().unwrap();
        let map = match &mut *state {
            State::Read(map) => map,
            State::Damaged(problem) => {
                return Err(problem.clone().into());
            }
        };
        let mut next = map.clone();
        change(&mut next);
        let text = serde_json::to_vec_pretty(&Value::Object(next.clone()))
            .map_err(std::io::Error::other)?;
        let unwritable = |e: std::io::Error| Error::SettingsUnwritable {
            path: self.path.display().to_string(),
            cause: e.to_string(),
        };
        if self.path.exists() {
            let current = std::fs::read(&self.path).map_err(unwritable)?;
            // Only a file that still reads fine becomes the last good copy.
            if parse(&current).is_ok() {
                write_atomically(&backup_path(&self.path), &current).map_err(unwritable)?;
            }
        }
        write_atomically(&self.path, &text).map_err(unwritable)?;
        *map = next;
        Ok(())
    }
}

/// Reads the saved projects of `data_dir` for the CLI: a damaged file is an error naming it.
pub fn read_projects(data_dir: &Path) -> Result<SavedProjects> {
    let settings = SettingsFile::open(data_dir);
    match settings.problem() {
        Some(problem) => Err(problem.into()),
        None => settings.projects(),
    }
}

fn read_state(path: &Path) -> State {
    match std::fs::read(path) {
        Ok(bytes) => match parse(&bytes) {
            Ok(map) => match saved_projects(&map, path) {
                Ok(_) => State::Read(map),
                Err(e) => damaged(path, e.to_string()),
            },
            Err(cause) => damaged(path, cause),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => State::Read(Map::new()),
        Err(e) => damaged(path, e.to_string()),
    }
}

fn damaged(path: &Path, cause: String) -> State {
    let can_restore = std::fs::read(backup_path(path))
        .ok()
        .is_some_and(|bytes| parse(&bytes).is_ok());
    State::Damaged(SettingsProblem {
        path: path.to_owned(),
        cause,
        can_restore,
    })
}

fn parse(bytes: &[u8]) -> std::result::Result<Map<String, Value>, String> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err("it holds JSON, but not an object of settings".into()),
        Err(e) => Err(format!("not valid JSON: {e}")),
    }
}

fn saved_projects(map: &Map<String, Value>, path: &Path) -> Result<SavedProjects> {
    let projects = match map.get(PROJECTS) {
        Some(value) => serde_json::from_value(value.clone()).map_err(|e| {
            Error::SettingsDamaged(Problem::SettingsDamaged {
                path: path.display().to_string(),
                cause: e.to_string(),
            })
        })?,
        None => Vec::new(),
    };
    let selected_project = map.get(SELECTED).and_then(Value::as_str).map(str::to_owned);
    Ok(SavedProjects {
        projects,
        selected_project,
    })
}

fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// Renames a damaged file to `settings.json.damaged-<time>`; returns the new name.
fn set_aside(path: &Path) -> Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".damaged-{stamp}"));
    let kept = PathBuf::from(name);
    if path.exists() {
        std::fs::rename(path, &kept)?;
        tracing::warn!(kept = %kept.display(), "damaged settings file set aside");
    }
    Ok(kept)
}

/// Writes `bytes` to a temporary file beside `path`, syncs it, and renames it over `path`:
/// readers see the old content or the new, never a mix.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut temp_name = path.as_os_str().to_owned();
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp = PathBuf::from(temp_name);
    let written = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written?;
    // The rename itself is durable once the folder is synced (where the OS allows opening it).
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}
