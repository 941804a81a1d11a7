//! State of the window that is cheap to lose: where it was on the screens it was on, and the
//! log's filters. The shell keeps it in `ui-state.json` of the data folder (tauri-plugin-store);
//! a torn or foreign file means defaults, never an error, and `settings.json` is never
//! touched by it. This file holds the rules, without a window: which placement belongs to
//! which screens, and whether it is still on one.

use serde::{Deserialize, Serialize};

/// The store's file, in the data folder.
pub const UI_STATE_FILE: &str = "ui-state.json";

/// Less of the window than this, in each direction, on a screen is not "on screen": its title
/// bar could not be reached to drag it back.
const REACHABLE: i64 = 100;

/// A screen, in physical pixels of the virtual desktop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
}

/// Where the window was, in physical pixels: its outer position and inner size when it was
/// last not maximised, and whether it was maximised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Placement {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
    #[serde(default)]
    pub maximized: bool,
}

/// The name of a set of screens: each screen's size and place, in order. A placement is kept
/// per name, so the laptop alone and the laptop at its desk each keep their own.
pub fn layout_key(screens: &[Screen]) -> String {
    let mut parts: Vec<String> = screens
        .iter()
        .map(|s| format!("{}x{}@{},{}", s.width, s.height, s.x, s.y))
        .collect();
    parts.sort();
    parts.join(" ")
}

/// Where to put the window: `saved` as it was when enough of it is on a screen; otherwise
/// (a screen gone, a file edited) the same size, at most the first screen's, centred on it.
pub fn place(saved: Placement, screens: &[Screen]) -> Placement {
    if screens.iter().any(|s| reachable(&saved, s)) || screens.is_empty() {
        return saved;
    }
    let screen = screens[0];
    let width = saved.width.min(screen.width);
    let height = saved.height.min(screen.height);
    Placement {
        x: screen.x + ((screen.width - width) / 2) as i32,
        y: screen.y + ((screen.height - height) / 2) as i32,
        width,
        height,
        maximized: saved.maximized,
    }
}

fn reachable(window: &Placement, screen: &Screen) -> bool {
    let overlap = |start: i32, length: u32, screen_start: i32, screen_length: u32| {
        let end = i64::from(start) + i64::from(length);
        let screen_end = i64::from(screen_start) + i64::from(screen_length);
        end.min(screen_end) - i64::from(start).max(i64::from(screen_start))
    };
    overlap(window.x, window.width, screen.x, screen.width) >= REACHABLE
        && overlap(window.y, window.height, screen.y, screen.height) >= REACHABLE
}

/// The log's filters as the window last had them. The search text is not among them: it is a
/// question of the moment, and an old one would hide the log at the next start.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct RememberedFilters {
    pub project_id: Option<String>,
    pub status: Option<invalidator::StatusFilter>,
    pub scope: Option<String>,
}
