//! `sandbox`: the simulated API, standalone, until Ctrl+C.

use std::time::Duration;

use cloudimage_sandbox::{Fault, SANDBOX_FORBIDDEN_KEY, SANDBOX_KEY, Sandbox, SandboxConfig};
use invalidator::Result;

use super::context::Context;
use super::exit;
use super::output::outln;
use super::render;
use serde_json::json;

pub async fn run(
    context: &Context,
    port: u16,
    step_ms: u64,
    latency_ms: u64,
    faults: Vec<Fault>,
) -> Result<u8> {
    let mut config = SandboxConfig::in_data_dir(&context.data_dir);
    config.port = port;
    config.step = Duration::from_millis(step_ms);
    config.latency = Duration::from_millis(latency_ms);
    let jobs_file = config.jobs_file.clone();
    let sandbox = Sandbox::start(config).await?;
    for fault in faults {
        sandbox.inject(fault);
    }
    let base = sandbox.base_url();
    // The first line is for scripts: they read the base URL from it. The banner is for
    // people; whether anyone reads it (a closed pipe), the sandbox serves on.
    let said = render::say(
        "cli-sandbox",
        json!({
            "base": base,
            "key": SANDBOX_KEY,
            "forbidden": SANDBOX_FORBIDDEN_KEY,
            "delivery": sandbox.delivery_base(),
            "jobs": jobs_file.display().to_string(),
            "step": step_ms,
            "try": format!(
                "INVALIDATOR_API_BASE={base} INVALIDATOR_API_KEY={SANDBOX_KEY} invalidator submit /a.jpg"
            ),
            "faults": format!(
                "curl -H 'Content-Type: application/json' -d '[\"503*2\"]' {base}/_sandbox/faults"
            ),
        }),
    );
    // The message has its own line breaks: each is printed as a line of its own.
    let _ = said.lines().try_for_each(|line| outln!("{line}"));
    tokio::signal::ctrl_c().await?;
    sandbox.stop().await;
    Ok(exit::OK)
}
