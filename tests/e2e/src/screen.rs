//! What reaches the screen, as opposed to what the page holds: a marker is painted in the page
//! through WebDriver and timed until the X server's framebuffer shows it. A page can hold a
//! new state long before a person sees it (a long task, a layout, a slow composite), and a
//! WebDriver screenshot reads the page's own rendering, not the screen.

use std::time::{Duration, Instant};

use fantoccini::Client;
use serde_json::json;
use x11rb::protocol::xproto::{ConnectionExt, ImageFormat, Window};
use x11rb::rust_connection::RustConnection;

/// The marker's side, in pixels, at the page's top-left corner, above everything.
const MARKER: i16 = 12;
/// Two colours the app never paints in its corner, flipped at each sample.
const COLOURS: [(u8, u8, u8); 2] = [(255, 0, 255), (0, 255, 0)];

/// Reads pixels of one window straight from the X server's framebuffer.
pub struct Screen {
    conn: RustConnection,
    root: Window,
    /// Where the marker shows, in root coordinates (found at the first sample).
    at: (i16, i16),
}

/// One sample: how long after the marker was asked for it reached the screen.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    pub lag: Duration,
    /// Of it, how long the page took to run the script that painted the marker (its main
    /// thread was busy for that long).
    pub script: Duration,
}

impl Screen {
    /// Puts the marker in the page of `client` and finds it in the window titled `title`.
    pub async fn on(client: &Client, title: &str) -> Result<Screen, Box<dyn std::error::Error>> {
        let (conn, root, window) = super::titled(title)?;
        let window = window.ok_or_else(|| format!("no window titled {title:?}"))?;
        let origin = conn.translate_coordinates(window, root, 0, 0)?.reply()?;
        client
            .execute(
                "let m = document.getElementById('screen-marker');
                 if (!m) {
                   m = document.createElement('div');
                   m.id = 'screen-marker';
                   m.setAttribute('aria-hidden', 'true');
                   m.style.cssText = `position:fixed;left:0;top:0;width:${arguments[0]}px;
                     height:${arguments[0]}px;z-index:2147483647;pointer-events:none`;
                   document.documentElement.appendChild(m);
                 }",
                vec![json!(MARKER)],
            )
            .await?;
        let mut screen = Screen {
            conn,
            root,
            at: (origin.dst_x + MARKER / 2, origin.dst_y + MARKER / 2),
        };
        // The web view may sit below a bar of the window's own: look for the marker in the
        // window's top-left region the first time it shows.
        let colour = COLOURS[0];
        paint(client, colour).await?;
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(at) = screen.find(colour, (origin.dst_x, origin.dst_y), 160)? {
                screen.at = (at.0 + MARKER / 2, at.1 + MARKER / 2);
                return Ok(screen);
            }
            if Instant::now() > deadline {
                return Err("the marker never reached the screen".into());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Flips the marker's colour and waits until the screen shows it.
    pub async fn sample(
        &self,
        client: &Client,
        count: usize,
    ) -> Result<Frame, Box<dyn std::error::Error>> {
        let colour = COLOURS[count % 2];
        let started = Instant::now();
        paint(client, colour).await?;
        let script = started.elapsed();
        let deadline = started + Duration::from_secs(60);
        while !looks_like(self.pixel(self.at)?, colour) {
            if Instant::now() > deadline {
                return Err("the marker did not reach the screen within 60 s".into());
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        Ok(Frame {
            lag: started.elapsed(),
            script,
        })
    }

    fn pixel(&self, (x, y): (i16, i16)) -> Result<(u8, u8, u8), Box<dyn std::error::Error>> {
        let image = self
            .conn
            .get_image(ImageFormat::Z_PIXMAP, self.root, x, y, 1, 1, !0)?
            .reply()?;
        // 24-bit depth in 32-bit pixels, least significant byte first: blue, green, red.
        match image.data.as_slice() {
            [b, g, r, ..] => Ok((*r, *g, *b)),
            _ => Err("the X server sent no pixel".into()),
        }
    }

    /// The top-left corner of the first `colour` pixel in the `side`-square from `origin`.
    fn find(
        &self,
        colour: (u8, u8, u8),
        origin: (i16, i16),
        side: u16,
    ) -> Result<Option<(i16, i16)>, Box<dyn std::error::Error>> {
        let image = self
            .conn
            .get_image(
                ImageFormat::Z_PIXMAP,
                self.root,
                origin.0,
                origin.1,
                side,
                side,
                !0,
            )?
            .reply()?;
        let found = image
            .data
            .chunks(4)
            .position(|p| matches!(p, [b, g, r, _] if (*r, *g, *b) == colour));
        Ok(found.map(|i| {
            let i = i as u16;
            (origin.0 + (i % side) as i16, origin.1 + (i / side) as i16)
        }))
    }
}

/// Whether `pixel` shows the marker in `colour`, also when a modal dialog's backdrop tints it
/// (the top layer is above every z-index): of the two colours, green is the one whose green
/// channel outweighs its red.
fn looks_like((r, g, _): (u8, u8, u8), colour: (u8, u8, u8)) -> bool {
    let green = g > r.saturating_add(16);
    let magenta = r > g.saturating_add(16);
    if colour == COLOURS[1] { green } else { magenta }
}

async fn paint(
    client: &Client,
    (r, g, b): (u8, u8, u8),
) -> Result<(), fantoccini::error::CmdError> {
    client
        .execute(
            "document.getElementById('screen-marker').style.background = arguments[0];",
            vec![json!(format!("rgb({r},{g},{b})"))],
        )
        .await
        .map(|_| ())
}
