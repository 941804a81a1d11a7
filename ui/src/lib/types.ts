// The shapes the Rust side sends (serde, camelCase). Kept by hand beside the Rust types in
// crates/invalidator (journal/view.rs, condition.rs, desktop.rs, submission.rs, paths.rs).

export type Tone = 'local' | 'progress' | 'ok' | 'warning' | 'error';
export type Scope = 'original' | 'all';

export interface Condition {
  code: string;
  label: string;
  raw: string | null;
  tone: Tone;
  detail: string;
  finished: boolean;
  retryable: boolean;
}

export interface ProjectRef {
  id: string;
  name: string;
  apiBase: string;
}

export interface PathResult {
  path: string;
  result: 'pending' | 'invalidated' | 'failed';
}

export interface HistoryEntry {
  at: string;
  state: string;
  status: string | null;
  detail: string | null;
}

export interface RequestView {
  id: number;
  batchId: number;
  seq: number;
  project: ProjectRef;
  scope: Scope;
  createdAt: string;
  updatedAt: string;
  uuid: string | null;
  addedAt: string | null;
  state: string;
  status: string | null;
  condition: Condition;
  attempts: number;
  dueAt: string | null;
  error: { kind: string; message: string } | null;
  retryOf: number | null;
  retriedBy: number[];
  pathCount: number;
  failedCount: number;
  /** The first paths; `morePaths` says how many more `requestPaths` pages. */
  paths: PathResult[];
  morePaths: number;
  history?: HistoryEntry[];
}

export interface CodeCount {
  code: string;
  count: number;
}

export interface PathPage {
  paths: PathResult[];
  total: number;
}

export interface BatchView {
  id: number;
  createdAt: string;
  project: ProjectRef;
  scope: Scope;
  origin: string;
  /** How many of its requests match the filter; `requests` holds the first of them. */
  requestCount: number;
  counts: CodeCount[];
  requests: RequestView[];
}

export interface LogPage {
  batches: BatchView[];
  nextBefore: number | null;
}

export interface LogFilter {
  projectId?: string | null;
  status?: string | null;
  scope?: Scope | null;
  text?: string | null;
  beforeBatch?: number | null;
  limit?: number;
  requestsPerBatch?: number;
}

export type KeyState =
  | { state: 'public' }
  | { state: 'unchecked' }
  | { state: 'saved'; masked: string }
  | { state: 'missing' }
  | { state: 'unusable'; message: string }
  | { state: 'unavailable'; message: string };

export interface Project {
  id: string;
  name: string;
  apiBase: string;
  v7: boolean;
  batchSize: number;
  isSandbox: boolean;
  effectiveApiBase: string;
  key: KeyState;
}

/** `settings.json` cannot be read: it is left as it is until the user chooses. */
export interface SettingsProblem {
  path: string;
  cause: string;
  /** A last good copy exists and reads fine. */
  canRestore: boolean;
}

export interface ProjectList {
  projects: Project[];
  selected: string;
  keychainProblem: string | null;
  settingsProblem: SettingsProblem | null;
}

/** Why the app could not start: the window then shows only this. */
export interface StartFailure {
  what: string;
  path: string;
  cause: string;
  advice: string;
}

export interface ProjectDraft {
  id?: string | null;
  name: string;
  apiBase?: string | null;
  v7: boolean;
  batchSize: number;
  key?: string | null;
}

export type NoticeKind =
  | 'queryStripped'
  | 'fragmentStripped'
  | 'hostDropped'
  | 'normalized'
  | 'v7Dropped'
  | 'v7Added'
  | 'duplicate'
  | 'rejected';

export interface Notice {
  line: number | null;
  place: string | null;
  kind: NoticeKind;
  message: string;
}

export interface ListedPath {
  path: string;
  line: number;
}

export interface NoticeGroup {
  kind: NoticeKind;
  count: number;
  first: Notice[];
}

/** The core's reading of a list, summarised: it stays small however long the list. */
export interface PlanSummary {
  id: number;
  scope: Scope;
  paths: number;
  requests: number;
  firstPaths: ListedPath[];
  groups: NoticeGroup[];
}

/** Where the form's list is: typed, or kept in Rust (pasted in bulk, loaded from a file). */
export type ListSource = { kind: 'text'; text: string } | { kind: 'staged'; id: number };

export interface Staged {
  id: number;
  lines: number;
  bytes: number;
  name: string | null;
}

export interface Submitted {
  batchId: number;
  requestIds: number[];
  waiting: string | null;
}

export interface ConnectionTest {
  ok: boolean;
  kind: string;
  message: string;
}

export interface Pending {
  unsent: number;
  atService: number;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  sandboxUrl: string;
  apiBaseOverride: string | null;
  theme: Theme;
}

export type Theme = 'system' | 'light' | 'dark';

/** What every command rejects with. `kind` is stable; `message` is for people. */
export interface AppError {
  kind: string;
  message: string;
  retryAfter?: number;
}

export interface JournalChanged {
  ids: number[];
  external: boolean;
}
