//! How the web view paints: chosen before it starts, and shown once its page loads.
//!
//! On Linux, WebKitGTK composites the page with OpenGL. On a machine without a usable GPU
//! (a virtual desktop, a remote session, CI) that GL is Mesa's software `llvmpipe`, and
//! compositing costs ~100 MB of the web process, for a page that is a table of rows with
//! nothing to animate; frames reach the screen sooner without it (bench/window prints both
//! ways; in its one run so far the first row came later without it, 1.7 s against 0.9 s).
//! A user who wants compositing back sets `WEBKIT_DISABLE_COMPOSITING_MODE=0` (WebKit
//! treats `0` as unset: the bench's composited run uses it), and a value the user set is
//! never overridden.

use std::time::Duration;

use tauri::webview::{PageLoadEvent, PageLoadPayload};
use tauri::{AppHandle, Manager, Runtime, Webview};

/// The environment variable WebKitGTK reads when its first web view is made.
pub const COMPOSITING_VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Turns WebKit's compositing off unless the user chose.
///
/// # Safety
/// Changes the process environment: call it before any other thread exists (first thing in
/// `main`).
pub unsafe fn choose_painting() {
    if cfg!(target_os = "linux") && std::env::var_os(COMPOSITING_VARIABLE).is_none() {
        // SAFETY: the caller guarantees no other thread reads the environment meanwhile.
        unsafe { std::env::set_var(COMPOSITING_VARIABLE, "1") };
    }
}

/// What `choose_painting` left, for the log.
pub fn painting() -> &'static str {
    match std::env::var(COMPOSITING_VARIABLE).as_deref() {
        Ok("0") | Err(_) => "composited",
        Ok(_) => "flat",
    }
}

/// The window is made hidden and shown once its page starts loading. Shown at once and
/// painting flat, every second launch started its page ~0.5 s late (measured without
/// WebDriver, 8 launches 3 s apart: 4 late; composited, or hidden until loading, none). By
/// all signs GTK painted the web view before its web process ran, and WebKit waited for that
/// process on the main loop until a timeout: the delay was always the same.
pub fn show_when_loading<R: Runtime>(webview: &Webview<R>, payload: &PageLoadPayload<'_>) {
    if payload.event() == PageLoadEvent::Started {
        let _ = webview.window().show();
    }
}

/// A page that never starts loading would leave no window at all: the window is shown after
/// this long whatever its page does.
const SHOWN_AT_THE_LATEST: Duration = Duration::from_secs(3);

/// Shows `label`'s window after [`SHOWN_AT_THE_LATEST`] if its page has not shown it.
pub fn show_at_the_latest<R: Runtime>(app: &AppHandle<R>, label: &str) {
    let (app, label) = (app.clone(), label.to_owned());
    std::thread::spawn(move || {
        std::thread::sleep(SHOWN_AT_THE_LATEST);
        if let Some(window) = app.get_webview_window(&label)
            && !window.is_visible().unwrap_or(true)
        {
            tracing::warn!("the window's page had not started loading: showing the window");
            let _ = window.show();
        }
    });
}
