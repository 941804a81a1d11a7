//! The command line's tests, one binary: the real `invalidator` process, a module per topic.

// The test helpers the domain's, the desktop core's and the CLI's tests share.
use invalidator_testkit as common;

mod cli;
mod hostile;
mod keychain;
mod language;
mod processes;
mod takeover;
