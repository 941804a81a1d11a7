// The whole UI in jsdom, with the IPC mocked at its one door: what a manager sees and what
// each click sends.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import App from '../App.svelte';
import { AppModel } from '../lib/app.svelte';
import { setLanguage } from '../lib/words.svelte';
import type { LogFilter, LogPage, Notice, ProjectList } from '../lib/types';
import { PROJECTS, condition, page, plan, request } from './fixtures';

type Handler = (args: Record<string, unknown>) => unknown;

let handlers: Record<string, Handler>;
let calls: [string, Record<string, unknown>][];

function backendWith(overrides: Record<string, Handler>) {
  handlers = {
    startup_failure: () => null,
    app_info: () => ({
      version: '0.1.0',
      dataDir: '/data',
      sandboxUrl: 'http://127.0.0.1:1',
      apiBaseOverride: null,
      theme: 'system',
      systemLanguage: 'en',
    }),
    list_projects: () => PROJECTS,
    log: () => page([]),
    pending_work: () => ({ unsent: 0, atService: 0 }),
    remembered_filters: () => ({ projectId: null, status: null, scope: null }),
    remember_filters: () => null,
    remembered_language: () => 'system',
    remember_language: () => null,
    ...overrides,
  };
  mockIPC(
    (cmd, args) => {
      calls.push([cmd, (args ?? {}) as Record<string, unknown>]);
      const handler = handlers[cmd];
      if (!handler) {
        if (cmd.startsWith('plugin:event')) return 0;
        throw { kind: 'unexpected', problem: { id: 'problem-unexpected', args: { cause: `no mock for ${cmd}` } }, advice: null, refused: [] };
      }
      return handler((args ?? {}) as Record<string, unknown>);
    },
    { shouldMockEvents: true },
  );
}

function start() {
  const model = new AppModel();
  render(App, { props: { model } });
  return model;
}

/** Waits until the app listens for events and has read the log (and, once listening,
 * read it again). */
async function started() {
  await waitFor(() => expect(calls.filter(([c]) => c === 'log').length).toBeGreaterThanOrEqual(2));
}

