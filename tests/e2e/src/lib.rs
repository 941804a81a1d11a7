//! Helpers of the end-to-end tests (see tests/) and of the window benchmark (bench/): the
//! WebDriver bridge on free ports, closing a window as a window manager does, and what reaches
//! the screen (`screen`).

pub mod screen;

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, Window};

/// Asks the top-level window titled `title` to close, as a window manager's close button does
/// (a `WM_DELETE_WINDOW` message), on the display in `DISPLAY`. Returns the pid of the
/// window's process (`_NET_WM_PID`), or `None` if no such window is found.
pub fn close_window(title: &str) -> Result<Option<u32>, Box<dyn std::error::Error>> {
    let (conn, screen) = x11rb::connect(None)?;
    let root = conn.setup().roots[screen].root;
    let atom = |name: &str| -> Result<u32, Box<dyn std::error::Error>> {
        Ok(conn.intern_atom(false, name.as_bytes())?.reply()?.atom)
    };
    let (protocols, delete, net_name, utf8, pid_atom) = (
        atom("WM_PROTOCOLS")?,
        atom("WM_DELETE_WINDOW")?,
        atom("_NET_WM_NAME")?,
        atom("UTF8_STRING")?,
        atom("_NET_WM_PID")?,
    );
    let Some(window) = find(&conn, root, title, net_name, utf8)? else {
        return Ok(None);
    };
    let pid = conn
        .get_property(false, window, pid_atom, AtomEnum::CARDINAL, 0, 1)?
        .reply()?
        .value32()
        .and_then(|mut v| v.next());
    let event = ClientMessageEvent::new(32, window, protocols, [delete, 0, 0, 0, 0]);
    conn.send_event(false, window, EventMask::NO_EVENT, event)?;
    conn.flush()?;
    Ok(pid)
}

/// Presses Return in the window titled `title` (a dialog's default button, say), as a person
/// would: the window gets the keyboard, then a key press and release go through XTest.
/// Returns whether such a window was there.
pub fn press_return_in(title: &str) -> Result<bool, Box<dyn std::error::Error>> {
    use x11rb::protocol::xproto::{InputFocus, KEY_PRESS_EVENT, KEY_RELEASE_EVENT};
    use x11rb::protocol::xtest::ConnectionExt as _;
    use x11rb::wrapper::ConnectionExt as _;
    const RETURN: u32 = 0xff0d;
    let (conn, root, window) = titled(title)?;
    let Some(window) = window else {
        return Ok(false);
    };
    let (min, max) = (conn.setup().min_keycode, conn.setup().max_keycode);
    let mapping = conn.get_keyboard_mapping(min, max - min + 1)?.reply()?;
    let per = mapping.keysyms_per_keycode as usize;
    let code = mapping
        .keysyms
        .chunks(per)
        .position(|syms| syms.contains(&RETURN))
        .map(|i| min + i as u8)
        .ok_or("no key for Return")?;
    conn.set_input_focus(InputFocus::PARENT, window, x11rb::CURRENT_TIME)?;
    conn.sync()?;
    std::thread::sleep(std::time::Duration::from_millis(300));
    conn.xtest_fake_input(KEY_PRESS_EVENT, code, x11rb::CURRENT_TIME, root, 0, 0, 0)?;
    conn.xtest_fake_input(KEY_RELEASE_EVENT, code, x11rb::CURRENT_TIME, root, 0, 0, 0)?;
    conn.sync()?;
    Ok(true)
}

/// Whether a top-level window titled `title` is on the display.
pub fn window_exists(title: &str) -> Result<bool, Box<dyn std::error::Error>> {
    Ok(titled(title)?.2.is_some())
}

/// A connection, the root window, and a window found on it.
type Titled = (
    x11rb::rust_connection::RustConnection,
    Window,
    Option<Window>,
);

/// A connection to the display in `DISPLAY`, its root window, and the window titled `title`
/// on it, if there is one.
fn titled(title: &str) -> Result<Titled, Box<dyn std::error::Error>> {
    let (conn, screen) = x11rb::connect(None)?;
    let root = conn.setup().roots[screen].root;
    let net_name = conn.intern_atom(false, b"_NET_WM_NAME")?.reply()?.atom;
    let utf8 = conn.intern_atom(false, b"UTF8_STRING")?.reply()?.atom;
    let window = find(&conn, root, title, net_name, utf8)?;
    Ok((conn, root, window))
}

