//! The words Invalidator's doors show, in the user's language.
//!
//! The domain tells what happened as a message: an id and typed arguments, serialised as
//! `{"id": "condition-retrying", "args": {"attempt": 2, …}}` (its `ConditionText`, for one).
//! This crate turns such a message into a sentence with the Fluent catalogues in `locales/`,
//! the same files the window reads with `@fluent/bundle`, so the CLI and the window say the
//! same thing. A message missing from a language is said in English, never by its id.
//!
//! Placeables are not wrapped in Unicode isolation marks: the terminal shows those as
//! `<U+2068>` (the CLI writes every bidi control inert), and the window does the same.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::Serialize;
use serde_json::Value;

mod format;
mod languages;

pub use languages::{CATALOGUES, ENGLISH, available, catalogue, from_environment, negotiate};

/// The catalogues of one language, with English behind it.
pub struct Words {
    language: &'static str,
    /// The language's bundle first, English's last.
    bundles: Vec<FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Words")
            .field("language", &self.language)
            .finish()
    }
}

impl Words {
    /// The words of a language tag or POSIX locale (`fr`, `fr_FR.UTF-8`); English when there
    /// is no catalogue for it.
    pub fn new(requested: &str) -> Words {
        let language = negotiate(requested).unwrap_or(ENGLISH);
        let mut tags = vec![language];
        if language != ENGLISH {
            tags.push(ENGLISH);
        }
        Words {
            language,
            bundles: tags.into_iter().map(bundle).collect(),
        }
    }

    /// The language the environment asks for (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    pub fn from_env() -> Words {
        Words::new(from_environment(|name| std::env::var(name).ok()))
    }

    pub fn english() -> Words {
        Words::new(ENGLISH)
    }

    /// The language these words are in (`en`, `fr`).
    pub fn language(&self) -> &'static str {
        self.language
    }

    /// A message's value: a status pill's words.
    pub fn say(&self, message: &impl Serialize) -> String {
        let (id, args) = parts(message);
        self.text(&id, &args)
    }

    /// One attribute of a message (`detail`: the sentence beside the pill).
    pub fn say_attribute(&self, message: &impl Serialize, attribute: &str) -> String {
        let (id, args) = parts(message);
        self.attribute(&id, attribute, &args)
    }

    /// The value of message `id`, with arguments as a JSON object (`json!({"count": 3})`).
    pub fn text(&self, id: &str, args: &Value) -> String {
        self.find(id, None, args)
    }

    /// Attribute `attribute` of message `id`.
    pub fn attribute(&self, id: &str, attribute: &str, args: &Value) -> String {
        self.find(id, Some(attribute), args)
    }

    fn find(&self, id: &str, attribute: Option<&str>, args: &Value) -> String {
        let args = self.fluent_args(args);
        for bundle in &self.bundles {
            let Some(message) = bundle.get_message(id) else {
                continue;
            };
            let pattern = match attribute {
                Some(name) => message.get_attribute(name).map(|a| a.value()),
                None => message.value(),
            };
            if let Some(pattern) = pattern {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, Some(&args), &mut errors)
                    .into_owned();
            }
        }
        // Unreachable while the catalogue tests pass (every id used is in English); the id
        // is then the most a reader can report.
        match attribute {
            Some(name) => format!("{id}.{name}"),
            None => id.to_owned(),
        }
    }
}

/// A message's id and arguments, as the domain serialises it.
fn parts(message: &impl Serialize) -> (String, Value) {
    match serde_json::to_value(message) {
        Ok(Value::Object(mut map)) => {
            let id = match map.remove("id") {
                Some(Value::String(id)) => id,
                _ => String::new(),
            };
            (id, map.remove("args").unwrap_or(Value::Null))
        }
        Ok(Value::String(id)) => (id, Value::Null),
        _ => (String::new(), Value::Null),
    }
}

impl Words {
    /// Numbers stay numbers (plurals select on them); a message inside a message (a line's
    /// place in a notice) is said first; everything else is text.
    fn fluent_args(&self, args: &Value) -> FluentArgs<'static> {
        let mut out = FluentArgs::new();
        if let Value::Object(map) = args {
            for (name, value) in map {
                let value = match value {
                    Value::Null => continue,
                    Value::Number(n) => FluentValue::from(n.as_f64().unwrap_or(0.0)),
                    Value::String(s) => FluentValue::from(s.clone()),
                    Value::Object(nested) if nested.contains_key("id") => {
                        FluentValue::from(self.say(value))
                    }
                    other => FluentValue::from(other.to_string()),
                };
                out.set(name.clone(), value);
            }
        }
        out
    }
}

fn bundle(tag: &'static str) -> FluentBundle<FluentResource> {
    let text = catalogue(tag).expect("a catalogue for every available language");
    let resource = FluentResource::try_new(text.to_owned())
        // Each catalogue is parsed by the tests; a broken one keeps what parsed.
        .unwrap_or_else(|(resource, _errors)| resource);
    let langid = tag
        .parse()
        .expect("catalogue tags are language identifiers");
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(format::number));
    bundle
        .add_function(
            "DATETIME",
            format::datetime_function(format::Style::of(tag)),
        )
        .expect("DATETIME is added once");
    // Duplicate ids are a catalogue error the tests report; the first one stays.
    let _ = bundle.add_resource(resource);
    bundle
}

static ENGLISH_WORDS: std::sync::LazyLock<Words> = std::sync::LazyLock::new(Words::english);

/// A message's English value: what logs say, for support, whatever the user's language.
pub fn english<M: Serialize>(message: &M) -> String {
    ENGLISH_WORDS.say(message)
}

/// A message's English attribute `attribute` (a start failure's `.advice`), for logs.
pub fn in_english_attribute<M: Serialize>(message: &M, attribute: &str) -> String {
    ENGLISH_WORDS.say_attribute(message, attribute)
}

/// A message's English value and `.detail`: what the machine formats (`--json`, `--csv`, the
/// exports) write, the same bytes whatever the user's language.
pub fn in_english<M: Serialize>(message: &M) -> (String, String) {
    (
        ENGLISH_WORDS.say(message),
        ENGLISH_WORDS.say_attribute(message, "detail"),
    )
}
