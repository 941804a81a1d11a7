use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use invalidator::desktop::Desktop;

use crate::settings::Settings;

/// What the commands share.
pub struct AppState {
    pub desktop: Arc<Desktop>,
    pub settings: Arc<Settings>,
    pub api_base_override: Option<String>,
    /// The user chose to close despite queued work.
    pub close_confirmed: AtomicBool,
    /// Ends the app (a closure over the app handle, which is runtime-specific).
    pub exit: Box<dyn Fn() + Send + Sync>,
}
