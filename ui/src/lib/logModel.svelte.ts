// The log as the window shows it: its page, its filters, how it is read and read again when the
// journal changes, and the whole-batch CDN check. `AppModel` holds one (`model.log`); its
// failures go to the app's banner and its news to the app's toasts.
import type { Backend } from './backend';
import type { Message } from './words.svelte';
import { VOCABULARY } from './bindings/vocabularyValues';
import { countCodes, firstScreenful, patchRows, reuseUnchanged, shownByBatch, withBatch } from './logPage';
import { mark } from './paint';
import type { BatchView, JournalChanged, LogFilter, LogPage } from './types';

/** Batches a page of the log holds (as the Rust side reads a first page too). */
export const PAGE_SIZE = VOCABULARY.log.batchesPerPage;
/** Requests a big batch shows at first, and adds each time it is expanded. */
export const BATCH_PAGE = VOCABULARY.log.requestsPerBatch;

/** Batches built into the table at a time as the reader comes near its end (`LogView`). */
export const BUILT_PER_STEP = 3;

/** How far checking a whole batch at the CDN got. */
export interface BatchCheck {
  batchId: number;
  /** Requests checked, of `total`. */
  done: number;
  total: number;
  /** Stop was pressed: ends after the request being checked. */
  stopping: boolean;
}

/** The filters the log is read with. */
export type Filter = Required<Pick<LogFilter, 'projectId' | 'status' | 'scope' | 'text'>>;

/** What the log asks of the app around it. */
export interface LogHost {
  /** Runs an action; a failure becomes the error banner. Returns whether it worked. */
  guard(action: () => Promise<unknown>): Promise<boolean>;
  toast(message: Message, tone?: 'ok' | 'warning' | 'error'): void;
  /** The window is going away: long work stops. */
  readonly stopped: boolean;
}

export class LogModel {
  // Raw: the page is replaced, never changed in place, and deep proxies over thousands of
  // rows would cost memory and time for nothing.
  page = $state.raw<LogPage>({ batches: [], nextBefore: null });
  filter = $state<Filter>({ projectId: null, status: null, scope: null, text: null });
  /** Pages of the log read (the first, and those "Show older" added). */
  pages = $state(1);
  /** How many of the page's batches are built into the table. A screenful at first, more as
   *  the reader comes near the end (`LogView`) or presses "Show older": a row costs ~1 ms to
   *  build and lay out, and most of a page is never looked at. */
  built = $state(0);
  /** The batches built into the table. */
  readonly shown = $derived(this.page.batches.slice(0, this.built));
  /** Batches read but not built yet. */
  readonly hidden = $derived(this.built < this.page.batches.length);
  loading = $state(false);
  /** Bumped whenever the journal changes, so open views can reload. */
  revision = $state(0);
  /** A whole batch being checked at the CDN, request after request, and how far it got. */
  batchCheck = $state<BatchCheck | null>(null);

  /** The user changed a filter since the window opened. */
  private filterChosen = false;
  /** Changed requests not read yet, and whether another process wrote. */
  private pendingIds = new Set<number>();
  private pendingExternal = false;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  /** Reads of the log begun: only the latest one shows what it read. */
  private loads = 0;

  constructor(
    private api: Backend,
    private host: LogHost,
  ) {}

  /** The first look's page and filters (`first_look.rs`), shown at once. */
  seed(page: LogPage, filters: Partial<Filter>): void {
    this.filter = { ...this.filter, ...filters };
    this.show(page, true);
    this.revision += 1;
    mark('first-page');
  }

  /** The filters kept from last time, unless the user chose already: theirs are newer. */
  keep(filters: Partial<Filter>): void {
    if (!this.filterChosen) this.filter = { ...this.filter, ...filters };
  }

  /** The journal changed: what changed is read a moment later, with whatever follows. */
  changed(change: JournalChanged): void {
    change.ids.forEach((id) => this.pendingIds.add(id));
    this.pendingExternal ||= change.external;
    this.scheduleReload();
  }

  stop(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
  }

  /** Shows `page`. A batch that has not changed keeps the rows it had (nothing is built
   *  again). `fresh` (the first look, another filter): a screenful is built, the rest as it is
   *  needed; otherwise as many batches stay built as were. */
  private show(page: LogPage, fresh: boolean): void {
    const batches = reuseUnchanged(this.page.batches, page.batches);
    const first = firstScreenful(batches).length;
    this.page = { batches, nextBefore: page.nextBefore };
    this.built = fresh ? first : Math.max(this.built, first);
  }

  /** Builds a few more of the page's batches. Whether there were any to build. */
  buildMore(): boolean {
    if (!this.hidden) return false;
    this.built += BUILT_PER_STEP;
    return true;
  }

  /** "Show older": more of the page read, or else the next page. */
  async showOlder(): Promise<void> {
    if (!this.buildMore()) await this.loadMore();
  }

  private readFilter(beforeBatch: number | null): LogFilter {
    return { ...this.filter, beforeBatch, limit: PAGE_SIZE, requestsPerBatch: BATCH_PAGE };
  }

