//! A catalogue message as the journal keeps it and gives it back: its id and its arguments,
//! whatever typed message (`Problem`, `HistoryText`, `VerdictReason`) it was written from.
//! The doors say it in the user's words; the journal keeps the English beside it, for the
//! exports and for versions that came before messages.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A message read back: `{"id": "problem-api", "args": {…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Said {
    pub id: String,
    #[serde(default)]
    #[ts(type = "Record<string, unknown>")]
    pub args: Map<String, Value>,
}

impl Said {
    /// A typed message (`{"id", "args"}`) as kept.
    pub fn of(message: &impl Serialize) -> Said {
        serde_json::to_value(message)
            .ok()
            .and_then(|value| serde_json::from_value(value).ok())
            // Every message serialises as `{"id", "args"}`: unreachable.
            .unwrap_or(Said {
                id: String::new(),
                args: Map::new(),
            })
    }

    /// Text an earlier version kept in English, shown as it was written.
    pub fn recorded(text: &str) -> Said {
        let mut args = Map::new();
        args.insert("text".into(), Value::String(text.to_owned()));
        Said {
            args,
            ..Said::of(&Recorded::AsRecorded)
        }
    }

    /// What a row holds: the message when it has one, else its English text.
    pub fn read(json: Option<&str>, text: Option<&str>) -> Option<Said> {
        json.and_then(|json| serde_json::from_str(json).ok())
            .or_else(|| text.map(Said::recorded))
    }

    /// As a column keeps it.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The message that shows kept text (`$text`) as it is.
#[derive(Debug, Clone, Copy, Serialize, ts_rs::TS)]
#[serde(tag = "id")]
pub enum Recorded {
    #[serde(rename = "as-recorded")]
    AsRecorded,
}

/// `Display` for a message type: its English, read from the catalogue, for logs and error
/// chains (a person reads it in their own words, from the doors).
macro_rules! in_english {
    ($message:ty) => {
        impl std::fmt::Display for $message {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&invalidator_words::english(self))
            }
        }
    };
}
pub(crate) use in_english;
