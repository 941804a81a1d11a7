// The app's state and the actions on it. Components read the fields and call the methods.
// Only backend.ts talks to Tauri; this file alone listens to its events. Three components
// (AddInvalidation, Projects, Details) also call backend.ts's typed functions themselves, for
// the one-off actions whose state stays in their own dialog or form.
import { backend as defaultBackend, asAppError, type Backend } from './backend';
import { say, sayAttribute, setLanguage, systemLanguage, type Message } from './words.svelte';
import { LogModel } from './logModel.svelte';
import { afterPaint, mark } from './paint';
import type {
  AppError,
  AppInfo,
  FirstLook,
  Holdup,
  Pending,
  Project,
  ProjectList,
  RequestView,
  Scope,
  StartFailure,
  Theme,
} from './types';

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
  /** The log: its page, filters and reading (`logModel.svelte.ts`). */
  readonly log: LogModel;
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

  private nextToast = 1;
  /** The window is going away: long work stops. */
  stopped = false;
  private unlisten: (() => void)[] = [];

  constructor(private api: Backend = defaultBackend) {
    this.log = new LogModel(api, this);
  }

  get selected(): Project | undefined {
    const list = this.projects;
    return list?.projects.find((p) => p.id === list.selected);
  }

  /** What the shell read before the page was made (`first_look.rs`): shown at once, and
   *  replaced by what `start` reads. */
  seed(first: FirstLook): void {
    this.theme = asTheme(first.theme);
    this.languageChoice = first.language;
    setLanguage(first.language === 'system' ? first.systemLanguage : first.language);
    this.log.seed(first.page, first.filters);
  }

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
    const seeded = this.log.revision > 0;
    if (seeded) await afterPaint();
    mark('start');
    // Everything is asked at once: the first rows wait for no round trip they need not.
    const listening = Promise.all([
      this.api.onJournalChanged((change) => this.log.changed(change)),
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
      // The first page is read with the filters the window last had. Over a first look, once
      // listening: from then on a change is heard, and the rows on screen can wait.
      this.api
        .rememberedFilters()
        .then((kept) => this.log.keep(kept))
        .catch(() => undefined)
        .then(() => (seeded ? listening : null))
        .then(() => this.log.load()),
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
    // Without a first look the first rows waited for no listening: what changed while the
    // two crossed is read once more.
    if (!seeded) void this.log.load();
  }

  stop(): void {
    this.stopped = true;
    unlistenAll(this.unlisten);
    this.unlisten = [];
    this.log.stop();
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

  /** The refresh button: ask the service about everything open, now. */
  async refreshNow(ids?: number[]): Promise<void> {
    await this.guard(async () => {
      await this.api.refresh(ids);
    });
    await this.log.load();
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
      await this.log.load();
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
