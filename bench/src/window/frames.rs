//! Frames as a person sees them: how long after a change is asked for it reaches the screen,
//! sampled back to back while the app idles and while a 20,000-line catalogue is pasted, sent
//! to the sandbox and checked at its CDN (`invalidator_e2e::screen` says how).

use std::time::{Duration, Instant};

use fantoccini::Client;
use invalidator_e2e::screen::{Frame, Screen};
use serde_json::json;

/// Frames sampled during one step of the flow.
pub struct Phase {
    pub name: &'static str,
    pub frames: Vec<Frame>,
}

impl Phase {
    /// Samples, median, 95th percentile and worst lag, and the worst script time, in ms.
    pub fn summary(&self) -> (usize, f64, f64, f64, f64) {
        let mut lags: Vec<f64> = self.frames.iter().map(|f| ms(f.lag)).collect();
        lags.sort_by(f64::total_cmp);
        let at = |q: f64| {
            lags.get(((lags.len() as f64 - 1.0) * q).round() as usize)
                .copied()
                .unwrap_or(0.0)
        };
        let script = self.frames.iter().map(|f| ms(f.script)).fold(0.0, f64::max);
        (lags.len(), at(0.5), at(0.95), at(1.0), script)
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A window titled `title` at rest, for `samples` frames.
pub async fn idle(client: &Client, title: &str, samples: usize) -> Phase {
    let mut sampler = Sampler::on(client, title).await;
    let mut frames = Vec::new();
    for _ in 0..samples {
        frames.push(sampler.next().await);
    }
    Phase {
        name: "idle",
        frames,
    }
}

/// The app on the sandbox: idles, then a catalogue of `lines` URLs is pasted, sent, and its
/// batch checked at the CDN, each step sampled until the page says it is over.
pub async fn catalogue(client: &Client, lines: usize) -> Vec<Phase> {
    let mut sampler = Sampler::on(client, "Invalidator").await;
    let requests = lines.div_ceil(10);
    let mut phases = Vec::new();

    let idle = sampler.until(Duration::from_secs(3), "false").await;
    phases.push(Phase {
        name: "idle, before",
        frames: idle,
    });

    run(
        client,
        "document.getElementById('add-invalidation').click();",
    )
    .await;
    sampler
        .until(
            Duration::from_secs(20),
            "!!document.getElementById('paths-input')",
        )
        .await;
    let list: String = (0..lines)
        .map(|i| format!("https://token.cloudimg.io/catalog/item-{i}.jpg?w=600\n"))
        .collect();
    client
        .execute(
            "const list = arguments[0];
             setTimeout(() => {
               const data = new DataTransfer();
               data.setData('text/plain', list);
               document.getElementById('paths-input').dispatchEvent(
                 new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
             }, 0);",
            vec![json!(list)],
        )
        .await
        .expect("paste");
    let previewed = format!(
        "(document.getElementById('preview')?.textContent ?? '').includes('{} paths')",
        group(lines)
    );
    let frames = sampler.until(Duration::from_secs(60), &previewed).await;
    phases.push(Phase {
        name: "paste to preview",
        frames,
    });

    run(client, "document.getElementById('send').click();").await;
    let finished = format!(
        "(document.querySelector('[data-big-batch] .counts')?.textContent ?? '')
           .replace(/\\s+/g, ' ').includes('{0} of {0} finished')",
        group(requests)
    );
    let frames = sampler.until(Duration::from_secs(300), &finished).await;
    phases.push(Phase {
        name: "send until every request ended",
        frames,
    });

    run(
        client,
        "document.querySelector('button.check-batch').click();",
    )
    .await;
    sampler
        .until(
            Duration::from_secs(20),
            "!!document.querySelector('[data-checking]')",
        )
        .await;
    // A batch this big takes minutes to check: 20 s of it is the load measured.
    let frames = sampler
        .until(
            Duration::from_secs(20),
            "!document.querySelector('[data-checking]')",
        )
        .await;
    phases.push(Phase {
        name: "checking the batch at the CDN (20 s)",
        frames,
    });
    run(
        client,
        "document.querySelector('[data-checking] button')?.click();",
    )
    .await;

    let frames = sampler.until(Duration::from_secs(3), "false").await;
    phases.push(Phase {
        name: "idle, after",
        frames,
    });
    phases
}

/// Runs `script` in the page after the WebDriver call returns, so that the work it starts is
/// sampled rather than waited for.
async fn run(client: &Client, script: &str) {
    client
        .execute(&format!("setTimeout(() => {{ {script} }}, 0);"), vec![])
        .await
        .expect("a script in the page");
}

struct Sampler<'c> {
    client: &'c Client,
    screen: Screen,
    count: usize,
}

impl<'c> Sampler<'c> {
    async fn on(client: &'c Client, title: &str) -> Sampler<'c> {
        let screen = Screen::on(client, title)
            .await
            .expect("the marker reaches the screen");
        Sampler {
            client,
            screen,
            count: 1,
        }
    }

    async fn next(&mut self) -> Frame {
        let frame = self
            .screen
            .sample(self.client, self.count)
            .await
            .expect("a frame");
        self.count += 1;
        // A pause between samples, as a person's glances are: the page gets time of its own.
        tokio::time::sleep(Duration::from_millis(20)).await;
        frame
    }

    /// Samples until `done` (a JavaScript expression) holds in the page, or for `at_most`.
    async fn until(&mut self, at_most: Duration, done: &str) -> Vec<Frame> {
        let deadline = Instant::now() + at_most;
        let mut frames = Vec::new();
        let script = format!("return !!({done});");
        while Instant::now() < deadline {
            frames.push(self.next().await);
            let over = self
                .client
                .execute(&script, vec![])
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            if over {
                break;
            }
        }
        frames
    }
}

/// 20000 → "20,000", as the window writes counts.
pub fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