beforeEach(() => {
  calls = [];
  // jsdom has no <dialog> methods.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

afterEach(() => {
  cleanup();
  clearMocks();
});

describe('the log', () => {
  it('shows the sandbox banner and an empty state that says what the log holds', async () => {
    backendWith({});
    start();
    expect(await screen.findByText('No invalidations yet.')).toBeTruthy();
    expect(screen.getByText(/Those the DAM triggers by itself appear only in the web console/)).toBeTruthy();
    await waitFor(() =>
      expect(document.getElementById('sandbox-banner')?.textContent).toContain('Nothing reaches a real CDN'),
    );
  });

  it('renders statuses in words with the raw value beside them', async () => {
    backendWith({
      log: () =>
        page([
          request({ id: 1, condition: condition({ code: 'flushing-cdn', text: { id: 'condition-flushing-cdn', args: { wait: 0 } }, raw: 'FLUSHINGCDNSERVERS', tone: 'progress', finished: false }) }),
          request({ id: 2, uuid: null, condition: condition({ code: 'retrying', text: { id: 'condition-retrying', args: { attempt: 2, attempts: 1, error: { id: 'problem-api', args: { said: { id: 'api-server', args: { status: 503, message: 'Service Unavailable' } } } }, wait: 4 } }, raw: null, tone: 'local', finished: false }) }),
          request({ id: 3, condition: condition({ code: 'unknown', text: { id: 'condition-unknown', args: { status: 'AWAITING_REVIEW', wait: 0 } }, raw: 'AWAITING_REVIEW', tone: 'progress', finished: false }) }),
        ]),
    });
    start();
    const first = await screen.findByText('Flushing CDN servers');
    expect(first.closest('.status')?.textContent).toContain('FLUSHINGCDNSERVERS');
    expect(screen.getByText('Retrying (attempt 2)')).toBeTruthy();
    expect(screen.getByText(/Trying again in 4 s/)).toBeTruthy();
    expect(screen.getByText('#2, no ID yet')).toBeTruthy();
    // The unknown value is shown as it came, once.
    const unknown = screen.getByText('AWAITING_REVIEW');
    expect(unknown.closest('.status')?.textContent?.match(/AWAITING_REVIEW/g)?.length).toBe(1);
  });

  it('reloads when the journal changes', async () => {
    let current: LogPage = page([]);
    backendWith({ log: () => current });
    start();
    await started();
    current = page([request()]);
    await emit('journal-changed', { ids: [1], external: true });
    expect(await screen.findByText('4fc96d31-aaaa-bbbb-cccc-000000000001')).toBeTruthy();
  });

  it('filters by status through the backend', async () => {
    backendWith({});
    start();
    await screen.findByText('No invalidations yet.');
    await fireEvent.change(screen.getByLabelText('Filter by status'), { target: { value: 'failed' } });
    await waitFor(() => {
      const logs = calls.filter(([cmd]) => cmd === 'log');
      expect(logs.at(-1)?.[1]).toEqual({
        filter: {
          projectId: null,
          status: 'failed',
          scope: null,
          text: null,
          beforeBatch: null,
          limit: 25,
          requestsPerBatch: 20,
        },
      });
    });
    expect(await screen.findByText('Nothing in the log matches these filters.')).toBeTruthy();
  });
});

describe('preferences', () => {
  it('follows the chosen theme and keeps it as a setting', async () => {
    backendWith({ set_theme: () => null });
    const model = start();
    await screen.findByText('No invalidations yet.');
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('light'));
    await fireEvent.change(screen.getByLabelText('Theme'), { target: { value: 'dark' } });
    await waitFor(() => expect(model.theme).toBe('dark'));
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(calls).toContainEqual(['set_theme', { theme: 'dark' }]);
  });
});

describe('language', () => {
  afterEach(() => setLanguage('en'));

  it('speaks the language kept last time, and keeps a new choice', async () => {
    const failed = request({
      condition: condition({ code: 'error', text: { id: 'condition-error' }, raw: 'ERROR', tone: 'error', retryable: true }),
    });
    backendWith({ log: () => page([failed]), remembered_language: () => 'fr' });
    const model = start();
    const pill = () => document.querySelector('.status .label')?.textContent;
    await waitFor(() => expect(pill()).toBe('Erreur'));
    expect(model.languageChoice).toBe('fr');
    // The menu names each language in its own words, whatever the window speaks.
    const menu = screen.getByLabelText('Langue') as HTMLSelectElement;
    expect([...menu.options].map((o) => o.textContent)).toEqual(['Langue du système', 'English', 'Français']);
    await fireEvent.change(menu, { target: { value: 'en' } });
    await waitFor(() => expect(pill()).toBe('Error'));
    expect(screen.getByLabelText('Language')).toBeTruthy();
    expect(calls).toContainEqual(['remember_language', { language: 'en' }]);
  });
});

describe('retry', () => {
  it('sends a retry of the row and says what happened', async () => {
    const failed = request({
      id: 4,
      condition: condition({ code: 'error', text: { id: 'condition-error' }, raw: 'ERROR', tone: 'error', retryable: true }),
    });
    let current = page([failed]);
    backendWith({
      log: () => current,
      retry: ({ id }) => {
        current = page([request({ id: 5, batchId: 2, retryOf: id as number }), failed]);
        return { batchId: 2, requestIds: [5], waiting: null };
      },
    });
    start();
    await fireEvent.click(await screen.findByRole('button', { name: 'Retry request #4' }));
    await waitFor(() => expect(calls).toContainEqual(['retry', { id: 4 }]));
    expect(await screen.findByText(/Retry recorded as request #5 \(batch 2\)/)).toBeTruthy();
    // Both stay in the log.
    await waitFor(() => expect(document.querySelectorAll('tr.request').length).toBe(2));
  });

  it('offers Retry and Duplicate in the details, with the paths and their results', async () => {
    const failed = request({
      id: 9,
      failedCount: 1,
      paths: [
        { path: '/ok.jpg', result: 'invalidated' },
        { path: '/bad.jpg', result: 'failed' },
      ],
      condition: condition({ code: 'done-with-failures', text: { id: 'condition-done-with-failures', args: { failed: 1, paths: 2 } }, raw: 'DONE', tone: 'warning', retryable: true }),
    });
    backendWith({ log: () => page([failed]), request_details: () => failed, preview: () => plan(['/ok.jpg', '/bad.jpg']) });
    start();
    await fireEvent.click(await screen.findByRole('button', { name: 'See links of request #9' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invalidation #9' });
    expect((await within(dialog).findByText('/bad.jpg')).closest('tr')?.textContent).toContain('Failed');
    expect(within(dialog).getByRole('button', { name: 'Retry failed paths' })).toBeTruthy();
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Duplicate…' }));
    const form = await screen.findByRole('dialog', { name: 'Add invalidation' });
    expect((within(form).getByRole('textbox') as HTMLTextAreaElement).value).toBe('/ok.jpg\n/bad.jpg');
  });
});

describe('served by the CDN', () => {
  it('shows each path\'s verdict with its reason, and checks again on demand', async () => {
    const checked = (verdict: 'fresh' | 'stillCached', reason: string, path: string) => ({
      path,
      url: `http://127.0.0.1:1/delivery${path}`,
      checkedAt: '2026-11-25T13:01:00Z',
      httpStatus: 200,
      age: verdict === 'fresh' ? 0 : 7200,
      lastModified: null,
      etag: null,
      cacheControl: null,
      cacheStatus: verdict === 'fresh' ? 'x-cache: MISS' : 'x-cache: HIT',
      verdict,
      reason,
      reasonSaid: { id: 'as-recorded', args: { text: reason } },
    });
    const before = request({
      id: 4,
      freshness: { checkedAt: '2026-11-25T13:01:00Z', fresh: 1, stillCached: 1, unknown: 0, couldNotCheck: 0 },
      checks: [
        checked('fresh', 'x-cache: MISS: this answer came from the origin', '/a.jpg'),
        checked('stillCached', 'x-cache: HIT, Age: 7200: fetched before the invalidation was even sent', '/b.jpg'),
      ],
    });
    const after = request({
      ...before,
      freshness: { checkedAt: '2026-11-25T13:02:00Z', fresh: 2, stillCached: 0, unknown: 0, couldNotCheck: 0 },
      checks: [checked('fresh', 'Age: 3: fetched after', '/a.jpg'), checked('fresh', 'Age: 3: fetched after', '/b.jpg')],
    });
    backendWith({ log: () => page([before]), request_details: () => before, check_request: () => after });
    start();
    expect((await screen.findByText('1 of 2 still cached')).closest('tr')?.dataset.request).toBe('4');
    await fireEvent.click(await screen.findByRole('button', { name: 'See links of request #4' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invalidation #4' });
    const stale = (await within(dialog).findByText('/b.jpg')).closest('tr')!;
    expect(stale.textContent).toContain('Still cached');
    expect(stale.textContent).toContain('Age: 7200');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Check now' }));
    await waitFor(() => expect(within(dialog).getByText('All 2 served fresh')).toBeTruthy());
    expect(calls).toContainEqual(['check_request', { id: 4 }]);
  });

  it('checks a whole batch request by request, shows how far it got, and can stop', async () => {
    const rows = [1, 2, 3].map((id) => request({ id, seq: id }));
    let release: (() => void) | null = null;
    let held = false;
    backendWith({
      log: () => page(rows),
      checkable_requests: () => [1, 2, 3],
      // The second request's first check waits until the test lets it go.
      check_request: ({ id }) => {
        if (id !== 2 || held) return rows[Number(id) - 1];
        held = true;
        return new Promise((resolve) => (release = () => resolve(rows[1])));
      },
    });
    start();
    const checkBatch = await screen.findByRole('button', { name: 'Check batch at the CDN' });
    // A double click starts one check.
    void fireEvent.click(checkBatch);
    await fireEvent.click(checkBatch);
    const progress = await waitFor(() => {
      const shown = document.querySelector<HTMLElement>('[data-checking="1"]');
      expect(shown).not.toBeNull();
      return shown!;
    });
    await waitFor(() => expect(progress.textContent).toContain('Checking at the CDN: 1 of 3 requests'));
    await fireEvent.click(within(progress).getByRole('button', { name: 'Stop' }));
    expect(within(progress).getByRole('button', { name: 'Stopping…' })).toBeTruthy();
    release!();
    await screen.findByText('Batch 1: checking stopped after 2 of 3 requests.');
    expect(calls.filter(([c]) => c === 'check_request').map(([, a]) => a.id)).toEqual([1, 2]);
    expect(calls.filter(([c]) => c === 'checkable_requests')).toEqual([['checkable_requests', { batchId: 1 }]]);
    // Ready for another go.
    await fireEvent.click(screen.getByRole('button', { name: 'Check batch at the CDN' }));
    await screen.findByText('Batch 1: the files of 3 requests were checked at the CDN.');
    expect(calls.filter(([c]) => c === 'check_request').length).toBe(5);
  });

  it('says what the CDN served over a collapsed batch', async () => {
    const shown = page(Array.from({ length: 20 }, (_, i) => request({ id: 100 + i, seq: 100 + i })));
    shown.batches[0] = {
      ...shown.batches[0],
      requestCount: 2_000,
      counts: [{ code: 'done', count: 2_000 }],
      freshness: { checkedAt: '2026-11-25T13:02:00Z', fresh: 19_990, stillCached: 10, unknown: 0, couldNotCheck: 0 },
    };
    backendWith({ log: () => shown });
    start();
    const head = (await screen.findByText(/2,000 of 2,000 finished/)).closest('th') as HTMLElement;
    expect(head.textContent).toContain('10 of 20,000 still cached');
  });

  it('says how to check when the project has no delivery base', async () => {
    const shop = request({ id: 5, project: { id: 'shop', name: 'Winter Shop', apiBase: 'https://api.cloudimage.com' } });
    backendWith({ log: () => page([shop]), request_details: () => shop });
    start();
    await fireEvent.click(await screen.findByRole('button', { name: 'See links of request #5' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invalidation #5' });
    expect((await within(dialog).findByText(/set this project's delivery base/)).textContent).toContain('Projects…');
    expect(within(dialog).queryByRole('button', { name: 'Check now' })).toBeNull();
  });
});

describe('the form', () => {
  it('previews paths, requests and every notice as the user types', async () => {
    const notices: Notice[] = [
      { line: 2, place: { id: 'place-line', args: { line: 2 } }, kind: 'queryStripped', text: { id: 'notice-query-stripped', args: { query: '?w=600' } } },
    ];
    backendWith({
      preview: ({ source }) =>
        String((source as { text: string }).text).trim() === ''
          ? plan([])
          : plan(Array.from({ length: 12 }, (_, i) => `/p${i}.jpg`), notices),
    });
    start();
    await fireEvent.click(await screen.findByRole('button', { name: '+ Add invalidation' }));
    const form = await screen.findByRole('dialog', { name: 'Add invalidation' });
    const send = within(form).getByRole('button', { name: 'Invalidate' }) as HTMLButtonElement;
    await fireEvent.input(within(form).getByRole('textbox'), { target: { value: '/p0.jpg\n/p1.jpg?w=600' } });
    await waitFor(() => expect(within(form).getByText('12 paths')).toBeTruthy());
    expect(within(form).getByText(/2 requests/)).toBeTruthy();
    expect(within(form).getByText(/line 2: `\?w=600` removed/)).toBeTruthy();
    expect(within(form).getByText('Query strings removed')).toBeTruthy();
    expect(send.disabled).toBe(false);
  });

  it('will not send while a line is refused', async () => {
    backendWith({
      preview: () =>
        plan(['/ok.jpg'], [
          {
            line: 2,
            place: { id: 'place-line', args: { line: 2 } },
            kind: 'rejected',
            text: { id: 'notice-not-absolute', args: { item: 'x.jpg', meant: '/x.jpg' } },
          },
        ]),
    });
    start();
    await fireEvent.click(await screen.findByRole('button', { name: '+ Add invalidation' }));
    const form = await screen.findByRole('dialog', { name: 'Add invalidation' });
    await fireEvent.input(within(form).getByRole('textbox'), { target: { value: '/ok.jpg\nx.jpg' } });
    expect(await within(form).findByText(/does not start with/)).toBeTruthy();
    expect(within(form).getByText('Fix or remove the refused lines to send.')).toBeTruthy();
    expect((within(form).getByRole('button', { name: 'Invalidate' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('sends with Ctrl+Enter and tells when the submission waits for a key', async () => {
    backendWith({
      preview: () => plan(['/a.jpg']),
      submit: () => ({ batchId: 3, requestIds: [7], waiting: { id: 'waiting-no-key', args: { project: 'Winter Shop' } } }),
    });
    start();
    await fireEvent.click(await screen.findByRole('button', { name: '+ Add invalidation' }));
    const form = await screen.findByRole('dialog', { name: 'Add invalidation' });
    const box = within(form).getByRole('textbox');
    await fireEvent.input(box, { target: { value: '/a.jpg' } });
    await waitFor(() => expect(within(form).getByText('1 path')).toBeTruthy());
    await fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitFor(() =>
      expect(calls).toContainEqual([
        'submit',
        { projectId: 'sandbox', scope: 'original', source: { kind: 'text', text: '/a.jpg' }, confirmation: null },
      ]),
    );
    expect(await screen.findByText(/has no API key in the keychain/)).toBeTruthy();
  });

  it('asks for the project name before flushing everything', async () => {
    backendWith({
      preview: () => ({ ...plan([]), scope: 'all', requests: 1 }),
      submit: () => ({ batchId: 1, requestIds: [1], waiting: null }),
    });
    start();
    await fireEvent.click(await screen.findByRole('button', { name: '+ Add invalidation' }));
    const form = await screen.findByRole('dialog', { name: 'Add invalidation' });
    await fireEvent.click(within(form).getByRole('radio', { name: /All/ }));
    expect(within(form).getByText(/the first request for every asset is\s+slow/)).toBeTruthy();
    const flush = within(form).getByRole('button', { name: 'Flush the whole cache' }) as HTMLButtonElement;
    await waitFor(() => expect(calls.some(([c, a]) => c === 'preview' && a.scope === 'all')).toBe(true));
    expect(flush.disabled).toBe(true);
    await fireEvent.input(within(form).getByRole('textbox'), { target: { value: 'sandbox' } });
    await waitFor(() => expect(flush.disabled).toBe(false));
    await fireEvent.click(flush);
    await waitFor(() =>
      expect(calls).toContainEqual([
        'submit',
        { projectId: 'sandbox', scope: 'all', source: { kind: 'text', text: '' }, confirmation: 'sandbox' },
      ]),
    );
  });

  it('keeps a pasted catalogue out of the text box and groups its notices', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `https://t.cloudimg.io/c/${i}.jpg?w=600`).join('\n');
    const stripped: Notice[] = Array.from({ length: 20_000 }, (_, i) => ({
      line: i + 1,
      place: { id: 'place-line', args: { line: i + 1 } },
      kind: 'queryStripped',
      text: { id: 'notice-query-stripped', args: { query: '?w=600' } },
    }));
    backendWith({
      stage_list: ({ text }) => ({ id: 4, lines: String(text).split('\n').length, bytes: String(text).length, name: null }),
      preview: ({ source }) =>
        (source as { kind: string }).kind === 'staged'
          ? plan(Array.from({ length: 20_000 }, (_, i) => `/c/${i}.jpg`), stripped, 7)
          : plan([]),
      preview_notices: ({ offset }) => stripped.slice(Number(offset), Number(offset) + 200),
    });
    start();
    await fireEvent.click(await screen.findByRole('button', { name: '+ Add invalidation' }));
    const form = await screen.findByRole('dialog', { name: 'Add invalidation' });
    const box = within(form).getByRole('textbox') as HTMLTextAreaElement;
    const paste = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
    Object.defineProperty(paste, 'clipboardData', { value: { getData: () => lines } });
    box.dispatchEvent(paste);
    expect(paste.defaultPrevented).toBe(true);
    expect(await within(form).findByText('20,000 lines')).toBeTruthy();
    expect(within(form).queryByRole('textbox')).toBeNull();
    await waitFor(() => expect(within(form).getByText('20,000 paths')).toBeTruthy());
    expect(within(form).getByText(/and 19,995 more like this/)).toBeTruthy();
    // Only the first few are in the page until asked for.
    expect(form.querySelectorAll('.notices li').length).toBe(5);
    await fireEvent.click(within(form).getByRole('button', { name: 'See all' }));
    await waitFor(() => expect(form.querySelectorAll('.notices li').length).toBe(200));
    expect(calls).toContainEqual(['preview_notices', { previewId: 7, kind: 'queryStripped', offset: 0, limit: 200 }]);
    await fireEvent.click(within(form).getByRole('button', { name: 'Invalidate' }));
    await waitFor(() =>
      expect(calls.some(([c, a]) => c === 'submit' && (a.source as { kind: string }).kind === 'staged')).toBe(true),
    );
  });
});

describe('updates', () => {
  it('reads again only the requests that changed', async () => {
    const first = request({ id: 1, condition: condition({ code: 'received', text: { id: 'condition-received', args: { wait: 0 } }, raw: 'RECEIVED', tone: 'progress', finished: false }) });
    const second = request({ id: 2, uuid: '4fc96d31-aaaa-bbbb-cccc-000000000002' });
    backendWith({
      log: () => page([first, second]),
      requests: ({ ids }) => ((ids as number[]).includes(1) ? [{ ...first, condition: condition() }] : []),
    });
    start();
    await started();
    expect(await screen.findByText('Received')).toBeTruthy();
    const logCalls = calls.filter(([c]) => c === 'log').length;
    await emit('journal-changed', { ids: [1], external: false });
    await waitFor(() => expect(screen.queryByText('Received')).toBeNull());
    expect(calls).toContainEqual(['requests', { ids: [1] }]);
    expect(calls.filter(([c]) => c === 'log').length).toBe(logCalls);
  });

  it('shows a big batch collapsed with its counts, and expands it page by page', async () => {
    const failed = request({
      id: 5,
      seq: 5,
      condition: condition({ code: 'error', text: { id: 'condition-error' }, raw: 'ERROR', tone: 'error', retryable: true }),
    });
    const shown = page([failed, ...Array.from({ length: 19 }, (_, i) => request({ id: 100 + i, seq: 100 + i }))]);
    shown.batches[0] = {
      ...shown.batches[0],
      requestCount: 10_000,
      counts: [
        { code: 'done', count: 9_000 },
        { code: 'received', count: 999 },
        { code: 'error', count: 1 },
      ],
    };
    backendWith({
      log: () => shown,
      batch_page: ({ offset }) =>
        Array.from({ length: 20 }, (_, i) => request({ id: 1000 + Number(offset) + i, seq: 1000 + Number(offset) + i })),
    });
    start();
    const head = (await screen.findByText(/9,001 of 10,000 finished/)).closest('th') as HTMLElement;
    expect(head.textContent).toContain('9,000 done');
    expect(head.textContent).toContain('1 error');
    expect(head.querySelector('progress')?.getAttribute('value')).toBe('9001');
    // The failure comes first, and only one page of rows is built.
    expect(document.querySelectorAll('tr.request')[0].getAttribute('data-code')).toBe('error');
    expect(document.querySelectorAll('tr.request').length).toBe(20);
    await fireEvent.click(screen.getByRole('button', { name: /Show 20 more of batch 1/ }));
    await waitFor(() => expect(document.querySelectorAll('tr.request').length).toBe(40));
    expect(calls.some(([c, a]) => c === 'batch_page' && a.offset === 20 && a.limit === 20)).toBe(true);
  });
});

describe('reading the log again', () => {
  it('keeps the rows of a batch expanded while the log was being read', async () => {
    const big = page(Array.from({ length: 20 }, (_, i) => request({ id: 100 + i, seq: 100 + i })));
    big.batches[0] = { ...big.batches[0], requestCount: 1_000, counts: [{ code: 'done', count: 1_000 }] };
    let answer: (() => void) | null = null;
    let reads = 0;
    backendWith({
      // The third read (after the start's) waits until the test lets it answer.
      log: () => {
        reads += 1;
        if (reads < 2) return structuredClone(big);
        return new Promise((resolve) => (answer = () => resolve(structuredClone(big))));
      },
      batch_page: ({ offset, limit }) =>
        Array.from({ length: Number(limit) }, (_, i) => request({ id: 1000 + Number(offset) + i, seq: 1000 + Number(offset) + i })),
    });
    start();
    await waitFor(() => expect(document.querySelectorAll('tr.request').length).toBe(20));
    // Another process wrote: the log is read again, and the read is slow.
    await emit('journal-changed', { ids: [], external: true });
    await waitFor(() => expect(answer).not.toBeNull());
    // Meanwhile the manager shows 20 more rows.
    await fireEvent.click(screen.getByRole('button', { name: /Show 20 more of batch 1/ }));
    await waitFor(() => expect(document.querySelectorAll('tr.request').length).toBe(40));
    answer!();
    await waitFor(() => expect(calls.filter(([c]) => c === 'batch_page').length).toBe(2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.querySelectorAll('tr.request').length).toBe(40);
  });

  it('shows the newest read when an older one answers last', async () => {
    const pageOf = (batch: number) => page([request({ id: batch, batchId: batch })]);
    const held: (() => void)[] = [];
    let reads = 0;
    backendWith({
      // The start's read answers at once; the next one is held; the one after answers at once.
      log: () => {
        reads += 1;
        if (reads === 2) return new Promise((resolve) => held.push(() => resolve(pageOf(2))));
        return pageOf(reads === 1 ? 1 : 3);
      },
    });
    start();
    await waitFor(() => expect(document.querySelector('tbody.batch')?.getAttribute('data-batch')).toBe('1'));
    await emit('journal-changed', { ids: [], external: true });
    await waitFor(() => expect(held).toHaveLength(1));
    await emit('journal-changed', { ids: [], external: true });
    await waitFor(() => expect(document.querySelector('tbody.batch')?.getAttribute('data-batch')).toBe('3'));
    held[0]();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.querySelector('tbody.batch')?.getAttribute('data-batch')).toBe('3');
  });
});

describe('errors', () => {
  it('shows a failed action as a banner with the message', async () => {
    backendWith({
      list_projects: () => {
        throw {
          kind: 'io',
          problem: { id: 'problem-settings-unwritable', args: { path: '/data/settings.json', cause: 'disk full' } },
          advice: null,
          refused: [],
        };
      },
    });
    start();
    const alert = await screen.findByText(
      'The settings could not be saved to /data/settings.json: disk full; they are as last saved',
    );
    expect(alert.dataset.kind).toBe('io');
  });

  it('shows only why it cannot start, with the path, and quits', async () => {
    backendWith({
      startup_failure: () => ({
        path: '/data/journal.sqlite3',
        problem: { id: 'start-journal-newer', args: { path: '/data/journal.sqlite3', version: 9, known: 2 } },
      }),
      close_app: () => null,
    });
    start();
    const screenTitle = await screen.findByRole('heading', { name: /Invalidator cannot start/ });
    const failure = screenTitle.closest('main')!;
    expect(failure.textContent).toContain('/data/journal.sqlite3');
    expect(failure.textContent).toContain('written by a newer version');
    expect(failure.textContent).toContain('Install the newer version');
    expect(document.querySelector('.log')).toBeNull();
    await fireEvent.click(within(failure).getByRole('button', { name: 'Quit' }));
    await waitFor(() => expect(calls.some(([c]) => c === 'close_app')).toBe(true));
  });

  it('reports a damaged settings file and lets the user choose', async () => {
    const damaged: ProjectList = {
      ...PROJECTS,
      settingsProblem: { path: '/data/settings.json', cause: 'not valid JSON: EOF', canRestore: true },
    };
    backendWith({ list_projects: () => damaged, restore_settings: () => PROJECTS });
    start();
    const banner = (await screen.findByText(/The settings file/)).closest('.banner') as HTMLElement;
    expect(banner.textContent).toContain('/data/settings.json');
    expect(banner.textContent).toContain('nothing is written to the file until you choose');
    await fireEvent.click(within(banner).getByRole('button', { name: 'Restore last good copy' }));
    await waitFor(() => expect(screen.queryByText(/The settings file/)).toBeNull());
    expect(calls.some(([c]) => c === 'restore_settings')).toBe(true);
  });

  it('says when the journal refuses writes, until it takes them again', async () => {
    backendWith({});
    start();
    await started();
    await emit('engine-problem', [
      { id: 'holdup-sending', args: { path: '/data/journal.sqlite3', cause: 'disk full' } },
    ]);
    expect(await screen.findByText(/Sending is paused/)).toBeTruthy();
    await emit('engine-problem', []);
    await waitFor(() => expect(screen.queryByText(/Sending is paused/)).toBeNull());
  });

  it('says plainly when the keychain is unavailable, and can try again', async () => {
    const locked: ProjectList = { ...PROJECTS, keychainProblem: { id: 'problem-keychain-unavailable', args: { cause: 'locked' } } };
    backendWith({ list_projects: () => locked, reload_keys: () => PROJECTS });
    start();
    expect(await screen.findByText(/The system keychain cannot be used/)).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByText(/The system keychain cannot be used/)).toBeNull());
  });

  it('shows a saved key only masked', async () => {
    backendWith({});
    start();
    await fireEvent.click(await screen.findByRole('button', { name: 'Projects…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Projects' });
    expect(await within(dialog).findByText('saved in the keychain: ••••••••x7k2')).toBeTruthy();
  });

  it('asks for the key again when the API base of a saved project changes', async () => {
    backendWith({});
    start();
    await fireEvent.click(await screen.findByRole('button', { name: 'Projects…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Projects' });
    await within(dialog).findByText('Winter Shop');
    const shop = dialog.querySelector<HTMLElement>('li[data-project="shop"]')!;
    await fireEvent.click(within(shop).getByRole('button', { name: 'Edit' }));
    const key = dialog.querySelector<HTMLInputElement>('#project-key')!;
    const base = dialog.querySelector<HTMLInputElement>('#project-base')!;
    expect(dialog.textContent).toContain('Leave empty to keep it');
    expect(key.required).toBe(false);
    // The same base written otherwise is no change.
    await fireEvent.input(base, { target: { value: 'https://api.cloudimage.com/' } });
    expect(key.required).toBe(false);
    await fireEvent.input(base, { target: { value: 'https://api.example.org' } });
    expect(dialog.textContent).toContain('The API base changed: type the key again');
    expect(dialog.textContent!.replace(/\s+/g, ' ')).toContain(
      'only ever sent to the base it was saved with (https://api.cloudimage.com)',
    );
    expect(key.required).toBe(true);
  });

  it('asks before closing with unsent work', async () => {
    backendWith({ close_app: () => null });
    start();
    await started();
    await emit('close-requested', { unsent: 3, atService: 1 });
    const dialog = await screen.findByRole('dialog', { name: 'Close Invalidator?' });
    expect(dialog.textContent).toContain('3 invalidation requests have not reached the service yet');
    await fireEvent.click(within(dialog).getByRole('button', { name: 'Close anyway' }));
    await waitFor(() => expect(calls.some(([c]) => c === 'close_app')).toBe(true));
  });
});

describe('remembered filters', () => {
  it('reads the first page with the filters kept last time, and keeps a new choice but not the search', async () => {
    backendWith({
      remembered_filters: () => ({ projectId: null, status: 'failed', scope: 'all' }),
    });
    start();
    await started();
    const first = calls.find(([cmd]) => cmd === 'log')?.[1] as { filter: LogFilter };
    expect([first.filter.status, first.filter.scope]).toEqual(['failed', 'all']);
    expect((screen.getByLabelText('Filter by status') as HTMLSelectElement).value).toBe('failed');
    await fireEvent.change(screen.getByLabelText('Filter by status'), { target: { value: 'in-progress' } });
    await waitFor(() =>
      expect(calls.filter(([cmd]) => cmd === 'remember_filters').at(-1)?.[1]).toEqual({
        filters: { projectId: null, status: 'in-progress', scope: 'all' },
      }),
    );
  });
});

describe('what a screen reader is told', () => {
  it('says once, politely, that a batch ended, and not on every change', async () => {
    backendWith({});
    start();
    await started();
    const announcer = document.getElementById('announcer')!;
    expect(announcer.getAttribute('aria-live')).toBe('polite');
    await emit('journal-changed', { ids: [1], external: false });
    expect(announcer.textContent).toBe('');
    await emit('batch-ended', {
      batchId: 3,
      projectName: 'Shop',
      requests: 1,
      done: 1,
      news: { id: 'batch-done', args: { project: 'Shop', paths: 2, batch: '3' } },
    });
    await waitFor(() => expect(announcer.textContent).toBe('Invalidation done. Shop: 2 paths flushed (batch 3).'));
  });
});

describe('the first look', () => {
  it('shows what the shell read at once, a screenful first, then the rest and the fresh log', async () => {
    // 30 batches of 2 requests: far more than a screenful.
    const requests = Array.from({ length: 60 }, (_, i) => request({ id: i + 1, batchId: 60 - Math.floor(i / 2) }));
    const full = page(requests);
    backendWith({ log: () => structuredClone(full) });
    const model = new AppModel();
    model.seed({
      page: full,
      filters: { projectId: null, status: 'failed', scope: null },
      theme: 'dark',
      language: 'fr',
      systemLanguage: 'en',
    });
    // Before anything is asked: the filters, theme and language kept, and a screenful of rows.
    expect(model.log.filter.status).toBe('failed');
    expect(model.theme).toBe('dark');
    expect(model.languageChoice).toBe('fr');
    expect(model.log.page.batches.length).toBe(full.batches.length);
    expect(model.log.shown.length).toBeGreaterThan(0);
    expect(model.log.shown.length).toBeLessThan(full.batches.length);
    const shownFirst = model.log.page.batches[0];
    render(App, { props: { model } });
    // jsdom cannot say what is near the screen: the rest is built a few batches a paint.
    await waitFor(() => expect(model.log.shown.length).toBe(full.batches.length));
    await waitFor(() => expect(calls.some(([c]) => c === 'log')).toBe(true));
    // The log read again: unchanged batches are the same objects, so nothing is built again.
    await waitFor(() => expect(model.log.loading).toBe(false));
    expect(model.log.page.batches[0]).toBe(shownFirst);
    // Once (after listening, so that a change from then on is heard), not once more.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls.filter(([c]) => c === 'log')).toHaveLength(1);
    expect(document.querySelectorAll('tr.request').length).toBe(60);
    setLanguage('en');
  });

  it('builds only what comes near the screen; Show older builds the rest, then reads the next page', async () => {
    // The end of the table never comes near (a tall window's reader who does not scroll):
    // only the button builds more.
    class NeverNear {
      observe() {}
      disconnect() {}
    }
    vi.stubGlobal('IntersectionObserver', NeverNear);
    try {
      const requests = Array.from({ length: 30 }, (_, i) => request({ id: i + 1, batchId: 30 - i }));
      const first = { ...page(requests), nextBefore: 1 };
      const older = page([request({ id: 99, batchId: 0 })]);
      backendWith({ log: ({ filter }) => structuredClone((filter as LogFilter).beforeBatch === 1 ? older : first) });
      start();
      await started();
      const rows = () => document.querySelectorAll('tr.request').length;
      const built = rows();
      expect(built).toBeGreaterThan(0);
      expect(built).toBeLessThan(30);
      const olderButton = screen.getByRole('button', { name: 'Show older invalidations' });
      await fireEvent.click(olderButton);
      await waitFor(() => expect(rows()).toBe(built + 3));
      expect(calls.filter(([c]) => c === 'log').every(([, a]) => (a.filter as LogFilter).beforeBatch === null)).toBe(true);
      while (rows() < 30) {
        const before = rows();
        await fireEvent.click(olderButton);
        await waitFor(() => expect(rows()).toBeGreaterThan(before));
      }
      // All thirty read are built: the next press reads the next page.
      await fireEvent.click(olderButton);
      await waitFor(() => expect(calls.some(([c, a]) => c === 'log' && (a.filter as LogFilter).beforeBatch === 1)).toBe(true));
      // A filter starts again from a screenful.
      await fireEvent.change(document.querySelector('#filter-scope')!, { target: { value: 'all' } });
      await waitFor(() => expect(rows()).toBe(built));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
