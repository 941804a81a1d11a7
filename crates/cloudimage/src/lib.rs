//! A client for the Cloudimage / Scaleflex cache-invalidation API.
//!
//! Two calls exist: [`Client::submit`] asks the service to flush a scope from its caches and
//! [`Client::status`] asks how far one invalidation got. The service documents little about
//! its answers, so parsing is tolerant: unknown fields are ignored, unknown status values are
//! kept as [`Status::Unknown`], and a missing optional field is not an error.
//!
//! The API key is held in an [`ApiKey`], which never shows itself in `Debug`, `Display` or
//! logs; every message taken from a response is scrubbed of it too.
//!
//! Answers are untrusted input ([`answer`]): every string is bounded and scrubbed, and a uuid
//! is taken only in the shape of an id.

pub mod answer;
mod builder;
mod client;
mod error;
mod key;
mod model;
mod said;

pub use answer::is_invalidation_id;
pub use builder::{ClientBuilder, DEFAULT_BASE};
pub use client::Client;
pub use error::{Error, ErrorKind};
pub use key::ApiKey;
pub use model::{Accepted, Invalidation, Scope, Status, parse_added_at};
pub use said::{ApiSaid, ConfigProblem, Unreadable};
