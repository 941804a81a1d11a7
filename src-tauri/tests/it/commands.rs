//! Every command through Tauri's real IPC path (mock runtime, the app's real context and
//! capabilities): argument names as the UI sends them, answers and error `kind`s as the UI
//! receives them. Keys live in an in-memory store here; the keychain has its own tests.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use invalidator::secrets::{MemoryStore, SecretStore};
use invalidator_app::AppConfig;
use invalidator_desktop::DesktopConfig;
use serde_json::{Value, json};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow};

const KEY: &str = cloudimage_sandbox::SANDBOX_KEY;

struct Harness {
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    secrets: Arc<MemoryStore>,
    dir: tempfile::TempDir,
    exited: Arc<AtomicBool>,
}

fn harness() -> Harness {
    harness_in(tempfile::tempdir().unwrap())
}

/// The app over a data dir the test prepared.
fn harness_in(dir: tempfile::TempDir) -> Harness {
    let mut desktop = DesktopConfig::new(dir.path().to_owned());
    desktop.sandbox_step = Duration::ZERO;
    desktop.engine.poll_min = Duration::from_millis(30);
    desktop.engine.poll_max = Duration::from_millis(100);
    desktop.engine.tick = Duration::from_millis(50);
    let secrets = Arc::new(MemoryStore::default());
    let exited = Arc::new(AtomicBool::new(false));
    let flag = exited.clone();
    let config = AppConfig {
        desktop,
        secrets: secrets.clone(),
        exit: Some(Arc::new(move || flag.store(true, Ordering::SeqCst))),
        ui_state: false,
    };
    let mut app = invalidator_app::builder(mock_builder(), config)
        .build(tauri::generate_context!(test = true))
        .expect("the app builds");
    // One iteration runs the setup hook and opens the configured window, without handing
    // the thread to the event loop (the deprecation warns against calling it in a loop).
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let webview = app.get_webview_window("main").expect("the main window");
    Harness {
        _app: app,
        webview,
        secrets,
        dir,
        exited,
    }
}

