//! A bare Tauri window: the same Tauri, one static page, nothing else. The window benchmark
//! measures Invalidator beside it.
//!
//! `BARE_WINDOW_PAGE=DIR` shows `DIR/index.html` (and what it loads from `DIR`) instead, so
//! that a page can be measured piece by piece in the bare window: the app's page as it
//! rendered (saved through WebDriver) without its script, without its style, without its log,
//! and so on (README.md, "Packages and benchmarks", says what that found).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;

use tauri::Manager;
use tauri::http::Response;

fn main() {
    let page = std::env::var_os("BARE_WINDOW_PAGE").map(PathBuf::from);
    let served = page.clone();
    let builder = tauri::Builder::default()
        .register_uri_scheme_protocol("page", move |_ctx, request| {
            let Some(dir) = &served else {
                return Response::builder().status(404).body(Vec::new()).unwrap();
            };
            let path = request.uri().path().trim_start_matches('/');
            // Only files right in DIR or below it, by name: no `..`.
            let file = dir.join(if path.is_empty() { "index.html" } else { path });
            match (path.contains(".."), std::fs::read(&file)) {
                (false, Ok(body)) => Response::builder()
                    .header("Content-Type", mime(&file))
                    .body(body)
                    .unwrap(),
                _ => Response::builder().status(404).body(Vec::new()).unwrap(),
            }
        })
        .setup(move |app| {
            if page.is_some()
                && let Some(window) = app.get_webview_window("main")
            {
                window.navigate("page://localhost/index.html".parse()?)?;
            }
            Ok(())
        });
    if let Err(e) = builder.run(tauri::generate_context!()) {
        eprintln!("the bare window could not start: {e}");
        std::process::exit(1);
    }
}

fn mime(file: &std::path::Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html",
        Some("js") => "text/javascript",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}
