//! The domain's integration tests, one binary: a module per topic, as the code is.

// The test helpers the domain's, the desktop core's and the CLI's tests share.
use invalidator_testkit as common;
mod announcements;
mod durability;
mod export;
mod faults;
mod hostile;
mod journal;
mod list_file;
mod path_fuzz;
mod path_list;
mod search;
mod send_and_follow;
mod settings;
