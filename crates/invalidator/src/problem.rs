//! What went wrong, and what to do, as catalogue messages (`locales/`) with their facts: the
//! window and the CLI say them in the user's words, the logs in English. `cause` is what the
//! system said (a file error, a parser's complaint): a fact shown as it came.

use serde::Serialize;

use crate::StartProblem;
use crate::condition::ConditionText;
use crate::list_file::ListName;

/// A problem the user can act on: each variant one sentence of the catalogue, its id in `id`
/// and its facts in `args`. Request and batch numbers are names (`"12"`), not counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum Problem {
    // The journal.
    #[serde(rename = "problem-no-such-request")]
    NoSuchRequest { request: String },
    #[serde(rename = "problem-unknown-reference")]
    UnknownReference { reference: String },
    #[serde(rename = "problem-reference-too-short")]
    ReferenceTooShort { reference: String },
    #[serde(rename = "problem-reference-ambiguous")]
    ReferenceAmbiguous { reference: String },
    #[serde(rename = "problem-journal")]
    Journal { cause: String },

    // Projects and settings.
    #[serde(rename = "problem-project-needs-name")]
    ProjectNeedsName,
    #[serde(rename = "problem-batch-size")]
    BatchSize { most: usize },
    /// A delivery base that is not a plain web address; `why` says what is wrong with it.
    #[serde(rename = "problem-delivery-base")]
    DeliveryBase {
        base: String,
        why: DeliveryBaseFault,
    },
    #[serde(rename = "problem-unknown-theme")]
    UnknownTheme { theme: String },
    #[serde(rename = "problem-settings-damaged")]
    SettingsDamaged { path: String, cause: String },
    #[serde(rename = "problem-backup-unreadable")]
    BackupUnreadable { path: String, cause: String },
    #[serde(rename = "problem-settings-unwritable")]
    SettingsUnwritable { path: String, cause: String },
    #[serde(rename = "problem-no-such-project")]
    NoSuchProject { project: String },
    #[serde(rename = "problem-sandbox-name")]
    SandboxName,
    #[serde(rename = "problem-project-exists")]
    ProjectExists { project: String },
    #[serde(rename = "problem-new-project-needs-key")]
    NewProjectNeedsKey,
    /// The saved key goes only to the base it was saved with.
    #[serde(rename = "problem-key-stays-with-base")]
    KeyStaysWithBase {
        project: String,
        saved: String,
        base: String,
    },
    #[serde(rename = "problem-sandbox-stays")]
    SandboxStays,
    #[serde(rename = "problem-key-to-test")]
    KeyToTest,
    #[serde(rename = "problem-no-key-to-test")]
    NoKeyToTest,

    // Lists and submissions.
    #[serde(rename = "problem-list-refused")]
    ListRefused { lines: usize },
    #[serde(rename = "problem-no-paths")]
    NoPaths,
    #[serde(rename = "problem-list-unreadable")]
    ListUnreadable { list: ListName, cause: String },
    #[serde(rename = "problem-list-not-utf8")]
    ListNotUtf8 {
        list: ListName,
        byte: String,
        line: usize,
    },
    #[serde(rename = "problem-list-too-big")]
    ListTooBig { list: ListName, megabytes: u64 },
    #[serde(rename = "problem-list-gone")]
    ListGone,
    #[serde(rename = "problem-list-changed")]
    ListChanged,
    #[serde(rename = "problem-confirm-whole-cache")]
    ConfirmWholeCache { project: String },
    #[serde(rename = "problem-nothing-to-retry")]
    NothingToRetry {
        request: String,
        status: ConditionText,
    },

    // Checks at the CDN.
    #[serde(rename = "problem-whole-cache-unchecked")]
    WholeCacheUnchecked { request: String },
    #[serde(rename = "problem-not-done-yet")]
    NotDoneYet {
        request: String,
        status: ConditionText,
    },
    #[serde(rename = "problem-no-delivery-base")]
    NoDeliveryBase { project: String },

    // Keys and the keychain.
    /// No keychain service, or it refused access (locked, no D-Bus session, …).
    #[serde(rename = "problem-keychain-unavailable")]
    KeychainUnavailable { cause: String },
    /// No answer in time: probably locked, waiting for a password.
    #[serde(rename = "problem-keychain-timed-out")]
    KeychainTimedOut { seconds: u64 },
    #[serde(rename = "problem-keychain-failed")]
    KeychainFailed { cause: String },
    #[serde(rename = "problem-file")]
    File { cause: String },

    // The window's own.
    #[serde(rename = "problem-file-out-of-reach")]
    FileOutOfReach { cause: String },
    #[serde(rename = "problem-export-out-of-reach")]
    ExportOutOfReach { cause: String },
    #[serde(rename = "problem-unknown-language")]
    UnknownLanguage { language: String },

    // The command line.
    #[serde(rename = "problem-cli-no-saved-projects")]
    CliNoSavedProjects { name: String, folder: String },
    #[serde(rename = "problem-cli-no-such-project")]
    CliNoSuchProject { name: String, saved: String },
    #[serde(rename = "problem-cli-no-key-in-keychain")]
    CliNoKeyInKeychain { project: String },
    #[serde(rename = "problem-cli-no-key")]
    CliNoKey { variable: String },
    #[serde(rename = "problem-cli-this-project")]
    CliThisProject,
    #[serde(rename = "problem-cli-scope-all-paths")]
    CliScopeAllPaths,
    #[serde(rename = "problem-cli-scope-all-yes")]
    CliScopeAllYes { project: String },
    #[serde(rename = "problem-cli-no-paths")]
    CliNoPaths,
    #[serde(rename = "problem-cli-other-project")]
    CliOtherProject {
        request: String,
        project: String,
        base: String,
    },
    #[serde(rename = "problem-cli-no-saved-delivery-base")]
    CliNoSavedDeliveryBase { request: String, project: String },

    // Sending and following.
    /// The process sending it stopped before the answer came.
    #[serde(rename = "problem-interrupted")]
    Interrupted,
    /// The service gave this send the id it had given request `other`.
    #[serde(rename = "problem-acknowledged-twice")]
    AcknowledgedTwice { uuid: String, other: String },
    #[serde(rename = "problem-status-check-failed")]
    StatusCheckFailed { said: cloudimage::ApiSaid },

    /// What the service or the network said, with its facts.
    #[serde(rename = "problem-api")]
    Api { said: cloudimage::ApiSaid },
    /// A file or folder needed to start cannot be used.
    #[serde(rename = "problem-cannot-start")]
    CannotStart { start: StartProblem },
}

/// What to do about a kind of error, said under it by the CLI and the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "id")]
pub enum Advice {
    #[serde(rename = "advice-check-key")]
    CheckKey,
    #[serde(rename = "advice-role")]
    Role,
    #[serde(rename = "advice-check-connection")]
    CheckConnection,
    #[serde(rename = "advice-check-base")]
    CheckBase,
    #[serde(rename = "advice-unlock-keychain")]
    UnlockKeychain,
    /// A connection test that ended in another error.
    #[serde(rename = "advice-key-not-checked")]
    KeyNotChecked,
}

/// What is wrong with a delivery base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "id", content = "args")]
pub enum DeliveryBaseFault {
    #[serde(rename = "delivery-base-not-an-address")]
    NotAnAddress { cause: String },
    #[serde(rename = "delivery-base-scheme")]
    Scheme,
    #[serde(rename = "delivery-base-no-host")]
    NoHost,
    #[serde(rename = "delivery-base-credentials")]
    Credentials,
    #[serde(rename = "delivery-base-query")]
    Query,
}

crate::said::in_english!(Problem);
