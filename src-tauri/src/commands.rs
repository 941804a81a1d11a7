//! The commands the UI invokes. Each parses its arguments, calls the domain, and maps the
//! error; anything longer belongs in `invalidator_desktop`.

use cloudimage::ApiKey;
use invalidator::export::Format;
use invalidator::journal::{LogFilter, LogPage, PathPage, Pending, RequestView};
use invalidator::paths::{Notice, NoticeKind};
use invalidator::submission::PlanSummary;
use invalidator::{Problem, ScopeKind, StartFailure};
use invalidator_desktop::staging::{ListSource, Staged};
use invalidator_desktop::ui_state::RememberedFilters;
use invalidator_desktop::{ConnectionTest, ProjectDraft, ProjectList, ProjectView, Submitted};
use std::path::PathBuf;

use serde::Serialize;
use serde_json::Value;
use tauri::State;

use crate::error::Result;
use crate::state::{AppState, Shell};

#[derive(Debug, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: &'static str,
    pub data_dir: String,
    pub sandbox_url: String,
    pub api_base_override: Option<String>,
    pub theme: String,
    /// The language the OS asks for (`LC_ALL`, `LC_MESSAGES`, `LANG`), among those with a
    /// catalogue: what "System language" speaks. The web view's `navigator.language` does
    /// not follow these everywhere.
    pub system_language: &'static str,
}

/// Why the app could not start, if it could not: the window then shows only that.
#[tauri::command]
pub async fn startup_failure(shell: State<'_, Shell>) -> Result<Option<StartFailure>> {
    Ok(shell.startup_failure.clone())
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: state.desktop.data_dir().display().to_string(),
        sandbox_url: state.desktop.sandbox_url(),
        api_base_override: state.api_base_override.clone(),
        theme: state.desktop.theme(),
        system_language: invalidator_words::from_environment(|name| std::env::var(name).ok()),
    })
}

#[tauri::command]
pub async fn list_projects(state: State<'_, AppState>) -> Result<ProjectList> {
    Ok(state.desktop.projects()?)
}

/// Reads the keychain again (after the user unlocked it).
#[tauri::command]
pub async fn reload_keys(state: State<'_, AppState>) -> Result<ProjectList> {
    state.desktop.load_keys().await?;
    Ok(state.desktop.projects()?)
}

#[tauri::command]
pub async fn save_project(state: State<'_, AppState>, draft: ProjectDraft) -> Result<ProjectView> {
    Ok(state.desktop.save_project(draft).await?)
}

#[tauri::command]
pub async fn remove_project(state: State<'_, AppState>, id: String) -> Result<()> {
    Ok(state.desktop.remove_project(&id).await?)
}

#[tauri::command]
pub async fn select_project(state: State<'_, AppState>, id: String) -> Result<()> {
    Ok(state.desktop.select_project(&id)?)
}

#[tauri::command]
pub async fn test_connection(
    state: State<'_, AppState>,
    project_id: Option<String>,
    key: Option<ApiKey>,
    api_base: Option<String>,
) -> Result<ConnectionTest> {
    Ok(state
        .desktop
        .test_connection(project_id.as_deref(), key, api_base)
        .await?)
}

/// Keeps a list pasted in bulk; the form names it by the id from then on.
#[tauri::command]
pub async fn stage_list(state: State<'_, AppState>, text: String) -> Result<Staged> {
    Ok(state.desktop.stage_list(text))
}

/// Reads a list file dropped on the form and keeps it.
#[tauri::command]
pub async fn stage_file(state: State<'_, AppState>, path: PathBuf) -> Result<Staged> {
    Ok(state.desktop.stage_file(path).await?)
}

