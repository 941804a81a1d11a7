//! The catalogues' tests, one binary: the files themselves, and the words they give.

mod catalogue;
mod literals;
mod words;
