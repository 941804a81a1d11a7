// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // SAFETY: the first thing the process does, before any thread exists that could read the
    // environment while it changes.
    unsafe { invalidator_app::webview::choose_painting() };
    invalidator_app::run();
}
