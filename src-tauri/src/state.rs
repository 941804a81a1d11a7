use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use invalidator::StartFailure;
use invalidator_desktop::Desktop;

/// What the commands share once the domain has started.
pub struct AppState {
    pub desktop: Arc<Desktop>,
    pub api_base_override: Option<String>,
}

/// What the window needs whether or not the domain could start.
pub struct Shell {
    /// Why the domain could not start (the window then shows only this).
    pub startup_failure: Option<StartFailure>,
    /// The user chose to close despite queued work.
    pub close_confirmed: AtomicBool,
    /// Ends the app (a closure over the app handle, which is runtime-specific).
    pub exit: Box<dyn Fn() + Send + Sync>,
}
