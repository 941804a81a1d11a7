//! A bare Tauri window: the same Tauri, one static page, nothing else. The window benchmark
//! measures Invalidator beside it.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("the bare window could not start: {e}");
        std::process::exit(1);
    }
}
