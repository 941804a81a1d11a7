//! The window's place and the log's filters, kept with tauri-plugin-store in the data folder's
//! `ui-state.json` (the rules are `invalidator_desktop::ui_state`). The plugin reads a torn or
//! foreign file as empty: defaults, no error; `settings.json` is another file, never touched.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use invalidator_desktop::ui_state::{
    Placement, RememberedFilters, Screen, UI_STATE_FILE, layout_key, place,
};
use tauri::{Manager, Monitor, Runtime, Window};
use tauri_plugin_store::{Store, StoreExt};

/// Placements by set of screens (`layout_key`).
const PLACEMENTS: &str = "placements";
const FILTERS: &str = "logFilters";
/// `system` (the OS's language, as the web view reports it) or a catalogue's tag.
const LANGUAGE: &str = "language";

/// Where the store lives; managed at setup.
pub struct UiStatePath(pub PathBuf);

impl UiStatePath {
    pub fn in_data_dir(data_dir: &std::path::Path) -> UiStatePath {
        UiStatePath(data_dir.join(UI_STATE_FILE))
    }
}

/// The store, opened at its first use (written a moment after each change, and at exit).
fn store<R: Runtime>(app: &impl Manager<R>) -> Option<Arc<Store<R>>> {
    let path = app.try_state::<UiStatePath>()?.0.clone();
    match app
        .store_builder(path)
        .auto_save(Duration::from_millis(500))
        .build()
    {
        Ok(store) => Some(store),
        Err(e) => {
            tracing::warn!(error = %e, "the window's state cannot be kept");
            None
        }
    }
}

fn screens(monitors: &[Monitor]) -> Vec<Screen> {
    monitors
        .iter()
        .map(|m| Screen {
            x: m.position().x,
            y: m.position().y,
            width: m.size().width,
            height: m.size().height,
        })
        .collect()
}

/// Opens the main window where it was on these screens (back on one if it no longer is), or
/// as `tauri.conf.json` says the first time. Placed as it is made, so it never jumps.
pub fn open_main_window<R: Runtime>(
    app: &tauri::App<R>,
    data_dir: &std::path::Path,
) -> tauri::Result<()> {
    let Some(config) = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
    else {
        return Ok(());
    };
    if app.get_webview_window("main").is_some() {
        return Ok(());
    }
    // Hidden until its page starts loading (`webview::show_when_loading`).
    let mut window = tauri::WebviewWindowBuilder::from_config(app, &config)?.visible(false);
    if let Some(script) = first_look_script(app, data_dir) {
        window = window.initialization_script(&script);
    }
    if app.try_state::<UiStatePath>().is_none() {
        window.build()?;
        return Ok(());
    }
    let monitors = app.available_monitors().unwrap_or_default();
    let screens = screens(&monitors);
    let saved = store(app)
        .and_then(|store| store.get(PLACEMENTS))
        .and_then(|all| all.get(layout_key(&screens)).cloned())
        .and_then(|v| serde_json::from_value::<Placement>(v).ok());
    if let Some(saved) = saved {
        let placement = place(saved, &screens);
        // The builder takes logical units: those of the screen the window goes on.
        let scale = monitors
            .iter()
            .find(|m| {
                let (p, size) = (m.position(), m.size());
                (p.x..p.x + size.width as i32).contains(&placement.x)
                    && (p.y..p.y + size.height as i32).contains(&placement.y)
            })
            .map_or(1.0, Monitor::scale_factor);
        window = window
            .position(
                f64::from(placement.x) / scale,
                f64::from(placement.y) / scale,
            )
            .inner_size(
                f64::from(placement.width) / scale,
                f64::from(placement.height) / scale,
            )
            .maximized(placement.maximized);
    }
    window.build()?;
    Ok(())
}

