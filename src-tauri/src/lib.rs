//! The Tauri shell: plugins, state, commands and events over `invalidator_desktop`.
//! `builder` holds all the wiring, so `tauri::test::mock_builder()` tests exactly what ships.

pub mod commands;
pub mod error;
pub mod events;
pub mod state;
pub mod ui_state;
pub mod webview;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use invalidator::secrets::{Keychain, SecretStore};
use invalidator_desktop::{Desktop, DesktopConfig};
use serde_json::json;
use tauri::{Emitter, Manager, Runtime, WindowEvent};

use crate::state::{AppState, Shell};

/// How the app runs: from the environment in production, from the test in tests.
pub struct AppConfig {
    pub desktop: DesktopConfig,
    pub secrets: Arc<dyn SecretStore>,
    /// What "close the app" does; `None` exits the process. Tests (whose mock runtime cannot
    /// exit) watch it instead.
    pub exit: Option<Arc<dyn Fn() + Send + Sync>>,
    /// Keep the window's place and the log's filters in `ui-state.json`. Off in the tests of
    /// the commands: their mock runtime has no screens to ask.
    pub ui_state: bool,
}

impl AppConfig {
    /// `INVALIDATOR_DATA_DIR` and `INVALIDATOR_API_BASE` as documented; `INVALIDATOR_POLL_MS`
    /// and `INVALIDATOR_SANDBOX_STEP_MS` speed things up for tests and demos.
    pub fn from_env() -> AppConfig {
        let mut desktop = DesktopConfig::new(invalidator::data_dir::resolve(None));
        desktop.api_base_override = std::env::var("INVALIDATOR_API_BASE")
            .ok()
            .filter(|b| !b.trim().is_empty());
        if let Some(ms) = env_ms("INVALIDATOR_POLL_MS") {
            desktop.engine.poll_min = ms;
        }
        if let Some(ms) = env_ms("INVALIDATOR_SANDBOX_STEP_MS") {
            desktop.sandbox_step = ms;
        }
        AppConfig {
            desktop,
            secrets: Arc::new(Keychain::default()),
            exit: None,
            ui_state: true,
        }
    }
}

fn env_ms(name: &str) -> Option<Duration> {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .map(Duration::from_millis)
}

