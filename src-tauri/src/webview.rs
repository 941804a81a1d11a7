//! How the web view paints, chosen before it starts.
//!
//! On Linux, WebKitGTK composites the page with OpenGL. On a machine without a usable GPU
//! (a virtual desktop, a remote session, CI) that GL is Mesa's software `llvmpipe`, and
//! compositing costs ~100 MB of the web process, for a page that is a table of rows with
//! nothing to animate; frames reach the screen sooner without it (bench/window prints both
//! ways; in its one run so far the first row came later without it, 1.7 s against 0.9 s).
//! A user who wants compositing back sets `WEBKIT_DISABLE_COMPOSITING_MODE=0` (WebKit
//! treats `0` as unset: the bench's composited run uses it), and a value the user set is
//! never overridden.

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
