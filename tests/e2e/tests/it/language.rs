//! The window in French, as a French system asks for it (`LANG`): the main flow's states as
//! screenshots (target/e2e-screenshots/fr/), and French fitting the window at its
//! narrowest, in both themes.

use std::time::Duration;

use crate::ui::{Driver, ONE_AT_A_TIME, Ui, shots_dir};

/// What runs past its box: the page wider than the window, a status pill, a button or a
/// menu whose text is wider than the element shows (cut, with no ellipsis), or anything in
/// a cell of the log that reaches into the next.
async fn overflowing(ui: &Ui) -> Vec<String> {
    let found = ui
        .client
        .execute(
            "const out = [];
             const page = document.documentElement;
             if (page.scrollWidth > page.clientWidth) out.push(`the page: ${page.scrollWidth} > ${page.clientWidth}`);
             for (const e of document.querySelectorAll('.status .label, button, select, label, th')) {
               if (e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
                 out.push(`${e.tagName} \"${e.textContent.trim()}\": ${e.scrollWidth} > ${e.clientWidth}`);
             }
             // Nothing in a cell of the log reaches into the next one.
             for (const cell of document.querySelectorAll('tr.request td')) {
               const box = cell.getBoundingClientRect();
               for (const e of cell.querySelectorAll('*')) {
                 const r = e.getBoundingClientRect();
                 if (r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1))
                   out.push(`${e.tagName} \"${e.textContent.trim()}\" leaves its cell: ${r.left}..${r.right} in ${box.left}..${box.right}`);
               }
             }
             return out;",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_french_system_gets_a_french_window_that_fits() {
    let _one = ONE_AT_A_TIME.lock().await;
    let data = tempfile::tempdir().unwrap();
    let shots = shots_dir().join("fr");
    std::fs::create_dir_all(&shots).unwrap();
    let env = vec![
        ("INVALIDATOR_DATA_DIR", data.path().display().to_string()),
        ("INVALIDATOR_SANDBOX_STEP_MS", "100".to_owned()),
        ("INVALIDATOR_POLL_MS", "100".to_owned()),
        ("LANG", "fr_FR.UTF-8".to_owned()),
    ];
    let driver = Driver::start(&env);
    let ui = Ui {
        client: driver.session().await,
        shots,
    };
    // "System language", said in French: the system asked for it.
    let menu = ui.wait("select[aria-label='Langue']").await;
    assert_eq!(menu.prop("value").await.unwrap().as_deref(), Some("system"));
    ui.shot("01-premier-demarrage").await;

    let enter = char::from(fantoccini::key::Key::Enter).to_string();
    ui.click("#add-invalidation").await;
    ui.type_into(
        "#paths-input",
        &format!("/fr/banniere.jpg{enter}/fr/sandbox-error.jpg"),
    )
    .await;
    ui.wait_text("#preview", "→").await;
    ui.shot("02-apercu").await;
    ui.click("#send").await;
    ui.wait_text("tr.request .status .label", "Erreur").await;
    ui.shot("03-erreur").await;
    let over = overflowing(&ui).await;
    assert!(over.is_empty(), "at the default size: {over:?}");

    // See links: the request in full, its history and its paths' results, in French.
    ui.button("Voir les liens").await.click().await.unwrap();
    ui.wait_text("#details-dialog", "Enregistrée").await;
    let said = ui.everything().await;
    for words in [
        "Historique",
        "Réessayer les chemins en échec",
        "Échec",
        "Accusée par le service",
    ] {
        assert!(said.contains(words), "{words} in {said}");
    }
    assert!(!said.contains("Recorded"), "{said}");
    ui.shot("04-voir-les-liens").await;
    ui.click("#details-dialog button.close").await;

    // At the window's narrowest, in each theme, nothing runs past its box.
    assert!(invalidator_e2e::place_window("Invalidator", 0, 0, 760, 520).unwrap());
    tokio::time::sleep(Duration::from_millis(600)).await;
    for theme in ["light", "dark"] {
        ui.wait("select[aria-label='Thème']")
            .await
            .select_by_value(theme)
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let over = overflowing(&ui).await;
        ui.shot(&format!("05-etroite-{theme}")).await;
        assert!(over.is_empty(), "{theme}: {over:?}");
    }
    let _ = ui.client.close().await;
}