/// The window under `parent` (at any depth) whose title is `title`.
fn find(
    conn: &impl Connection,
    parent: Window,
    title: &str,
    net_name: u32,
    utf8: u32,
) -> Result<Option<Window>, Box<dyn std::error::Error>> {
    for child in conn.query_tree(parent)?.reply()?.children {
        let name = conn
            .get_property(false, child, net_name, utf8, 0, 256)?
            .reply()?
            .value;
        let legacy = conn
            .get_property(false, child, AtomEnum::WM_NAME, AtomEnum::STRING, 0, 256)?
            .reply()?
            .value;
        if name == title.as_bytes() || legacy == title.as_bytes() {
            return Ok(Some(child));
        }
        if let Some(found) = find(conn, child, title, net_name, utf8)? {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// The pids of the processes with a mapped top-level window titled `title` on the display,
/// one entry per window (`_NET_WM_PID`; 0 when a window does not say).
pub fn windows_titled(title: &str) -> Result<Vec<u32>, Box<dyn std::error::Error>> {
    let (conn, screen) = x11rb::connect(None)?;
    let root = conn.setup().roots[screen].root;
    let net_name = conn.intern_atom(false, b"_NET_WM_NAME")?.reply()?.atom;
    let utf8 = conn.intern_atom(false, b"UTF8_STRING")?.reply()?.atom;
    let mut pids = Vec::new();
    for window in conn.query_tree(root)?.reply()?.children {
        let mapped = conn.get_window_attributes(window)?.reply()?.map_state
            == x11rb::protocol::xproto::MapState::VIEWABLE;
        let name = conn
            .get_property(false, window, net_name, utf8, 0, 256)?
            .reply()?
            .value;
        if mapped && name == title.as_bytes() {
            pids.push(pid_of(&conn, window)?.unwrap_or(0));
        }
    }
    Ok(pids)
}

fn pid_of(
    conn: &impl Connection,
    window: Window,
) -> Result<Option<u32>, Box<dyn std::error::Error>> {
    let net_pid = conn.intern_atom(false, b"_NET_WM_PID")?.reply()?.atom;
    let reply = conn
        .get_property(false, window, net_pid, AtomEnum::CARDINAL, 0, 1)?
        .reply()?;
    Ok(reply.value32().and_then(|mut v| v.next()))
}

/// Moves and sizes the top-level window titled `title`, as a person dragging it would (a
/// configure request; with no window manager the X server applies it).
pub fn place_window(
    title: &str,
    x: i32,
    y: i32,
    width: u32,
    height: u32,
) -> Result<bool, Box<dyn std::error::Error>> {
    use x11rb::protocol::xproto::ConfigureWindowAux;
    let (conn, _, window) = titled(title)?;
    let Some(window) = window else {
        return Ok(false);
    };
    let aux = ConfigureWindowAux::new()
        .x(x)
        .y(y)
        .width(width)
        .height(height);
    conn.configure_window(window, &aux)?;
    x11rb::wrapper::ConnectionExt::sync(&conn)?;
    Ok(true)
}

/// A window's place and size: x, y, width, height.
pub type Geometry = (i32, i32, u32, u32);

/// Where the top-level window titled `title` is on the screen, and its size.
pub fn window_geometry(title: &str) -> Result<Option<Geometry>, Box<dyn std::error::Error>> {
    let (conn, root, window) = titled(title)?;
    let Some(window) = window else {
        return Ok(None);
    };
    let geometry = conn.get_geometry(window)?.reply()?;
    let at = conn.translate_coordinates(window, root, 0, 0)?.reply()?;
    Ok(Some((
        i32::from(at.dst_x),
        i32::from(at.dst_y),
        u32::from(geometry.width),
        u32::from(geometry.height),
    )))
}

/// A free TCP port on 127.0.0.1 (another process may hold 4444/4445).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// tauri-driver on free ports, with the environment the application is to see. Killed on
/// drop with all it started: WebKitWebDriver and the application share its process group.
/// (Killing tauri-driver alone leaves them running, holding the test's output open, so a
/// failed test would hang the run instead of failing it.)
pub struct Driver {
    child: Child,
    pub port: u16,
}

impl Driver {
    pub fn start(env: &[(&str, String)]) -> Driver {
        let port = free_port();
        let native = free_port();
        let mut command = Command::new(tauri_driver());
        command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .process_group(0);
        // English, whatever this machine's locale, unless a test asks for a language.
        for name in ["LC_ALL", "LC_MESSAGES", "LANGUAGE"] {
            command.env_remove(name);
        }
        command.env("LANG", "C.UTF-8");
        for (name, value) in env {
            command.env(name, value);
        }
        let child = command
            .spawn()
            .expect("tauri-driver starts (scripts/bootstrap installs it)");
        let deadline = Instant::now() + Duration::from_secs(20);
        // tauri-driver listens at once but passes each request on to WebKitWebDriver, which it
        // starts on the native port: a session asked for before that one listens is cut off
        // (`IncompleteMessage`), which a loaded machine made happen now and then.
        for (what, port) in [("tauri-driver", port), ("WebKitWebDriver", native)] {
            while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                assert!(Instant::now() < deadline, "{what} did not listen");
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        Driver { child, port }
    }

    /// A WebDriver session on `application`: starts it.
    pub async fn session(&self, application: &Path) -> Client {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({"application": application.display().to_string()}),
        );
        ClientBuilder::rustls()
            .expect("tls")
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("a WebDriver session on the application")
    }

    /// The pid of tauri-driver; the application is among its descendants.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // SAFETY: kill(2) with a negative pid signals the process group tauri-driver leads
        // (created by `process_group(0)`); it touches no memory.
        unsafe {
            libc::kill(-(self.child.id() as libc::pid_t), libc::SIGKILL);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn tauri_driver() -> PathBuf {
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"));
    match cargo_bin {
        Some(path) if path.exists() => path,
        _ => PathBuf::from("tauri-driver"),
    }
}
