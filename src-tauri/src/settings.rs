//! Non-secret settings in tauri-plugin-store's `settings.json`, inside the data dir shared with
//! the CLI: the projects (the CLI reads them for `--project`), the selected project, the
//! theme. Never a key.

use std::sync::Arc;

use invalidator::desktop::ProjectStore;
use invalidator::{Error, SavedProjects};
use serde_json::Value;
use tauri::Runtime;
use tauri_plugin_store::Store;

/// The four things asked of the store, so that the rest of the shell does not carry the
/// runtime type around.
pub trait KeyValueStore: Send + Sync {
    fn get(&self, key: &str) -> Option<Value>;
    fn set(&self, key: &str, value: Value);
    fn delete(&self, key: &str);
    fn save(&self) -> Result<(), String>;
}

impl<R: Runtime> KeyValueStore for Store<R> {
    fn get(&self, key: &str) -> Option<Value> {
        Store::get(self, key)
    }

    fn set(&self, key: &str, value: Value) {
        Store::set(self, key, value)
    }

    fn delete(&self, key: &str) {
        Store::delete(self, key);
    }

    fn save(&self) -> Result<(), String> {
        Store::save(self).map_err(|e| e.to_string())
    }
}

const PROJECTS: &str = "projects";
const SELECTED: &str = "selectedProject";
const THEME: &str = "theme";

/// The themes the UI offers; `system` follows the OS preference.
pub const THEMES: [&str; 3] = ["system", "light", "dark"];

pub struct Settings {
    store: Arc<dyn KeyValueStore>,
}

impl Settings {
    pub fn new(store: Arc<dyn KeyValueStore>) -> Self {
        Settings { store }
    }

    pub fn theme(&self) -> String {
        self.store
            .get(THEME)
            .and_then(|v| v.as_str().map(str::to_owned))
            .filter(|t| THEMES.contains(&t.as_str()))
            .unwrap_or_else(|| "system".to_owned())
    }

    pub fn set_theme(&self, theme: &str) -> invalidator::Result<()> {
        if !THEMES.contains(&theme) {
            return Err(Error::BadInput(format!(
                "unknown theme `{theme}`; use system, light or dark"
            )));
        }
        self.store.set(THEME, Value::String(theme.to_owned()));
        self.persist()
    }

    fn persist(&self) -> invalidator::Result<()> {
        self.store
            .save()
            .map_err(|e| Error::Io(std::io::Error::other(e)))
    }
}

impl ProjectStore for Settings {
    fn load(&self) -> invalidator::Result<SavedProjects> {
        let projects = self
            .store
            .get(PROJECTS)
            .map(serde_json::from_value)
            .transpose()
            .map_err(|e| Error::BadInput(format!("the saved projects cannot be read: {e}")))?
            .unwrap_or_default();
        let selected_project = self
            .store
            .get(SELECTED)
            .and_then(|v| v.as_str().map(str::to_owned));
        Ok(SavedProjects {
            projects,
            selected_project,
        })
    }

    fn save(&self, saved: &SavedProjects) -> invalidator::Result<()> {
        let projects = serde_json::to_value(&saved.projects).map_err(std::io::Error::other)?;
        self.store.set(PROJECTS, projects);
        match &saved.selected_project {
            Some(id) => self.store.set(SELECTED, Value::String(id.clone())),
            None => {
                self.store.delete(SELECTED);
            }
        }
        self.persist()
    }
}
