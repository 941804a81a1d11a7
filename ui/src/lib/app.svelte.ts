// The app's state and the actions on it. Components read the fields and call the methods.
// Only backend.ts talks to Tauri; this file alone listens to its events. Three components
// (AddInvalidation, Projects, Details) also call backend.ts's typed functions themselves, for
// the one-off actions whose state stays in their own dialog or form.
import { backend as defaultBackend, asAppError, type Backend } from './backend';
import { say, sayAttribute, setLanguage, systemLanguage, type Message } from './words.svelte';
import { VOCABULARY } from './bindings/vocabularyValues';
import { countCodes, firstScreenful, patchRows, reuseUnchanged, shownByBatch, withBatch } from './logPage';
import { afterPaint, mark, revealGradually } from './paint';
import type {
  AppError,
  AppInfo,
  BatchView,
  FirstLook,
  Holdup,
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

/** Batches a page of the log holds (as the Rust side reads a first page too). */
export const PAGE_SIZE = VOCABULARY.log.batchesPerPage;
/** Requests a big batch shows at first, and adds each time it is expanded. */
export const BATCH_PAGE = VOCABULARY.log.requestsPerBatch;

/** How far checking a whole batch at the CDN got. */
export interface BatchCheck {
  batchId: number;
  /** Requests checked, of `total`. */
  done: number;
  total: number;
  /** Stop was pressed: ends after the request being checked. */
  stopping: boolean;
}

export interface Toast {
  id: number;
  /** Said when shown, so that it speaks the window's language. */
  message: Message;
  tone: 'ok' | 'warning' | 'error';
}

/** What the form opens with (Duplicate fills it from an earlier invalidation). */
export interface FormSeed {
  scope: Scope;
  text: string;
}

export class AppModel {
  info = $state<AppInfo | null>(null);
  /** The chosen language: a catalogue's tag, or `system` for the OS's. */
  languageChoice = $state('system');
  /** The chosen theme; `system` follows the OS. */
  theme = $state<Theme>('system');
  projects = $state<ProjectList | null>(null);
  // Raw: the page is replaced, never changed in place, and deep proxies over thousands of
  // rows would cost memory and time for nothing.
  page = $state.raw<LogPage>({ batches: [], nextBefore: null });
  filter = $state<Required<Pick<LogFilter, 'projectId' | 'status' | 'scope' | 'text'>>>({
    projectId: null,
    status: null,
    scope: null,
    text: null,
  });
  /** The user changed a filter since the window opened. */
  private filterChosen = false;
  /** Pages of the log shown (the first, and those "Show older" added). */
  pages = $state(1);
  loadingLog = $state(false);
  /** The last action that failed, shown as a banner until dismissed. */
  error = $state<AppError | null>(null);
  toasts = $state<Toast[]>([]);
  /** Set when the window was asked to close with work still unsent. */
  closeRequest = $state<Pending | null>(null);
  /** Why the app could not start; the window then shows only this. */
  startupFailure = $state<StartFailure | null>(null);
  /** What holds sending or polling up (the journal refuses writes); empty when nothing. */
  engineProblem = $state<Holdup[]>([]);
  /** The last batch that ended, in words, for the polite live region. */
  announcement = $state('');
  /** Open dialogs. */
  formSeed = $state<FormSeed | null>(null);
  detailsId = $state<number | null>(null);
  projectsOpen = $state(false);
  /** A whole batch being checked at the CDN, request after request, and how far it got. */
  batchCheck = $state<BatchCheck | null>(null);

  private nextToast = 1;
  private stopped = false;
  private unlisten: (() => void)[] = [];
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  /** Changed requests not read yet, and whether another process wrote. */
  private pendingIds = new Set<number>();
  private pendingExternal = false;
  /** Bumped whenever the journal changes, so open views can reload. */
  revision = $state(0);

  constructor(private api: Backend = defaultBackend) {}

  get selected(): Project | undefined {
    const list = this.projects;
    return list?.projects.find((p) => p.id === list.selected);
  }

  /** What the shell read before the page was made (`first_look.rs`): shown at once, and
   *  replaced by what `start` reads. */
  seed(first: FirstLook): void {
    this.filter = { ...this.filter, ...first.filters };
    this.theme = asTheme(first.theme);
    this.languageChoice = first.language;
    setLanguage(first.language === 'system' ? first.systemLanguage : first.language);
    this.show(first.page, true);
    this.revision += 1;
    mark('first-page');
  }

  /** Shows `page`. A batch that has not changed keeps the rows it had (nothing is built
   *  again). `gradually`: a screenful first, then the rest a few batches a frame, so that the
   *  window paints early and the page never holds the main loop long (the first look, and
   *  whatever comes while it is still being shown). */
  private show(page: LogPage, gradually: boolean): void {
    const batches = reuseUnchanged(this.page.batches, page.batches);
    const turn = ++this.showing;
    if (!gradually) {
      this.revealing = false;
      this.page = { batches, nextBefore: page.nextBefore };
      return;
    }
    const from = Math.max(firstScreenful(batches).length, this.page.batches.length);
    revealGradually(batches.length, from, () => turn === this.showing, (count) => {
      const whole = count === batches.length;
      this.revealing = !whole;
      this.page = { batches: batches.slice(0, count), nextBefore: whole ? page.nextBefore : null };
    });
  }

  /** Which `show` is current: a later one stops an earlier one's reveal. */
  private showing = 0;
  /** A page is being shown a few batches a frame. */
  private revealing = false;

  /** Starts listening for changes, then loads everything. Once: a second call (the window's
   *  mount, after `main.ts` started it early) waits for the first. */
  start(): Promise<void> {
    this.starting ??= this.begin();
    return this.starting;
  }

  private starting: Promise<void> | null = null;

  private async begin(): Promise<void> {
    // With a first look to show, it is painted before anything is asked: the answers would
    // hold the main loop from the first frame.
    if (this.revision > 0) await afterPaint();
    mark('start');
    // Everything is asked at once: the first rows wait for no round trip they need not.
    const listening = Promise.all([
      this.api.onJournalChanged((change) => {
        change.ids.forEach((id) => this.pendingIds.add(id));
        this.pendingExternal ||= change.external;
        this.scheduleReload();
      }),
      this.api.onProjectsChanged(() => void this.loadProjects()),
      this.api.onCloseRequested((pending) => {
        this.closeRequest = pending;
      }),
      this.api.onEngineProblem((problem) => {
        this.engineProblem = problem;
      }),
      // Said once per batch, not on every poll: what a screen reader hears.
      this.api.onBatchEnded((ended) => {
        this.announcement = `${say(ended.news)}. ${sayAttribute(ended.news, 'body')}`;
      }),
    ]);
    const failing = this.api.startupFailure().catch(() => null);
    const loading = Promise.all([
      this.guard(async () => {
        this.info = await this.api.appInfo();
        this.theme = asTheme(this.info.theme);
        if (this.languageChoice === 'system') setLanguage(this.info.systemLanguage);
      }),
      this.loadProjects(),
      // The language kept last time, unless the user chose already.
      this.api
        .rememberedLanguage()
        .then((kept) => {
          if (this.languageChoice !== 'system' || kept === 'system') return;
          this.languageChoice = kept;
          setLanguage(kept);
        })
        .catch(() => undefined),
      // The first page is read with the filters the window last had.
      this.api
        .rememberedFilters()
        .then((kept) => {
          // Unless the user chose already: theirs is newer.
          if (!this.filterChosen) this.filter = { ...this.filter, ...kept };
        })
        .catch(() => undefined)
        .then(() => this.loadLog()),
    ]);
    const [failure, listeners] = await Promise.all([failing, listening, loading]);
    if (failure) {
      // Nothing else could answer: show only why.
      this.startupFailure = failure;
      this.error = null;
      unlistenAll(listeners);
      return;
    }
    if (this.stopped) {
      unlistenAll(listeners);
      return;
    }
    this.unlisten.push(...listeners);
    // What changed while the first load and the listening crossed is read once more.
    void this.loadLog();
  }

  stop(): void {
    this.stopped = true;
    unlistenAll(this.unlisten);
    this.unlisten = [];
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
      this.toast({ id: 'settings-restored' });
    });
  }

  /** A damaged settings file: start with empty settings (the damaged file is kept beside). */
  async startSettingsAfresh(): Promise<void> {
    await this.guard(async () => {
      this.projects = await this.api.startSettingsAfresh();
      this.toast({ id: 'settings-started-afresh' }, 'warning');
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

  /** Speaks `choice` (a tag, or `system`) from now on, and keeps it for the next start. */
  async chooseLanguage(choice: string): Promise<void> {
    this.languageChoice = choice;
    setLanguage(choice === 'system' ? (this.info?.systemLanguage ?? systemLanguage()) : choice);
    await this.guard(() => this.api.rememberLanguage(choice));
  }

  async setTheme(theme: Theme): Promise<void> {
    await this.guard(async () => {
      await this.api.setTheme(theme);
      this.theme = theme;
    });
  }

  private logFilter(beforeBatch: number | null): LogFilter {
    return { ...this.filter, beforeBatch, limit: PAGE_SIZE, requestsPerBatch: BATCH_PAGE };
  }

  /** Reads the log again: the first page, and as many older ones as are shown, each from
   * the cursor of the one before. Big batches keep as many rows as they showed. */
  async loadLog(): Promise<void> {
    this.loadingLog = true;
    const shown = new Map(this.page.batches.map((b) => [b.id, b.requests.length]));
    try {
      await this.guard(async () => {
        let page = await this.api.log(this.logFilter(null));
        const batches = [...page.batches];
        for (let loaded = 1; loaded < this.pages && page.nextBefore !== null; loaded++) {
          page = await this.api.log(this.logFilter(page.nextBefore));
          batches.push(...page.batches);
        }
        for (const [index, batch] of batches.entries()) {
          const wanted = Math.min(shown.get(batch.id) ?? 0, batch.requestCount);
          if (wanted > batch.requests.length) {
            const more = await this.api.batchPage(
              batch.id,
              this.logFilter(null),
              batch.requests.length,
              wanted - batch.requests.length,
            );
            batches[index] = { ...batch, requests: [...batch.requests, ...more] };
          }
        }
        if (this.revision === 0) mark('first-page');
        this.show({ batches, nextBefore: page.nextBefore }, this.revision === 0 || this.revealing);
        this.revision += 1;
      });
    } finally {
      this.loadingLog = false;
    }
  }

  /** "Show older": the next page, from the cursor of the last. */
  async loadMore(): Promise<void> {
    const before = this.page.nextBefore;
    if (before === null) return;
    this.loadingLog = true;
    try {
      await this.guard(async () => {
        const older = await this.api.log(this.logFilter(before));
        this.page = {
          batches: [...this.page.batches, ...older.batches],
          nextBefore: older.nextBefore,
        };
        this.pages += 1;
      });
    } finally {
      this.loadingLog = false;
    }
  }

  /** "Export…": the log as filtered, saved where the user picks (a system dialog). */
  async exportLog(format: 'csv' | 'json'): Promise<void> {
    await this.guard(async () => {
      const saved = await this.api.exportLog({ ...this.filter }, format);
      if (saved) {
        this.toast({ id: 'log-exported', args: { ...saved } });
      }
    });
  }

  /** More of a big batch's requests, page by page. */
  async expandBatch(batchId: number): Promise<void> {
    const batch = this.page.batches.find((b) => b.id === batchId);
    if (!batch) return;
    await this.guard(async () => {
      const more = await this.api.batchPage(batchId, this.logFilter(null), batch.requests.length, BATCH_PAGE);
      this.replaceBatch(batchId, (b) => ({ ...b, requests: [...b.requests, ...more] }));
    });
  }

  /** Reads again only what changed: the changed rows shown, and the head of a big batch
   * whose hidden rows changed. A new batch, another process's writes, or an active filter
   * (a row may leave or join it) reload what is shown. */
  private async applyChanges(): Promise<void> {
    const ids = [...this.pendingIds];
    const external = this.pendingExternal;
    this.pendingIds.clear();
    this.pendingExternal = false;
    const filtered = Boolean(this.filter.projectId || this.filter.status || this.filter.scope || this.filter.text);
    // Rows being revealed are not patched in place: the page is read again, and shown on.
    if (external || filtered || this.revealing) return this.loadLog();
    if (ids.length === 0) return;
    await this.guard(async () => {
      const views = await this.api.requests(ids);
      const newest = this.page.batches[0]?.id ?? 0;
      if (views.some((v) => v.batchId > newest)) {
        await this.loadLog();
        return;
      }
      for (const [batchId, changed] of shownByBatch(this.page, views)) {
        const batch = this.page.batches.find((b) => b.id === batchId)!;
        if (batch.requestCount > batch.requests.length) {
          // Its counts changed too: read its head again, keeping the rows already shown.
          const head = (await this.api.log({ ...this.logFilter(batchId + 1), limit: 1 })).batches[0];
          if (head?.id === batchId) {
            this.replaceBatch(batchId, (b) => ({ ...head, requests: patchRows(b.requests, changed) }));
          }
        } else {
          this.replaceBatch(batchId, (b) => ({ ...b, requests: patchRows(b.requests, changed), counts: countCodes(patchRows(b.requests, changed)) }));
        }
      }
      this.revision += 1;
    });
  }

  private replaceBatch(batchId: number, change: (batch: BatchView) => BatchView): void {
    this.page = withBatch(this.page, batchId, change);
  }

  async setFilter(change: Partial<AppModel['filter']>): Promise<void> {
    this.filter = { ...this.filter, ...change };
    this.filterChosen = true;
    // Kept for the next start, all but the search text (a question of the moment).
    const { projectId, status, scope } = this.filter;
    void this.api.rememberFilters({ projectId, status, scope }).catch(() => undefined);
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
        submitted.waiting ?? {
          id: 'retry-recorded',
          args: { request: String(submitted.requestIds[0]), batch: String(submitted.batchId) },
        },
        submitted.waiting ? 'warning' : 'ok',
      );
      await this.loadLog();
    });
  }

  /** Checks the files of every done request of a batch at the CDN, one request after the
   * other (each is recorded and its row updated as it comes), until all are checked or the
   * user stops. One batch at a time. */
  async checkBatch(batchId: number): Promise<void> {
    if (this.batchCheck) return;
    // Taken at once, so that a second click while the list is read starts nothing.
    this.batchCheck = { batchId, done: 0, total: 0, stopping: false };
    let ids: number[] = [];
    const listed = await this.guard(async () => (ids = await this.api.checkableRequests(batchId)));
    if (!listed || ids.length === 0) {
      this.batchCheck = null;
      if (listed) this.toast({ id: 'check-batch-nothing-done', args: { batch: String(batchId) } }, 'warning');
      return;
    }
    this.batchCheck = { ...this.batchCheck, total: ids.length };
    for (const id of ids) {
      if (this.batchCheck.stopping || this.stopped) break;
      // A failure here (no delivery base any more, the journal) is the same for the rest.
      if (!(await this.guard(() => this.api.checkRequest(id)))) break;
      this.batchCheck = { ...this.batchCheck, done: this.batchCheck.done + 1 };
    }
    const { done, total } = this.batchCheck;
    this.batchCheck = null;
    const args = { batch: String(batchId), done, total };
    if (done === total) {
      this.toast({ id: 'check-batch-done', args });
    } else {
      this.toast({ id: 'check-batch-stopped', args }, 'warning');
    }
  }

  /** Stops a batch's check after the request being checked now. */
  stopBatchCheck(): void {
    if (this.batchCheck) this.batchCheck = { ...this.batchCheck, stopping: true };
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

  toast(message: Message, tone: Toast['tone'] = 'ok'): void {
    const id = this.nextToast++;
    this.toasts = [...this.toasts, { id, message, tone }];
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
      void this.applyChanges();
    }, delay);
  }
}

/** Stops listening; a listener already gone with the window (or a test's mocks) is no matter. */
function unlistenAll(listeners: (() => void)[]): void {
  for (const unlisten of listeners) {
    // Tauri's unlisten functions are async underneath: their failure is a rejection.
    Promise.resolve()
      .then(unlisten)
      .catch(() => undefined);
  }
}

/** A stored theme the UI knows, or `system`. */
function asTheme(stored: string): Theme {
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}
