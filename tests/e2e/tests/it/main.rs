//! The real app window, driven through tauri-driver and WebKitWebDriver under Xvfb: the main
//! flows, and the built `.deb` (when one was built).

mod accessibility;
mod app;
mod instances;
mod keyboard;
mod language;
mod long_log;
mod package;
mod remembers;
mod ui;