impl Harness {
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|body| body.deserialize::<Value>().unwrap())
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    fn err(&self, cmd: &str, args: Value) -> Value {
        match self.invoke(cmd, args) {
            Ok(v) => panic!("{cmd} should have failed, answered {v}"),
            Err(e) => e,
        }
    }

    /// Waits until request `id`'s condition code is `code`.
    fn wait_code(&self, id: i64, code: &str) -> Value {
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        loop {
            let view = self.ok("request_details", json!({"id": id}));
            if view["condition"]["code"] == code {
                return view;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "#{id} never became {code}: {view}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn add_project(&self, name: &str) -> Value {
        self.ok(
            "save_project",
            json!({"draft": {"name": name, "apiBase": self.sandbox_url(), "v7": false, "batchSize": 10, "key": KEY}}),
        )
    }

    fn sandbox_url(&self) -> String {
        self.ok("app_info", json!({}))["sandboxUrl"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

#[test]
fn app_info_and_the_sandbox_project_on_first_start() {
    let h = harness();
    let info = h.ok("app_info", json!({}));
    assert_eq!(info["dataDir"], h.dir.path().display().to_string());
    assert!(
        info["sandboxUrl"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:")
    );
    assert_eq!(info["theme"], "system");
    let list = h.ok("list_projects", json!({}));
    assert_eq!(list["selected"], "sandbox");
    assert_eq!(list["projects"][0]["name"], "Sandbox");
    assert_eq!(list["projects"][0]["isSandbox"], true);
    assert_eq!(list["projects"][0]["key"], json!({"state": "public"}));
    assert_eq!(list["keychainProblem"], Value::Null);
}

#[test]
fn save_project_keeps_the_key_in_the_keychain_only_and_shows_it_masked() {
    let h = harness();
    let saved = h.add_project("Winter Shop");
    let id = saved["id"].as_str().unwrap().to_owned();
    assert_eq!(saved["name"], "Winter Shop");
    assert_eq!(saved["key"]["state"], "saved");
    assert_eq!(saved["key"]["masked"], "••••••••6789");
    assert!(
        !saved.to_string().contains(KEY),
        "the key came back over IPC"
    );
    assert_eq!(h.secrets.retrieve(&id).unwrap().unwrap().expose(), KEY);
    let settings = std::fs::read_to_string(h.dir.path().join("settings.json")).unwrap();
    assert!(settings.contains("Winter Shop"));
    assert!(!settings.contains(KEY), "the key is in the settings store");
    let list = h.ok("list_projects", json!({}));
    assert_eq!(list["selected"], id.as_str(), "a new project is selected");
    assert!(!list.to_string().contains(KEY));

    // Editing without a key keeps the saved one.
    let edited = h.ok(
        "save_project",
        json!({"draft": {"id": id, "name": "Winter Shop EU", "apiBase": h.sandbox_url(), "v7": true, "batchSize": 5}}),
    );
    assert_eq!(edited["v7"], true);
    assert_eq!(edited["key"]["state"], "saved");
}

#[test]
fn save_project_explains_what_to_fix() {
    let h = harness();
    let cases = [
        (
            json!({"name": "New", "v7": false, "batchSize": 10}),
            "A new project needs its API key",
        ),
        (
            json!({"name": " ", "v7": false, "batchSize": 10, "key": "k"}),
            "A project needs a name",
        ),
        (
            json!({"name": "X", "v7": false, "batchSize": 16, "key": "k"}),
            "between 1 and 15",
        ),
        (
            json!({"name": "X", "apiBase": "http://cdn.example.com", "v7": false, "batchSize": 10, "key": "k"}),
            "only https://",
        ),
        (
            json!({"name": "sandbox", "v7": false, "batchSize": 10, "key": "k"}),
            "built-in project's name",
        ),
    ];
    for (draft, words) in cases {
        let err = h.err("save_project", json!({"draft": draft}));
        // A base that cannot be used is the client's own kind: nothing was sent.
        let kind = if words == "only https://" {
            "badConfig"
        } else {
            "badInput"
        };
        assert_eq!(err["kind"], kind, "{err}");
        assert!(sentence(&err["problem"]).contains(words), "{err}");
    }
    h.add_project("Dup");
    let err = h.err(
        "save_project",
        json!({"draft": {"name": "dup", "v7": false, "batchSize": 10, "key": "k"}}),
    );
    assert!(sentence(&err["problem"]).contains("already exists"));
}

#[test]
fn select_remove_and_reload_projects() {
    let h = harness();
    let id = h.add_project("Shop")["id"].as_str().unwrap().to_owned();
    h.ok("select_project", json!({"id": "sandbox"}));
    assert_eq!(h.ok("list_projects", json!({}))["selected"], "sandbox");
    let err = h.err("select_project", json!({"id": "nope"}));
    assert_eq!(err["kind"], "notFound");
    let reloaded = h.ok("reload_keys", json!({}));
    assert_eq!(reloaded["projects"][1]["key"]["state"], "saved");
    h.ok("remove_project", json!({"id": id}));
    assert_eq!(
        h.ok("list_projects", json!({}))["projects"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        h.secrets.retrieve(&id).unwrap(),
        None,
        "its key is gone too"
    );
    let err = h.err("remove_project", json!({"id": "sandbox"}));
    assert_eq!(err["kind"], "badInput");
}

#[test]
fn test_connection_tells_an_accepted_key_from_a_rejected_one() {
    let h = harness();
    let ok = h.ok(
        "test_connection",
        json!({"projectId": "sandbox", "key": null, "apiBase": null}),
    );
    assert_eq!(ok["ok"], true);
    assert_eq!(ok["kind"], "accepted");
    assert!(english(&ok["result"]).contains("accepted the key"));
    let bad = h.ok(
        "test_connection",
        json!({"projectId": null, "key": "wrong_key_0000000000000000000", "apiBase": h.sandbox_url()}),
    );
    assert_eq!(bad["ok"], false);
    assert_eq!(bad["kind"], "unauthorized");
    assert!(
        english(&bad["result"]).contains("Check the API key"),
        "{bad}"
    );
    let viewer = h.ok(
        "test_connection",
        json!({"projectId": null, "key": cloudimage_sandbox::SANDBOX_FORBIDDEN_KEY, "apiBase": h.sandbox_url()}),
    );
    assert_eq!(viewer["kind"], "forbidden");
}

#[test]
fn preview_summarises_the_core_plan_and_pages_its_notices() {
    let h = harness();
    let plan = h.ok(
        "preview",
        json!({"projectId": "sandbox", "scope": "original", "source": {"kind": "text", "text": "/a.jpg?w=1\nhttps://t.cloudimg.io/b.jpg\nrel.jpg"}}),
    );
    assert_eq!(plan["paths"], 2);
    assert_eq!(plan["requests"], 1);
    assert_eq!(plan["firstPaths"][1]["path"], "/b.jpg");
    let kinds: Vec<&str> = plan["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["rejected", "queryStripped", "hostDropped"]);
    assert_eq!(english(&plan["groups"][0]["first"][0]["place"]), "line 3");

    // A list pasted in bulk is kept once and named by its id; its notices are paged.
    let text: String = (0..20_000)
        .map(|i| format!("https://t.cloudimg.io/bulk/{i}.jpg?w=600\n"))
        .collect();
    let staged = h.ok("stage_list", json!({"text": text}));
    assert_eq!(staged["lines"], 20_000);
    let plan = h.ok(
        "preview",
        json!({"projectId": "sandbox", "scope": "original", "source": {"kind": "staged", "id": staged["id"]}}),
    );
    assert_eq!(plan["paths"], 20_000);
    assert_eq!(plan["requests"], 2_000);
    let stripped = &plan["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["kind"] == "queryStripped")
        .unwrap()
        .clone();
    assert_eq!(stripped["count"], 20_000);
    assert_eq!(stripped["first"].as_array().unwrap().len(), 5);
    let page = h.ok(
        "preview_notices",
        json!({"previewId": plan["id"], "kind": "queryStripped", "offset": 19_990, "limit": 100}),
    );
    assert_eq!(page.as_array().unwrap().len(), 10);
    assert_eq!(english(&page[9]["place"]), "line 20,000");
}

#[test]
fn submit_log_details_refresh_and_pending() {
    let h = harness();
    let text: String = (1..=12).map(|i| format!("/p/{i}.jpg\n")).collect();
    let submitted = h.ok(
        "submit",
        json!({"projectId": "sandbox", "scope": "original", "source": {"kind": "text", "text": text}, "confirmation": null}),
    );
    let ids: Vec<i64> = serde_json::from_value(submitted["requestIds"].clone()).unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(submitted["waiting"], Value::Null);
    for id in &ids {
        let view = h.wait_code(*id, "done");
        assert_eq!(view["history"][0]["state"], "queued");
        assert!(view["uuid"].is_string());
    }
    let page = h.ok("log", json!({"filter": {"status": "done", "limit": 10}}));
    assert_eq!(page["batches"][0]["requests"].as_array().unwrap().len(), 2);
    assert_eq!(page["batches"][0]["origin"], "app");
    let none = h.ok("log", json!({"filter": {"status": "failed"}}));
    assert_eq!(none["batches"], json!([]));
    assert!(h.ok("refresh", json!({"ids": null})).is_number());
    assert_eq!(
        h.ok("pending_work", json!({})),
        json!({"unsent": 0, "atService": 0})
    );
    // A request that is not there is "not found", not a journal failure.
    let err = h.err("request_details", json!({"id": 999}));
    assert_eq!(err["kind"], "notFound");
}

#[test]
fn submit_refuses_bad_lists_and_unconfirmed_scope_all() {
    let h = harness();
    let err = h.err(
        "submit",
        json!({"projectId": "sandbox", "scope": "original", "source": {"kind": "text", "text": "relative.jpg"}, "confirmation": null}),
    );
    assert_eq!(err["kind"], "badInput");
    assert!(
        sentence(&err["problem"]).starts_with("Nothing was sent"),
        "{err}"
    );
    // Each refused line comes with it, and why.
    assert_eq!(err["refused"][0]["kind"], "rejected", "{err}");
    assert_eq!(
        err["refused"][0]["text"]["id"], "notice-not-absolute",
        "{err}"
    );
    let err = h.err(
        "submit",
        json!({"projectId": "sandbox", "scope": "all", "source": {"kind": "text", "text": ""}, "confirmation": "wrong"}),
    );
    assert_eq!(err["kind"], "badInput");
    assert!(sentence(&err["problem"]).contains("Type the project's name, Sandbox"));
    let ok = h.ok(
        "submit",
        json!({"projectId": "sandbox", "scope": "all", "source": {"kind": "text", "text": ""}, "confirmation": "sandbox"}),
    );
    h.wait_code(ok["requestIds"][0].as_i64().unwrap(), "done");
}

#[test]
fn retry_links_the_new_request_and_refuses_what_has_nothing_to_retry() {
    let h = harness();
    let submitted = h.ok(
        "submit",
        json!({"projectId": "sandbox", "scope": "original", "source": {"kind": "text", "text": "/x/sandbox-error.jpg\n/ok.jpg"}, "confirmation": null}),
    );
    let id = submitted["requestIds"][0].as_i64().unwrap();
    let failed = h.wait_code(id, "error");
    assert_eq!(failed["condition"]["retryable"], true);
    let retried = h.ok("retry", json!({"id": id}));
    let retry_id = retried["requestIds"][0].as_i64().unwrap();
    let view = h.wait_code(retry_id, "done");
    assert_eq!(view["retryOf"], id);
    assert_eq!(
        view["paths"],
        json!([{"path": "/x/sandbox-error.jpg", "result": "invalidated"}])
    );
    let err = h.err("retry", json!({"id": retry_id}));
    assert_eq!(err["kind"], "notRetryable");
}

#[test]
fn a_project_without_a_key_queues_and_says_so() {
    let h = harness();
    let id = h.add_project("Shop")["id"].as_str().unwrap().to_owned();
    // The key disappears from the keychain behind the app's back.
    h.secrets.delete(&id).unwrap();
    let list = h.ok("reload_keys", json!({}));
    assert_eq!(list["projects"][1]["key"]["state"], "missing");
    let submitted = h.ok(
        "submit",
        json!({"projectId": id, "scope": "original", "source": {"kind": "text", "text": "/a.jpg"}, "confirmation": null}),
    );
    assert_eq!(
        submitted["waiting"],
        json!({"id": "waiting-no-key", "args": {"project": "Shop"}}),
        "{submitted}"
    );
    let request = submitted["requestIds"][0].as_i64().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        h.ok("request_details", json!({"id": request}))["state"],
        "queued"
    );
    // With the key back, the queue is sent.
    h.ok(
        "save_project",
        json!({"draft": {"id": id, "name": "Shop", "apiBase": h.sandbox_url(), "v7": false, "batchSize": 10, "key": KEY}}),
    );
    h.wait_code(request, "done");
}

#[test]
fn theme_is_a_setting() {
    let h = harness();
    h.ok("set_theme", json!({"theme": "dark"}));
    assert_eq!(h.ok("app_info", json!({}))["theme"], "dark");
    let err = h.err("set_theme", json!({"theme": "purple"}));
    assert_eq!(err["kind"], "badInput");
    assert!(sentence(&err["problem"]).contains("use system, light or dark"));
}

#[test]
fn the_ui_may_call_only_the_app_commands() {
    let h = harness();
    // Plugins are used from Rust only: their commands are not exposed to the page.
    let denied = h.invoke(
        "plugin:notification|notify",
        json!({"options": {"title": "x"}}),
    );
    assert!(denied.is_err(), "{denied:?}");
}

#[test]
fn close_app_stops_the_engine_and_leaves_the_queue_in_the_journal() {
    let h = harness();
    // A project whose key is gone: its submission can only wait in the queue.
    let id = h.add_project("Shop")["id"].as_str().unwrap().to_owned();
    h.secrets.delete(&id).unwrap();
    h.ok("reload_keys", json!({}));
    let submitted = h.ok(
        "submit",
        json!({"projectId": id, "scope": "original", "source": {"kind": "text", "text": "/a.jpg"}, "confirmation": null}),
    );
    assert_eq!(h.ok("pending_work", json!({}))["unsent"], 1);
    assert!(!h.exited.load(Ordering::SeqCst));
    h.ok("close_app", json!({}));
    assert!(h.exited.load(Ordering::SeqCst), "the app was told to exit");
    let journal = invalidator::Journal::open(&h.dir.path().join("journal.sqlite3")).unwrap();
    let request = journal
        .request(submitted["requestIds"][0].as_i64().unwrap())
        .unwrap();
    assert_eq!(request.state, invalidator::RequestState::Queued);
}

#[test]
fn a_journal_that_cannot_be_used_opens_a_window_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("journal.sqlite3");
    std::fs::write(&journal, "not a database\n".repeat(300)).unwrap();
    let h = harness_in(dir);
    let failure = h.ok("startup_failure", json!({}));
    assert_eq!(failure["path"], journal.display().to_string());
    assert_eq!(failure["problem"]["id"], "start-not-a-journal", "{failure}");
    let words = invalidator_words::Words::english();
    assert!(
        words
            .say_attribute(&failure["problem"], "advice")
            .contains("move the file elsewhere"),
        "{failure}"
    );
    // The other commands answer with an error, not a crash; closing works.
    assert!(h.invoke("app_info", json!({})).is_err());
    h.ok("close_app", json!({}));
    assert!(h.exited.load(Ordering::SeqCst));
    assert_eq!(
        std::fs::read_to_string(&journal).unwrap(),
        "not a database\n".repeat(300)
    );
}

#[test]
fn a_damaged_settings_file_is_reported_until_the_user_chooses() {
    let dir = tempfile::tempdir().unwrap();
    let settings = dir.path().join("settings.json");
    std::fs::write(&settings, br#"{"projects": [{"id": "a", "na"#).unwrap();
    let h = harness_in(dir);
    assert_eq!(h.ok("startup_failure", json!({})), Value::Null);
    let list = h.ok("list_projects", json!({}));
    assert_eq!(
        list["settingsProblem"]["path"],
        settings.display().to_string()
    );
    assert_eq!(list["settingsProblem"]["canRestore"], false);
    let err = h.err(
        "save_project",
        json!({"draft": {"name": "Shop", "apiBase": h.sandbox_url(), "v7": false, "batchSize": 10, "key": KEY}}),
    );
    assert_eq!(err["kind"], "settingsDamaged");
    assert_eq!(
        std::fs::read(&settings).unwrap(),
        br#"{"projects": [{"id": "a", "na"#
    );
    let list = h.ok("start_settings_afresh", json!({}));
    assert_eq!(list["settingsProblem"], Value::Null);
    h.add_project("Shop");
}

/// A message of the payload in English, as an English window says it.
fn english(message: &Value) -> String {
    invalidator_words::Words::english().say(message)
}

/// A problem as the window shows it: a sentence, its first letter a capital.
fn sentence(message: &Value) -> String {
    let text = english(message);
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
