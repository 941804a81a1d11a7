//! The doors' words are in the catalogues, never in their code: this test reads the CLI's,
//! the desktop layer's and the shell's source and fails on a string a person would read that
//! is written there. (The window's components have the same test,
//! `ui/src/test/literals.test.ts`.)
//!
//! Left out, on purpose: logs (`tracing::…!`, English for support), tests, and the help that
//! clap builds from doc comments and attributes.

use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// Two words with a blank between them: prose ("Recorded batch"). Placeholders (`{}`,
/// `{name:<12}`) are not words.
fn prose(text: &str) -> bool {
    let mut plain = String::with_capacity(text.len());
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = (depth - 1).max(0),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    // A word: two letters or more, and nothing but letters once its punctuation is off.
    let word = |w: &&str| {
        let w = w.trim_end_matches([',', '.', ':', ';', '!', '?']);
        w.chars().count() >= 2 && w.chars().all(char::is_alphabetic)
    };
    let words: Vec<&str> = plain
        .split([' ', '\u{a0}'])
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .any(|pair| word(&pair[0]) && word(&pair[1]))
}

/// What a person reads that is the same in every language: a command to type, an option.
fn same_in_every_language(text: &str) -> bool {
    text.starts_with("invalidator ") || text.starts_with("--") || text.contains("INVALIDATOR_")
}

#[derive(Default)]
struct Words {
    found: Vec<String>,
}

impl Words {
    fn literal(&mut self, text: &str) {
        if prose(text) && !same_in_every_language(text) {
            self.found.push(text.to_owned());
        }
    }

    /// A macro's tokens, but for the logs'.
    fn tokens(&mut self, path: &syn::Path, tokens: proc_macro2::TokenStream) {
        let logged = path.segments.iter().any(|s| s.ident == "tracing")
            || ["info", "warn", "error", "debug", "trace"]
                .iter()
                .any(|name| path.is_ident(name));
        if logged {
            return;
        }
        for token in tokens {
            match token {
                proc_macro2::TokenTree::Literal(literal) => {
                    if let Ok(syn::Lit::Str(text)) =
                        syn::parse_str::<syn::Lit>(&literal.to_string())
                    {
                        self.literal(&text.value());
                    }
                }
                proc_macro2::TokenTree::Group(group) => self.tokens(path, group.stream()),
                _ => {}
            }
        }
    }
}

impl<'ast> Visit<'ast> for Words {
    fn visit_lit_str(&mut self, literal: &'ast syn::LitStr) {
        self.literal(&literal.value());
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.tokens(&mac.path, mac.tokens.clone());
    }

    /// Doc comments and clap's attributes are the help, which stays English.
    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}

    fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
        let tests = module.attrs.iter().any(|a| {
            a.path().is_ident("cfg")
                && a.meta
                    .require_list()
                    .is_ok_and(|l| l.tokens.to_string() == "test")
        });
        if !tests {
            syn::visit::visit_item_mod(self, module);
        }
    }
}

fn words_in(source: &str) -> Vec<String> {
    let file = syn::parse_file(source).expect("the source parses");
    let mut words = Words::default();
    words.visit_file(&file);
    words.found
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The doors' sources: the command line, the desktop service layer and the window's shell.
const DOORS: [&str; 3] = [
    "crates/invalidator-cli/src",
    "crates/invalidator-desktop/src",
    "src-tauri/src",
];

#[test]
fn the_doors_write_no_sentence_of_their_own() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let files: Vec<PathBuf> = DOORS
        .iter()
        .flat_map(|d| rust_files(&repo.join(d)))
        .collect();
    assert!(files.len() > 20, "the doors' source is read: {files:?}");
    let mut offending = Vec::new();
    for path in files {
        for text in words_in(&std::fs::read_to_string(&path).unwrap()) {
            offending.push(format!("{}: {text:?}", path.display()));
        }
    }
    assert!(
        offending.is_empty(),
        "words outside the catalogue:\n{}",
        offending.join("\n")
    );
}

#[test]
fn would_catch_a_sentence_in_a_call_a_macro_and_a_format() {
    let found = words_in(
        r#"
        fn f() {
            let a = "Nothing in progress.";
            println!("{} of {} finished", 1, 2);
            tracing::info!("logs stay English");
            let b = json!({ "command": "invalidator watch", "key": "value" });
        }
        /// Help stays English.
        struct S;
        #[cfg(test)]
        mod tests { const T: &str = "tests may say anything"; }
        "#,
    );
    assert_eq!(found, ["Nothing in progress.", "{} of {} finished"]);
}
