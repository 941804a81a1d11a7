//! `sandbox`: the simulated API, standalone, until Ctrl+C.

use std::time::Duration;

use cloudimage_sandbox::{Fault, SANDBOX_FORBIDDEN_KEY, SANDBOX_KEY, Sandbox, SandboxConfig};
use invalidator::Result;

use super::context::Context;
use super::exit;
use super::output::outln;

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
    let _ = (|| {
        outln!("Sandbox listening on {base}")?;
        outln!("  key:            {SANDBOX_KEY} (public; {SANDBOX_FORBIDDEN_KEY} gets 403)")?;
        outln!(
            "  delivery base:  {} (for verify; paths with sandbox-stale stay cached)",
            sandbox.delivery_base()
        )?;
        outln!("  jobs kept in:   {}", jobs_file.display())?;
        outln!("  status step:    {step_ms} ms")?;
        outln!(
            "  try it:         INVALIDATOR_API_BASE={base} INVALIDATOR_API_KEY={SANDBOX_KEY} invalidator submit /a.jpg"
        )?;
        outln!(
            "  faults:         curl -H 'Content-Type: application/json' -d '[\"503*2\"]' \
             {base}/_sandbox/faults"
        )?;
        outln!("Press Ctrl+C to stop.")
    })();
    tokio::signal::ctrl_c().await?;
    sandbox.stop().await;
    Ok(exit::OK)
}