/// Registers plugins, state, commands and window handling.
pub fn builder<R: Runtime>(builder: tauri::Builder<R>, config: AppConfig) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_store::Builder::default().build())
        .setup(move |app| {
            setup(app, config)?;
            Ok(())
        })
        .on_page_load(webview::show_when_loading)
        .on_window_event(|window, event| {
            if matches!(event, WindowEvent::Moved(_) | WindowEvent::Resized(_)) {
                ui_state::remember(window);
            }
            if let WindowEvent::CloseRequested { api, .. } = event {
                ui_state::remember(window);
                if window
                    .state::<Shell>()
                    .close_confirmed
                    .load(Ordering::SeqCst)
                {
                    return;
                }
                // Work not yet handed to the service: ask before closing. It stays queued in
                // the journal either way. (Without a started domain there is nothing to ask.)
                if let Some(state) = window.try_state::<AppState>()
                    && let Ok(pending) = state.desktop.pending()
                    && pending.unsent > 0
                {
                    api.prevent_close();
                    let _ = window.emit(events::CLOSE_REQUESTED, pending);
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::startup_failure,
            commands::app_info,
            commands::list_projects,
            commands::reload_keys,
            commands::save_project,
            commands::remove_project,
            commands::select_project,
            commands::test_connection,
            commands::stage_list,
            commands::stage_file,
            commands::pick_list_file,
            commands::preview,
            commands::preview_notices,
            commands::submit,
            commands::retry,
            commands::refresh,
            commands::log,
            commands::request_details,
            commands::check_request,
            commands::checkable_requests,
            commands::requests,
            commands::batch_page,
            commands::request_paths,
            commands::export_log,
            commands::pending_work,
            commands::set_theme,
            commands::restore_settings,
            commands::start_settings_afresh,
            commands::close_app,
            commands::remembered_filters,
            commands::remember_filters,
            commands::remembered_language,
            commands::remember_language,
        ])
}

fn setup<R: Runtime>(
    app: &mut tauri::App<R>,
    config: AppConfig,
) -> Result<(), Box<dyn std::error::Error>> {
    let exit: Box<dyn Fn() + Send + Sync> = match config.exit {
        Some(hook) => Box::new(move || hook()),
        None => {
            let handle = app.handle().clone();
            Box::new(move || handle.exit(0))
        }
    };
    let api_base_override = config.desktop.api_base_override.clone();
    let data_dir = config.desktop.data_dir.clone();
    if config.ui_state {
        app.manage(ui_state::UiStatePath::in_data_dir(&data_dir));
    }
    ui_state::open_main_window(app, &data_dir)?;
    webview::show_at_the_latest(app.handle(), "main");
    let started = tauri::async_runtime::block_on(Desktop::start(config.desktop, config.secrets));
    let desktop = match started {
        Ok(desktop) => Arc::new(desktop),
        Err(error) => {
            // Not a crash: the window opens and says what cannot be used, and what to do.
            tracing::error!(kind = %error.kind(), error = %error, "the app cannot start");
            let problem = serde_json::to_value(error.problem()).unwrap_or_default();
            eprintln!(
                "{}",
                terminal("app-cannot-start", json!({ "problem": problem }))
            );
            let failure = match error {
                invalidator::Error::CannotStart(failure) => failure,
                other => invalidator::StartFailure::data_folder(&data_dir, other),
            };
            app.manage(Shell {
                startup_failure: Some(failure),
                close_confirmed: AtomicBool::new(false),
                exit,
            });
            return Ok(());
        }
    };
    app.manage(Shell {
        startup_failure: None,
        close_confirmed: AtomicBool::new(false),
        exit,
    });
    app.manage(AppState {
        desktop: desktop.clone(),
        api_base_override,
    });
    // The keychain may be slow or locked: read it after the window is up.
    let handle = app.handle().clone();
    let reader = desktop.clone();
    tauri::async_runtime::spawn(async move {
        if let Err(e) = reader.load_keys().await {
            tracing::warn!(error = %e, "could not read the saved projects' keys");
        }
        let _ = handle.emit(events::PROJECTS_CHANGED, ());
    });
    events::forward(app.handle().clone(), desktop);
    tracing::info!(data_dir = %data_dir.display(), "app started");
    Ok(())
}

/// One app per data folder: a second launch with the same folder shows the first one's
/// window and exits. (Without a session bus the plugin cannot tell, logs so, and the app
/// starts anyway; claims in the journal still keep two apps from sending a request twice.)
/// Registered first, as the plugin asks, and only here: the tests' mock apps run many in one
/// process.
fn one_instance<R: Runtime>(data_dir: &std::path::Path) -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(invalidator::data_dir::instance_name(data_dir))
        .callback(|app, _args, _cwd| {
            tracing::info!("launched again on this data folder: showing the window");
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        })
        .build()
}

/// A line for the terminal the app was started from, in its language (`LANG`), on one line.
fn terminal(id: &str, args: serde_json::Value) -> String {
    let said = invalidator_words::Words::from_env().text(id, &args);
    invalidator::outside::one_line(&said).into_owned()
}

/// Starts the desktop app.
pub fn run() {
    let config = AppConfig::from_env();
    let _log = match invalidator::logging::init(&config.desktop.data_dir, "app") {
        Ok(guard) => Some(guard),
        Err(e) => {
            let folder = invalidator::data_dir::logs_dir(&config.desktop.data_dir);
            let args = json!({ "folder": folder.display().to_string(), "cause": e.to_string() });
            eprintln!("{}", terminal("app-cannot-log", args));
            None
        }
    };
    // The instance is named after the data folder, which must exist to be named by its
    // canonical path; `Desktop::start` would create it a moment later anyway.
    let _ = std::fs::create_dir_all(&config.desktop.data_dir);
    tracing::info!(
        painting = webview::painting(),
        "web view painting ({} chooses)",
        webview::COMPOSITING_VARIABLE
    );
    let first = tauri::Builder::default().plugin(one_instance(&config.desktop.data_dir));
    if let Err(e) = builder(first, config).run(tauri::generate_context!()) {
        tracing::error!(error = %e, "the window could not be opened");
        eprintln!(
            "{}",
            terminal("app-no-window", json!({ "cause": e.to_string() }))
        );
        std::process::exit(1);
    }
}
