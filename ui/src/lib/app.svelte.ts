// The app's state and the actions on it. Components read the fields and call the methods;
// only this file and backend.ts know about commands and events.
import { backend as defaultBackend, asAppError, type Backend } from './backend';
import type {
  AppError,
  AppInfo,
  LogFilter,
  LogPage,
  Pending,
  Project,
  ProjectList,
  RequestView,
  Scope,
  StartFailure,
  Theme,
} from './types';

export const PAGE_SIZE = 25;

export interface Toast {
  id: number;
  text: string;
  tone: 'ok' | 'warning' | 'error';
}

/** What the form opens with (Duplicate fills it from an earlier invalidation). */
export interface FormSeed {
  scope: Scope;
  text: string;
}

export class AppModel {
  info = $state<AppInfo | null>(null);
  /** The chosen theme; `system` follows the OS. */
  theme = $state<Theme>('system');
  projects = $state<ProjectList | null>(null);
  page = $state<LogPage>({ batches: [], nextBefore: null });
  filter = $state<Required<Pick<LogFilter, 'projectId' | 'status' | 'scope' | 'text'>>>({
    projectId: null,
    status: null,
    scope: null,
    text: null,
  });
  pages = $state(1);
  loadingLog = $state(false);
  /** The last action that failed, shown as a banner until dismissed. */
  error = $state<AppError | null>(null);
  toasts = $state<Toast[]>([]);
  /** Set when the window was asked to close with work still unsent. */
  closeRequest = $state<Pending | null>(null);
  /** Why the app could not start; the window then shows only this. */
  startupFailure = $state<StartFailure | null>(null);
  /** What holds sending or polling up (the journal refuses writes). */
  engineProblem = $state<string | null>(null);
  /** Open dialogs. */
  formSeed = $state<FormSeed | null>(null);
  detailsId = $state<number | null>(null);
  projectsOpen = $state(false);

  private nextToast = 1;
  private stopped = false;
  private unlisten: (() => void)[] = [];
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  /** Bumped whenever the journal changes, so open views can reload. */
  revision = $state(0);

  constructor(private api: Backend = defaultBackend) {}

  get selected(): Project | undefined {
    const list = this.projects;
    return list?.projects.find((p) => p.id === list.selected);
  }

  /** Starts listening for changes, then loads everything. */
  async start(): Promise<void> {
    let failure: StartFailure | null = null;
    await this.guard(async () => {
      failure = await this.api.startupFailure();
    });
    if (failure) {
      this.startupFailure = failure;
      return;
    }
    // Listen first, so that nothing changing during the first load is missed.
    const listeners = await Promise.all([
      this.api.onJournalChanged(() => this.scheduleReload()),
      this.api.onProjectsChanged(() => void this.loadProjects()),
      this.api.onCloseRequested((pending) => {
        this.closeRequest = pending;
      }),
      this.api.onEngineProblem((problem) => {
        this.engineProblem = problem;
      }),
    ]);
    if (this.stopped) {
      listeners.forEach((u) => u());
      return;
    }
    this.unlisten.push(...listeners);
    await Promise.all([
      this.guard(async () => {
        this.info = await this.api.appInfo();
        this.theme = this.info.theme;
      }),
      this.loadProjects(),
      this.loadLog(),
    ]);
    // Countdowns ("next in 4 s") are computed when read: re-read while something waits.
    this.ticker = setInterval(() => {
      if (this.hasCountdown()) this.scheduleReload(0);
    }, 1000);
    if (this.stopped) this.stop();
  }

  stop(): void {
    this.stopped = true;
    this.unlisten.forEach((u) => u());
    this.unlisten = [];
    if (this.ticker) clearInterval(this.ticker);
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
  }

  async loadProjects(): Promise<void> {
    await this.guard(async () => {
      this.projects = await this.api.listProjects();
    });
  }

  /** A damaged settings file: restore its last good copy. */
  async restoreSettings(): Promise<void> {
    await this.guard(async () => {
      this.projects = await this.api.restoreSettings();
      this.toast('The last good copy of the settings was restored; the damaged file is kept beside it.');
    });
  }

  /** A damaged settings file: start with empty settings (the damaged file is kept beside). */
  async startSettingsAfresh(): Promise<void> {
    await this.guard(async () => {
      this.projects = await this.api.startSettingsAfresh();
      this.toast('Started with empty settings; the damaged file is kept beside the new one.', 'warning');
    });
  }

  async reloadKeys(): Promise<void> {
    await this.guard(async () => {
      this.projects = await this.api.reloadKeys();
    });
  }

  async selectProject(id: string): Promise<void> {
    await this.guard(async () => {
      await this.api.selectProject(id);
      if (this.projects) this.projects = { ...this.projects, selected: id };
    });
  }

  async setTheme(theme: Theme): Promise<void> {
    await this.guard(async () => {
      await this.api.setTheme(theme);
      this.theme = theme;
    });
  }

  /** Reads the log again, as many pages as are shown. */
  async loadLog(): Promise<void> {
    this.loadingLog = true;
    try {
      await this.guard(async () => {
        this.page = await this.api.log({ ...this.filter, limit: PAGE_SIZE * this.pages });
        this.revision += 1;
      });
    } finally {
      this.loadingLog = false;
    }
  }

  async loadMore(): Promise<void> {
    this.pages += 1;
    await this.loadLog();
  }

  async setFilter(change: Partial<AppModel['filter']>): Promise<void> {
    this.filter = { ...this.filter, ...change };
    this.pages = 1;
    await this.loadLog();
  }

  /** The refresh button: ask the service about everything open, now. */
  async refreshNow(ids?: number[]): Promise<void> {
    await this.guard(async () => {
      await this.api.refresh(ids);
    });
    await this.loadLog();
  }

  async retry(id: number): Promise<boolean> {
    return this.guard(async () => {
      const submitted = await this.api.retry(id);
      this.toast(
        submitted.waiting ??
          `Retry recorded as request #${submitted.requestIds[0]} (batch ${submitted.batchId}); sending…`,
        submitted.waiting ? 'warning' : 'ok',
      );
      await this.loadLog();
    });
  }

  openForm(seed: FormSeed = { scope: 'original', text: '' }): void {
    this.formSeed = seed;
  }

  /** Duplicate: the form, filled with an earlier invalidation's paths. */
  duplicate(request: RequestView): void {
    this.detailsId = null;
    const text = request.paths
      .slice(0, request.pathCount)
      .map((p) => p.path)
      .join('\n');
    this.openForm({ scope: request.scope, text });
  }

  async confirmClose(): Promise<void> {
    this.closeRequest = null;
    await this.guard(() => this.api.closeApp());
  }

  toast(text: string, tone: Toast['tone'] = 'ok'): void {
    const id = this.nextToast++;
    this.toasts = [...this.toasts, { id, text, tone }];
    setTimeout(() => this.dismissToast(id), tone === 'ok' ? 5000 : 10000);
  }

  dismissToast(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  /** Runs an action; a failure becomes the error banner. Returns whether it worked. */
  async guard(action: () => Promise<unknown>): Promise<boolean> {
    try {
      await action();
      return true;
    } catch (error) {
      this.error = asAppError(error);
      return false;
    }
  }

  private scheduleReload(delay = 150): void {
    if (this.reloadTimer) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      void this.loadLog();
    }, delay);
  }

  private hasCountdown(): boolean {
    return this.page.batches.some((b) =>
      b.requests.some((r) => r.state === 'retrying' || r.dueAt !== null && r.condition.tone === 'local'),
    );
  }
}
