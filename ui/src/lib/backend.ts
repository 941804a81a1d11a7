// The one module that talks to Tauri. Everything else imports these typed functions, so tests
// mock a single place (mockIPC) and the UI could run against another backend.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import { getCurrentWebview } from '@tauri-apps/api/webview';
import type {
  AppError,
  AppInfo,
  BatchEnded,
  ConnectionTest,
  Holdup,
  JournalChanged,
  LogFilter,
  ListSource,
  LogPage,
  Notice,
  NoticeKind,
  PathPage,
  Pending,
  PlanSummary,
  ProjectDraft,
  ProjectList,
  Project,
  RememberedFilters,
  RequestView,
  Scope,
  Staged,
  StartFailure,
  Submitted,
  Theme,
} from './types';

/** Turns whatever a command rejected with into an AppError. */
export function asAppError(error: unknown): AppError {
  if (error && typeof error === 'object' && 'kind' in error && 'problem' in error) {
    return error as AppError;
  }
  return {
    kind: 'unexpected',
    problem: { id: 'problem-unexpected', args: { cause: String(error) } },
    advice: null,
    refused: [],
  };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw asAppError(error);
  }
}

export const backend = {
  startupFailure: () => call<StartFailure | null>('startup_failure'),
  appInfo: () => call<AppInfo>('app_info'),
  listProjects: () => call<ProjectList>('list_projects'),
  reloadKeys: () => call<ProjectList>('reload_keys'),
  saveProject: (draft: ProjectDraft) => call<Project>('save_project', { draft }),
  removeProject: (id: string) => call<void>('remove_project', { id }),
  selectProject: (id: string) => call<void>('select_project', { id }),
  testConnection: (args: { projectId?: string | null; key?: string | null; apiBase?: string | null }) =>
    call<ConnectionTest>('test_connection', {
      projectId: args.projectId ?? null,
      key: args.key ?? null,
      apiBase: args.apiBase ?? null,
    }),
  stageList: (text: string) => call<Staged>('stage_list', { text }),
  stageFile: (path: string) => call<Staged>('stage_file', { path }),
  pickListFile: () => call<Staged | null>('pick_list_file'),
  preview: (projectId: string, scope: Scope, source: ListSource) =>
    call<PlanSummary>('preview', { projectId, scope, source }),
  previewNotices: (previewId: number, kind: NoticeKind, offset: number, limit: number) =>
    call<Notice[]>('preview_notices', { previewId, kind, offset, limit }),
  submit: (projectId: string, scope: Scope, source: ListSource, confirmation: string | null) =>
    call<Submitted>('submit', { projectId, scope, source, confirmation }),
  retry: (id: number) => call<Submitted>('retry', { id }),
  refresh: (ids?: number[]) => call<number>('refresh', { ids: ids ?? null }),
  log: (filter: LogFilter) => call<LogPage>('log', { filter }),
  requestDetails: (id: number) => call<RequestView>('request_details', { id }),
  /** Asks each path's delivery URL (no key goes there); the request with the answers. */
  checkRequest: (id: number) => call<RequestView>('check_request', { id }),
  /** The requests of a batch whose files can be checked now, in order. */
  checkableRequests: (batchId: number) => call<number[]>('checkable_requests', { batchId }),
  requests: (ids: number[]) => call<RequestView[]>('requests', { ids }),
  batchPage: (batchId: number, filter: LogFilter, offset: number, limit: number) =>
    call<RequestView[]>('batch_page', { batchId, filter, offset, limit }),
  exportLog: (filter: LogFilter, format: 'csv' | 'json') =>
    call<{ path: string; batches: number; requests: number } | null>('export_log', { filter, format }),
  requestPaths: (id: number, failedOnly: boolean, offset: number, limit: number) =>
    call<PathPage>('request_paths', { id, failedOnly, offset, limit }),
  pendingWork: () => call<Pending>('pending_work'),
  setTheme: (theme: Theme) => call<void>('set_theme', { theme }),
  restoreSettings: () => call<ProjectList>('restore_settings'),
  startSettingsAfresh: () => call<ProjectList>('start_settings_afresh'),
  closeApp: () => call<void>('close_app'),
  /** The log's filters as the window last had them (kept in the data folder's ui-state.json). */
  rememberedFilters: () => call<RememberedFilters>('remembered_filters'),
  rememberFilters: (filters: RememberedFilters) => call<void>('remember_filters', { filters }),
  /** The language the window was told to speak, `system` for the OS's (ui-state.json). */
  rememberedLanguage: () => call<string>('remembered_language'),
  rememberLanguage: (language: string) => call<void>('remember_language', { language }),

  onJournalChanged: (handler: (change: JournalChanged) => void): Promise<UnlistenFn> =>
    listen<JournalChanged>('journal-changed', (event) => handler(event.payload)),
  onProjectsChanged: (handler: () => void): Promise<UnlistenFn> =>
    listen('projects-changed', () => handler()),
  onCloseRequested: (handler: (pending: Pending) => void): Promise<UnlistenFn> =>
    listen<Pending>('close-requested', (event) => handler(event.payload)),
  onBatchEnded: (handler: (ended: BatchEnded) => void): Promise<UnlistenFn> =>
    listen<BatchEnded>('batch-ended', (event) => handler(event.payload)),
  onEngineProblem: (handler: (holdups: Holdup[]) => void): Promise<UnlistenFn> =>
    listen<Holdup[]>('engine-problem', (event) => handler(event.payload)),
  /** Files dropped on the window: their paths. */
  onFilesDropped: async (handler: (paths: string[]) => void): Promise<UnlistenFn> =>
    getCurrentWebview().onDragDropEvent((event) => {
      if (event.payload.type === 'drop') handler(event.payload.paths);
    }),
};

export type Backend = typeof backend;
