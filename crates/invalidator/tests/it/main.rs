//! The domain's integration tests, one binary: a module per topic, as the code is.

mod common;
mod desktop;
mod durability;
mod export;
mod faults;
mod freshness;
mod hostile;
mod journal;
mod lists;
mod path_fuzz;
mod path_list;
mod sandbox;
mod send_and_follow;
mod trust;
mod updates;
