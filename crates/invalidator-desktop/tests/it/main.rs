//! The desktop core's tests, one binary, a module per topic: projects and keys, the pump,
//! checks at the CDN, kept lists, and the edges it must not cross.

// The test helpers the domain's, the desktop core's and the CLI's tests share.
use invalidator_testkit as common;

mod blocking;
mod checks;
mod desktop;
mod once;
mod pump;
mod staging;
mod trust;
mod ui_state;
