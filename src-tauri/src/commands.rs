//! The commands the UI invokes. Each parses its arguments, calls the domain, and maps the
//! error; anything longer belongs in `invalidator::desktop`.

use invalidator::ScopeKind;
use invalidator::desktop::{ConnectionTest, ProjectDraft, ProjectList, ProjectView, Submitted};
use invalidator::journal::{LogFilter, LogPage, Pending, RequestView};
use invalidator::submission::Plan;
use serde::Serialize;
use tauri::State;

use crate::error::Result;
use crate::state::AppState;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: &'static str,
    pub data_dir: String,
    pub sandbox_url: String,
    pub api_base_override: Option<String>,
    pub theme: String,
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: state.desktop.data_dir().display().to_string(),
        sandbox_url: state.desktop.sandbox_url(),
        api_base_override: state.api_base_override.clone(),
        theme: state.settings.theme(),
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
    key: Option<String>,
    api_base: Option<String>,
) -> Result<ConnectionTest> {
    Ok(state
        .desktop
        .test_connection(project_id.as_deref(), key, api_base)
        .await?)
}

#[tauri::command]
pub async fn preview(
    state: State<'_, AppState>,
    project_id: String,
    scope: ScopeKind,
    text: String,
) -> Result<Plan> {
    Ok(state.desktop.preview(&project_id, scope, &text)?)
}

#[tauri::command]
pub async fn submit(
    state: State<'_, AppState>,
    project_id: String,
    scope: ScopeKind,
    text: String,
    confirmation: Option<String>,
) -> Result<Submitted> {
    Ok(state
        .desktop
        .submit(&project_id, scope, &text, confirmation.as_deref())
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
    Ok(state.desktop.log(&filter)?)
}

#[tauri::command]
pub async fn request_details(state: State<'_, AppState>, id: i64) -> Result<RequestView> {
    Ok(state.desktop.request(id)?)
}

#[tauri::command]
pub async fn pending_work(state: State<'_, AppState>) -> Result<Pending> {
    Ok(state.desktop.pending()?)
}

#[tauri::command]
pub async fn set_theme(state: State<'_, AppState>, theme: String) -> Result<()> {
    Ok(state.settings.set_theme(&theme)?)
}

/// The user confirmed closing with work still queued: stop the engine (what is on the wire
/// is recorded first, for up to a few seconds) and exit. The queue stays in the journal.
#[tauri::command]
pub async fn close_app(state: State<'_, AppState>) -> Result<()> {
    state
        .close_confirmed
        .store(true, std::sync::atomic::Ordering::SeqCst);
    let _ = tokio::time::timeout(std::time::Duration::from_secs(3), state.desktop.shutdown()).await;
    (state.exit)();
    Ok(())
}