/// "Load from file…": the system's file dialog, then as [`stage_file`]. `None`: cancelled.
#[tauri::command]
pub async fn pick_list_file<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<Option<Staged>> {
    use tauri_plugin_dialog::DialogExt;
    let words = crate::ui_state::words(&app);
    let (chosen, picked) = tokio::sync::oneshot::channel();
    app.dialog()
        .file()
        .set_title(words.text("dialog-load-list", &Value::Null))
        .add_filter(
            words.attribute("dialog-load-list", "filter", &Value::Null),
            &["txt", "csv"],
        )
        .pick_file(move |file| {
            let _ = chosen.send(file);
        });
    let Some(file) = picked.await.ok().flatten() else {
        return Ok(None);
    };
    let path = file.into_path().map_err(|e| {
        invalidator::Error::BadInput(Problem::FileOutOfReach {
            cause: e.to_string(),
        })
    })?;
    Ok(Some(state.desktop.stage_file(path).await?))
}

#[tauri::command]
pub async fn preview(
    state: State<'_, AppState>,
    project_id: String,
    scope: ScopeKind,
    source: ListSource,
) -> Result<PlanSummary> {
    Ok(state.desktop.preview(&project_id, scope, &source).await?)
}

/// More notices of one kind from a preview: the form's "see all".
#[tauri::command]
pub async fn preview_notices(
    state: State<'_, AppState>,
    preview_id: u64,
    kind: NoticeKind,
    offset: usize,
    limit: usize,
) -> Result<Vec<Notice>> {
    Ok(state
        .desktop
        .preview_notices(preview_id, kind, offset, limit)?)
}

#[tauri::command]
pub async fn submit(
    state: State<'_, AppState>,
    project_id: String,
    scope: ScopeKind,
    source: ListSource,
    confirmation: Option<String>,
) -> Result<Submitted> {
    Ok(state
        .desktop
        .submit(&project_id, scope, &source, confirmation.as_deref())
        .await?)
}

#[tauri::command]
pub async fn retry(state: State<'_, AppState>, id: i64) -> Result<Submitted> {
    Ok(state.desktop.retry(id).await?)
}

/// Polls now: every open invalidation, or `ids`.
#[tauri::command]
pub async fn refresh(state: State<'_, AppState>, ids: Option<Vec<i64>>) -> Result<usize> {
    Ok(state.desktop.refresh(ids).await?)
}

#[tauri::command]
pub async fn log(state: State<'_, AppState>, filter: LogFilter) -> Result<LogPage> {
    Ok(state.desktop.log(&filter).await?)
}

#[tauri::command]
pub async fn request_details(state: State<'_, AppState>, id: i64) -> Result<RequestView> {
    Ok(state.desktop.request(id).await?)
}

/// Check now: asks each path's delivery URL, records the answers, and returns the request
/// with them.
#[tauri::command]
pub async fn check_request(state: State<'_, AppState>, id: i64) -> Result<RequestView> {
    state.desktop.check_request(id).await?;
    Ok(state.desktop.request(id).await?)
}

/// The requests of a batch whose files can be checked now (the window checks them in turn).
#[tauri::command]
pub async fn checkable_requests(state: State<'_, AppState>, batch_id: i64) -> Result<Vec<i64>> {
    Ok(state.desktop.checkable_requests(batch_id).await?)
}

/// The requests `ids` as they are now: what the window reads again when they changed.
#[tauri::command]
pub async fn requests(state: State<'_, AppState>, ids: Vec<i64>) -> Result<Vec<RequestView>> {
    Ok(state.desktop.requests(&ids).await?)
}

/// More of a big batch's requests (those matching the log's filter), failures first.
#[tauri::command]
pub async fn batch_page(
    state: State<'_, AppState>,
    batch_id: i64,
    filter: LogFilter,
    offset: usize,
    limit: usize,
) -> Result<Vec<RequestView>> {
    Ok(state
        .desktop
        .batch_page(batch_id, &filter, offset, limit)
        .await?)
}

/// What "Export…" saved.
#[derive(Debug, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    pub path: String,
    pub batches: usize,
    pub requests: usize,
}

