//! The desktop core's tests, one binary, a module per topic: projects and keys, the pump,
//! checks at the CDN, kept lists, and the edges it must not cross.

// The domain's test helpers; this binary uses only some of them.
#[path = "../../../invalidator/tests/it/common/mod.rs"]
#[allow(dead_code)]
mod common;

mod blocking;
mod checks;
mod desktop;
mod pump;
mod staging;
mod trust;