  /** Reads the log again: the first page, and as many older ones as are shown, each from
   * the cursor of the one before. Big batches keep as many rows as they show when it ends
   * (a batch expanded while it read included). `fresh`: another question (a filter), shown
   * from its top. A read that a later one overtook shows nothing: the later one is newer. */
  async load(fresh = false): Promise<void> {
    const turn = ++this.loads;
    this.loading = true;
    try {
      await this.host.guard(async () => {
        let page = await this.api.log(this.readFilter(null));
        const batches = [...page.batches];
        for (let loaded = 1; loaded < this.pages && page.nextBefore !== null; loaded++) {
          page = await this.api.log(this.readFilter(page.nextBefore));
          batches.push(...page.batches);
        }
        // Until no batch shows more rows than were read: each read of more rows waits, and
        // an expand may end meanwhile.
        for (let short = true; short; ) {
          short = false;
          const shown = new Map(this.page.batches.map((b) => [b.id, b.requests.length]));
          for (const [index, batch] of batches.entries()) {
            const wanted = Math.min(shown.get(batch.id) ?? 0, batch.requestCount);
            if (wanted > batch.requests.length) {
              const more = await this.api.batchPage(
                batch.id,
                this.readFilter(null),
                batch.requests.length,
                wanted - batch.requests.length,
              );
              batches[index] = { ...batch, requests: [...batch.requests, ...more] };
              short ||= more.length > 0;
            }
          }
        }
        if (turn !== this.loads) return;
        if (this.revision === 0) mark('first-page');
        this.show({ batches, nextBefore: page.nextBefore }, fresh);
        this.revision += 1;
      });
    } finally {
      if (turn === this.loads) this.loading = false;
    }
  }

  /** "Show older": the next page, from the cursor of the last. */
  async loadMore(): Promise<void> {
    const before = this.page.nextBefore;
    if (before === null) return;
    this.loading = true;
    try {
      await this.host.guard(async () => {
        const older = await this.api.log(this.readFilter(before));
        this.page = {
          batches: [...this.page.batches, ...older.batches],
          nextBefore: older.nextBefore,
        };
        this.pages += 1;
      });
    } finally {
      this.loading = false;
    }
  }

  /** "Export…": the log as filtered, saved where the user picks (a system dialog). */
  async exportAs(format: 'csv' | 'json'): Promise<void> {
    await this.host.guard(async () => {
      const saved = await this.api.exportLog({ ...this.filter }, format);
      if (saved) {
        this.host.toast({ id: 'log-exported', args: { ...saved } });
      }
    });
  }

  /** More of a big batch's requests, page by page. */
  async expandBatch(batchId: number): Promise<void> {
    const batch = this.page.batches.find((b) => b.id === batchId);
    if (!batch) return;
    await this.host.guard(async () => {
      const more = await this.api.batchPage(batchId, this.readFilter(null), batch.requests.length, BATCH_PAGE);
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
    if (external || filtered) return this.load();
    if (ids.length === 0) return;
    await this.host.guard(async () => {
      const views = await this.api.requests(ids);
      const newest = this.page.batches[0]?.id ?? 0;
      if (views.some((v) => v.batchId > newest)) {
        await this.load();
        return;
      }
      for (const [batchId, changed] of shownByBatch(this.page, views)) {
        const batch = this.page.batches.find((b) => b.id === batchId)!;
        if (batch.requestCount > batch.requests.length) {
          // Its counts changed too: read its head again, keeping the rows already shown.
          const head = (await this.api.log({ ...this.readFilter(batchId + 1), limit: 1 })).batches[0];
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

  async setFilter(change: Partial<Filter>): Promise<void> {
    this.filter = { ...this.filter, ...change };
    this.filterChosen = true;
    // Kept for the next start, all but the search text (a question of the moment).
    const { projectId, status, scope } = this.filter;
    void this.api.rememberFilters({ projectId, status, scope }).catch(() => undefined);
    this.pages = 1;
    await this.load(true);
  }

  /** Checks the files of every done request of a batch at the CDN, one request after the
   * other (each is recorded and its row updated as it comes), until all are checked or the
   * user stops. One batch at a time. */
  async checkBatch(batchId: number): Promise<void> {
    if (this.batchCheck) return;
    // Taken at once, so that a second click while the list is read starts nothing.
    this.batchCheck = { batchId, done: 0, total: 0, stopping: false };
    let ids: number[] = [];
    const listed = await this.host.guard(async () => (ids = await this.api.checkableRequests(batchId)));
    if (!listed || ids.length === 0) {
      this.batchCheck = null;
      if (listed) this.host.toast({ id: 'check-batch-nothing-done', args: { batch: String(batchId) } }, 'warning');
      return;
    }
    this.batchCheck = { ...this.batchCheck, total: ids.length };
    for (const id of ids) {
      if (this.batchCheck.stopping || this.host.stopped) break;
      // A failure here (no delivery base any more, the journal) is the same for the rest.
      if (!(await this.host.guard(() => this.api.checkRequest(id)))) break;
      this.batchCheck = { ...this.batchCheck, done: this.batchCheck.done + 1 };
    }
    const { done, total } = this.batchCheck;
    this.batchCheck = null;
    const args = { batch: String(batchId), done, total };
    if (done === total) {
      this.host.toast({ id: 'check-batch-done', args });
    } else {
      this.host.toast({ id: 'check-batch-stopped', args }, 'warning');
    }
  }

  /** Stops a batch's check after the request being checked now. */
  stopBatchCheck(): void {
    if (this.batchCheck) this.batchCheck = { ...this.batchCheck, stopping: true };
  }

  private scheduleReload(delay = 150): void {
    if (this.reloadTimer) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      void this.applyChanges();
    }, delay);
  }
}