/// "Export…": the system's save dialog, then the log matching `filter` written there as CSV
/// or JSON. `None`: cancelled.
#[tauri::command]
pub async fn export_log<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    filter: LogFilter,
    format: Format,
) -> Result<Option<Exported>> {
    use tauri_plugin_dialog::DialogExt;
    let name = format!(
        "invalidator-log-{}.{}",
        chrono::Local::now().format("%Y-%m-%d"),
        format.extension()
    );
    let (chosen, picked) = tokio::sync::oneshot::channel();
    let words = crate::ui_state::words(&app);
    let mut dialog = app
        .dialog()
        .file()
        .set_title(words.text("dialog-export-log", &Value::Null))
        .set_file_name(&name)
        .add_filter(format.extension().to_uppercase(), &[format.extension()]);
    if let Some(home) = dirs::home_dir() {
        dialog = dialog.set_directory(home);
    }
    dialog.save_file(move |file| {
        let _ = chosen.send(file);
    });
    let Some(file) = picked.await.ok().flatten() else {
        return Ok(None);
    };
    let path = file.into_path().map_err(|e| {
        invalidator::Error::BadInput(Problem::ExportOutOfReach {
            cause: e.to_string(),
        })
    })?;
    let written = state
        .desktop
        .export_log(&filter, format, path.clone())
        .await?;
    Ok(Some(Exported {
        path: path.display().to_string(),
        batches: written.batches,
        requests: written.requests,
    }))
}

/// A page of a request's paths, all or only the failed ones.
#[tauri::command]
pub async fn request_paths(
    state: State<'_, AppState>,
    id: i64,
    failed_only: bool,
    offset: usize,
    limit: usize,
) -> Result<PathPage> {
    Ok(state
        .desktop
        .request_paths(id, failed_only, offset, limit)
        .await?)
}

#[tauri::command]
pub async fn pending_work(state: State<'_, AppState>) -> Result<Pending> {
    Ok(state.desktop.pending()?)
}

#[tauri::command]
pub async fn set_theme(state: State<'_, AppState>, theme: String) -> Result<()> {
    Ok(state.desktop.set_theme(&theme)?)
}

/// A damaged settings file: the user chose its last good copy.
#[tauri::command]
pub async fn restore_settings(state: State<'_, AppState>) -> Result<ProjectList> {
    state.desktop.restore_settings().await?;
    Ok(state.desktop.projects()?)
}

/// A damaged settings file: the user chose empty settings (the damaged file is kept beside).
#[tauri::command]
pub async fn start_settings_afresh(state: State<'_, AppState>) -> Result<ProjectList> {
    state.desktop.start_settings_afresh()?;
    Ok(state.desktop.projects()?)
}

/// The user confirmed closing (with work still queued, or from the start-up failure screen):
/// stop the engine (what is on the wire is recorded first, for up to a few seconds) and exit.
/// The queue stays in the journal.
#[tauri::command]
pub async fn close_app<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    shell: State<'_, Shell>,
) -> Result<()> {
    use tauri::Manager;
    shell
        .close_confirmed
        .store(true, std::sync::atomic::Ordering::SeqCst);
    if let Some(state) = app.try_state::<AppState>() {
        let _ =
            tokio::time::timeout(std::time::Duration::from_secs(3), state.desktop.shutdown()).await;
    }
    (shell.exit)();
    Ok(())
}

/// The log's filters as the window last had them (kept in `ui-state.json`).
#[tauri::command]
pub fn remembered_filters<R: tauri::Runtime>(app: tauri::AppHandle<R>) -> RememberedFilters {
    crate::ui_state::filters(&app)
}

#[tauri::command]
pub fn remember_filters<R: tauri::Runtime>(app: tauri::AppHandle<R>, filters: RememberedFilters) {
    crate::ui_state::remember_filters(&app, &filters);
}

/// The language the window was told to speak (`system`: the OS's), kept in `ui-state.json`.
#[tauri::command]
pub fn remembered_language<R: tauri::Runtime>(app: tauri::AppHandle<R>) -> String {
    crate::ui_state::language(&app)
}

#[tauri::command]
pub fn remember_language<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    language: String,
) -> Result<()> {
    Ok(crate::ui_state::remember_language(&app, &language)?)
}