/// The page's first look at the log, as a script run before the page's own
/// (`window.__INVALIDATOR_FIRST_LOOK__`; see `invalidator_desktop::first_look`). The JSON is
/// handed over as a string literal and parsed: data, never code.
fn first_look_script<R: Runtime>(
    app: &impl Manager<R>,
    data_dir: &std::path::Path,
) -> Option<String> {
    let look = invalidator_desktop::first_look::first_look(data_dir, filters(app), language(app))?;
    let json = serde_json::to_string(&look).ok()?;
    let literal = serde_json::to_string(&json).ok()?;
    Some(format!(
        "window.__INVALIDATOR_FIRST_LOOK__ = JSON.parse({literal});"
    ))
}

/// Keeps where the window is now (moved, resized, closing); a minimised one is not anywhere.
pub fn remember<R: Runtime>(window: &Window<R>) {
    // Minimised or not shown yet: its place is not one to come back to.
    if window.try_state::<UiStatePath>().is_none()
        || window.is_minimized().unwrap_or(false)
        || !window.is_visible().unwrap_or(true)
    {
        return;
    }
    let Some(store) = store(window) else { return };
    let key = layout_key(&screens(&window.available_monitors().unwrap_or_default()));
    let mut all = store
        .get(PLACEMENTS)
        .filter(serde_json::Value::is_object)
        .unwrap_or_else(|| serde_json::json!({}));
    let maximized = window.is_maximized().unwrap_or(false);
    let placement = match (maximized, all.get(&key)) {
        // Maximised: keep the size it had before, to come back to.
        (true, Some(before)) => match serde_json::from_value::<Placement>(before.clone()) {
            Ok(before) => Placement {
                maximized: true,
                ..before
            },
            Err(_) => now(window, true),
        },
        _ => now(window, maximized),
    };
    all[key] = serde_json::to_value(placement).unwrap_or_default();
    store.set(PLACEMENTS, all);
}

fn now<R: Runtime>(window: &Window<R>, maximized: bool) -> Placement {
    let position = window.outer_position().unwrap_or_default();
    let size = window.inner_size().unwrap_or_default();
    Placement {
        x: position.x,
        y: position.y,
        width: size.width,
        height: size.height,
        maximized,
    }
}

/// The log's filters as last chosen; defaults when none were kept or they cannot be read.
pub fn filters<R: Runtime>(app: &impl Manager<R>) -> RememberedFilters {
    store(app)
        .and_then(|s| s.get(FILTERS))
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default()
}

pub fn remember_filters<R: Runtime>(app: &impl Manager<R>, filters: &RememberedFilters) {
    if let Some(store) = store(app) {
        store.set(FILTERS, serde_json::to_value(filters).unwrap_or_default());
    }
}

/// The language the window was told to speak: a catalogue's tag, or `system` when none was
/// chosen or what is kept names no catalogue.
pub fn language<R: Runtime>(app: &impl Manager<R>) -> String {
    store(app)
        .and_then(|s| s.get(LANGUAGE))
        .and_then(|v| v.as_str().and_then(invalidator_words::negotiate))
        .map_or_else(|| SYSTEM_LANGUAGE.to_owned(), str::to_owned)
}

/// The window follows the OS's language.
pub const SYSTEM_LANGUAGE: &str = "system";

/// Keeps the language chosen: `system`, or one there is a catalogue for (`fr`, `fr-CA`).
pub fn remember_language<R: Runtime>(
    app: &impl Manager<R>,
    language: &str,
) -> Result<(), invalidator::Error> {
    let kept = if language == SYSTEM_LANGUAGE {
        SYSTEM_LANGUAGE
    } else {
        invalidator_words::negotiate(language).ok_or_else(|| {
            invalidator::Error::BadInput(invalidator::Problem::UnknownLanguage {
                language: invalidator::outside::one_line(language).into_owned(),
            })
        })?
    };
    if let Some(store) = store(app) {
        store.set(LANGUAGE, serde_json::Value::String(kept.to_owned()));
    }
    Ok(())
}

/// The words of the language the window speaks, for what the shell says itself (a
/// notification).
pub fn words<R: Runtime>(app: &impl Manager<R>) -> invalidator_words::Words {
    match language(app).as_str() {
        SYSTEM_LANGUAGE => invalidator_words::Words::from_env(),
        chosen => invalidator_words::Words::new(chosen),
    }
}
