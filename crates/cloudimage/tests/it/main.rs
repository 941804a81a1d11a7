//! The client's tests, one binary: a module per topic.

mod answer_props;
mod canned;
mod client;
mod hostile;
