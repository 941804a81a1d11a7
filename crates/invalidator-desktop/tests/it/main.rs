//! The desktop core's tests, one binary, a module per topic: projects and keys, the pump,
//! checks at the CDN, kept lists, and the edges it must not cross.

// The test helpers the domain's, the desktop core's and the CLI's tests share.
use invalidator_testkit as common;

mod blocking;
mod checks;
mod desktop;
mod first_look;
mod once;
mod pump;
mod staging;
mod trust;
mod ui_state;

/// A batch's notification as it reads in English: its title and its body.
pub(crate) fn told(batch: &invalidator_desktop::BatchEnded) -> (String, String) {
    let words = invalidator_words::Words::english();
    (
        words.say(&batch.news),
        words.say_attribute(&batch.news, "body"),
    )
}
