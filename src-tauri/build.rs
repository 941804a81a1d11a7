// The app's own commands are listed here so that the capability file can allow exactly them.
const COMMANDS: &[&str] = &[
    "startup_failure",
    "app_info",
    "list_projects",
    "reload_keys",
    "save_project",
    "remove_project",
    "select_project",
    "test_connection",
    "stage_list",
    "stage_file",
    "pick_list_file",
    "preview",
    "preview_notices",
    "submit",
    "retry",
    "refresh",
    "log",
    "request_details",
    "check_request",
    "checkable_requests",
    "requests",
    "batch_page",
    "request_paths",
    "export_log",
    "pending_work",
    "set_theme",
    "restore_settings",
    "start_settings_afresh",
    "close_app",
    "remembered_filters",
    "remember_filters",
    "remembered_language",
    "remember_language",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
