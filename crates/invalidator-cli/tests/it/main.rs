//! The command line's tests, one binary: the real `invalidator` process, a module per topic.

// The domain's test helpers; this binary uses only some of them.
mod cli;
#[path = "../../../invalidator/tests/it/common/mod.rs"]
#[allow(dead_code)]
mod common;
mod hostile;
mod keychain;
mod processes;
mod takeover;
