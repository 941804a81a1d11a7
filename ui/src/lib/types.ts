// The shapes the Rust side sends and takes. They are generated from the Rust types into
// ./bindings (ts-rs; `cargo test` fails when they drift: see src-tauri/tests/it/bindings.rs), and
// only named here, with the few narrowings the UI adds.

import type { AppError as RustError } from './bindings/AppError';
import type { ErrorKind } from './bindings/ErrorKind';
import type { Message } from './words.svelte';

export type { AppInfo } from './bindings/AppInfo';
export type { BatchEnded } from './bindings/BatchEnded';
export type { BatchView } from './bindings/BatchView';
export type { Check } from './bindings/Check';
export type { CodeCount } from './bindings/CodeCount';
export type { Condition } from './bindings/Condition';
export type { ConditionCode } from './bindings/ConditionCode';
export type { ConnectionTest } from './bindings/ConnectionTest';
export type { ErrorKind } from './bindings/ErrorKind';
export type { Exported } from './bindings/Exported';
export type { Format } from './bindings/Format';
export type { FirstLook } from './bindings/FirstLook';
export type { Freshness } from './bindings/Freshness';
export type { HistoryEntry } from './bindings/HistoryEntry';
export type { Holdup } from './bindings/Holdup';
export type { JournalChanged } from './bindings/JournalChanged';
export type { KeyState } from './bindings/KeyState';
export type { ListedPath } from './bindings/ListedPath';
export type { ListSource } from './bindings/ListSource';
export type { LogFilter } from './bindings/LogFilter';
export type { LogPage } from './bindings/LogPage';
export type { Notice } from './bindings/Notice';
export type { NoticeGroup } from './bindings/NoticeGroup';
export type { NoticeKind } from './bindings/NoticeKind';
export type { PathPage } from './bindings/PathPage';
export type { PathResult } from './bindings/PathResult';
export type { Pending } from './bindings/Pending';
export type { PlanSummary } from './bindings/PlanSummary';
export type { ProjectDraft } from './bindings/ProjectDraft';
export type { ProjectList } from './bindings/ProjectList';
export type { ProjectRef } from './bindings/ProjectRef';
export type { RequestView } from './bindings/RequestView';
export type { SettingsProblem } from './bindings/SettingsProblem';
export type { Staged } from './bindings/Staged';
export type { StartFailure } from './bindings/StartFailure';
export type { Submitted } from './bindings/Submitted';
export type { StatusFilter } from './bindings/StatusFilter';
export type { Tone } from './bindings/Tone';
export type { Verdict } from './bindings/Verdict';

/** A project as the UI shows it. */
export type { RememberedFilters } from './bindings/RememberedFilters';
export type { ProjectView as Project } from './bindings/ProjectView';
/** What a batch flushes. */
export type { ScopeKind as Scope } from './bindings/ScopeKind';

/** What a command rejected with; `unexpected` when the call itself failed (no Rust error),
 *  its problem then a message of the UI's own. */
export type AppError = Omit<RustError, 'kind' | 'problem'> & {
  kind: ErrorKind | 'unexpected';
  problem: Message;
};

/** The settings store keeps any string; these are the ones the UI offers. */
export type Theme = 'system' | 'light' | 'dark';
