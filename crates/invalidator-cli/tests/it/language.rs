//! The CLI speaks the language of the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`) or of
//! `--lang`; its machine formats are the same bytes in every language.

use crate::cli::{cli, code, run, sandbox, text};

#[tokio::test]
async fn french_people_read_french_and_scripts_read_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let sandbox = sandbox(dir.path()).await;
    let base = sandbox.base_url();
    let french = |args: &[&str]| {
        let mut command = cli(dir.path(), &base);
        command.env("LANG", "fr_FR.UTF-8").args(args);
        command
    };

    let output = run(french(&["submit", "/ok.jpg", "/bad/sandbox-error.jpg"])).await;
    assert_eq!(code(&output), 0, "{:?}", text(&output));
    let (stdout, _) = text(&output);
    assert!(
        stdout.contains("Lot 1 enregistré pour")
            && stdout.contains("2 chemins en 1 requête. Envoi…"),
        "{stdout}"
    );
    assert!(stdout.contains("Suivez-les jusqu’au bout avec"), "{stdout}");

    // A refused line, and the error, in French; nothing is sent.
    let output = run(french(&["submit", "relative.jpg"])).await;
    let (_, stderr) = text(&output);
    assert_eq!(code(&output), 2, "{stderr}");
    assert!(
        stderr.contains("erreur\u{a0}: rien n’a été envoyé"),
        "{stderr}"
    );
    assert!(
        stderr.contains("argument 1\u{a0}: `relative.jpg` ne commence pas par /"),
        "{stderr}"
    );
    let output = run(french(&["watch"])).await;
    let (stdout, _) = text(&output);
    assert_eq!(code(&output), 5, "{stdout}");
    assert!(stdout.contains("Erreur (ERROR)"), "{stdout}");

    let (stdout, _) = text(&run(french(&["status", "1"])).await);
    assert!(stdout.contains("Erreur (ERROR)"), "{stdout}");
    // Its labels, results and history too.
    for words in [
        "Requête nº 1 (lot 1, partie 1)",
        "ID d’invalidation",
        "Historique",
        "Invalidé ",
        "Échec ",
        "Enregistrée\u{a0}; en attente d’envoi",
        "Réessayer avec\u{a0}: invalidator retry 1",
    ] {
        assert!(stdout.contains(words), "{words}: {stdout}");
    }
    assert!(!stdout.contains("Recorded; waiting"), "{stdout}");
    assert!(
        stdout.contains("contactez le support Scaleflex"),
        "{stdout}"
    );
    assert!(!stdout.contains("contact Scaleflex support"), "{stdout}");

    let (stdout, _) = text(&run(french(&["log"])).await);
    assert!(stdout.contains("Erreur (ERROR)"), "{stdout}");
    assert!(stdout.contains("Lot 1 "), "{stdout}");
    assert!(stdout.contains("  Original"), "{stdout}");

    // LC_ALL outranks LANG, and --lang outranks both.
    let mut english = french(&["status", "1"]);
    english.env("LC_ALL", "C");
    let (stdout, _) = text(&run(english).await);
    assert!(stdout.contains("contact Scaleflex support"), "{stdout}");
    let mut chosen = cli(dir.path(), &base);
    chosen.args(["--lang", "fr", "status", "1"]);
    let (stdout, _) = text(&run(chosen).await);
    assert!(
        stdout.contains("contactez le support Scaleflex"),
        "{stdout}"
    );

    let mut unknown = cli(dir.path(), &base);
    unknown.args(["--lang", "xx\u{1b}[2J", "status", "1"]);
    let (stdout, stderr) = text(&run(unknown).await);
    assert!(stdout.contains("contact Scaleflex support"), "{stdout}");
    assert!(
        stderr.contains(
            "no words for the language `xx<U+001B>[2J`; English is used (there are: en, fr)"
        ),
        "{stderr}"
    );

    for args in [
        &["status", "1", "--json"][..],
        &["log", "--json"],
        &["log", "--csv"],
    ] {
        let in_french = run(french(args)).await;
        let mut command = cli(dir.path(), &base);
        command.args(args);
        let in_english = run(command).await;
        assert_eq!(code(&in_french), code(&in_english), "{args:?}");
        assert!(
            !in_french.stdout.is_empty(),
            "{args:?}: {:?}",
            text(&in_french)
        );
        assert!(
            in_french.stdout == in_english.stdout,
            "{args:?} differs by language:\n{}\n---\n{}",
            text(&in_french).0,
            text(&in_english).0
        );
        // The machine formats keep their English words.
        assert!(
            text(&in_english).0.contains("Error"),
            "{args:?}: {}",
            text(&in_english).0
        );
    }
}
