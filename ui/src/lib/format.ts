// Small, pure helpers for showing things. Dates are shown in the user's local time zone.
import { VOCABULARY } from './bindings/vocabularyValues';
import { language, messageId, say, t } from './words.svelte';
import type { Condition, Freshness, Notice, PathResult, RequestView, StatusFilter, Tone, Verdict } from './types';

/** A date in the local time zone, as the window's language writes it: "Nov 25, 2026,
 *  14:03:07", "25 nov. 2026, 14:03:07". */
export function localDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language(), { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' });
}

/** A time of day in the local time zone: "14:03:07". */
export function localTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(language(), { hourCycle: 'h23' });
}

/** The raw service value worth showing beside the label (not when it says the same). */
export function rawBeside(condition: Condition): string | null {
  const raw = condition.raw?.trim();
  if (!raw || raw === say(condition.text)) return null;
  return raw;
}

const STATE_IDS: Record<string, string> = {
  queued: messageId('state-queued'),
  sending: messageId('state-sending'),
  retrying: messageId('state-retrying'),
  send_failed: messageId('state-send-failed'),
  rejected: messageId('state-rejected'),
  acknowledged: messageId('state-acknowledged'),
  gone: messageId('state-gone'),
  stalled: messageId('state-stalled'),
};

/** A step of a request's history without a status of the service's: what this app did. */
export function stateWord(state: string): string {
  const id = STATE_IDS[state];
  return id ? t(id) : state;
}

/** A notice of the path reader, with where its line is: "line 3: `?w=1` removed: …". */
export function noticeText(notice: Notice): string {
  return notice.place ? t('notice-at', { place: notice.place, text: notice.text }) : say(notice.text);
}

/** "/a.jpg", "/a.jpg + 9 more", or "Whole cache". */
export function pathsSummary(request: Pick<RequestView, 'scope' | 'paths' | 'pathCount'>): string {
  if (request.scope === 'all') return t('paths-whole-cache');
  const first = request.paths[0]?.path ?? '';
  return request.pathCount > 1 ? t('paths-and-more', { first, more: request.pathCount - 1 }) : first;
}

const RESULT_IDS = {
  pending: messageId('result-pending'),
  invalidated: messageId('result-invalidated'),
  failed: messageId('result-failed'),
} as const;

export function resultWord(result: PathResult['result']): string {
  return t(RESULT_IDS[result]);
}

export function resultTone(result: PathResult['result']): Tone {
  return ({ pending: 'local', invalidated: 'ok', failed: 'error' } as const)[result];
}

/** A retry that failed again: the seed's advice is to contact support. */
export function failedAgain(request: RequestView, original: RequestView | null): boolean {
  return (
    request.condition.tone === 'error' &&
    original !== null &&
    (original.condition.tone === 'error' || original.condition.code === 'done-with-failures')
  );
}

/** Status filter options, as the log's menu shows them (`id`: their words). */
export const STATUS_FILTERS: { value: StatusFilter | ''; id: string }[] = [
  { value: '', id: messageId('filter-any-status') },
  { value: 'in-progress', id: messageId('filter-in-progress') },
  { value: 'failed', id: messageId('filter-failed') },
  { value: 'done', id: messageId('filter-done') },
  { value: 'queued', id: messageId('filter-queued') },
  { value: 'retrying', id: messageId('filter-retrying') },
  { value: 'send-failed', id: messageId('filter-send-failed') },
  { value: 'maybe-received', id: messageId('filter-maybe-received') },
  { value: 'rejected', id: messageId('filter-rejected') },
  { value: 'done-with-failures', id: messageId('filter-done-with-failures') },
  { value: 'error', id: messageId('filter-error') },
  { value: 'error-cdn-node', id: messageId('filter-error-cdn-node') },
  { value: 'unknown', id: messageId('filter-unknown') },
];

/** Codes of requests something will still happen to by itself (from Rust: `vocabulary.rs`). */
export const IN_PROGRESS_CODES: ReadonlySet<string> = new Set(
  VOCABULARY.codes.filter((c) => c.inProgress).map((c) => c.code),
);

/** Codes of requests that finished short of Done. */
export const FAILURE_CODES: ReadonlySet<string> = new Set(
  VOCABULARY.codes.filter((c) => c.failure).map((c) => c.code),
);

const COUNT_IDS = new Map<string, string>(VOCABULARY.codes.map((c) => [c.code, c.countId]));

/** How many requests of a batch have a code, in words: "3 may have been received". */
export function codeCount(code: string, n: number): string {
  const id = COUNT_IDS.get(code);
  return t(id ?? messageId('count-unknown'), { count: n });
}

/** Whether a request waits for a planned moment worth counting down to. */
export function countsDown(request: RequestView): boolean {
  return request.dueAt !== null && (request.condition.code === 'retrying' || request.condition.code === 'queued');
}

const VERDICT_IDS = {
  fresh: messageId('verdict-fresh'),
  stillCached: messageId('verdict-still-cached'),
  unknown: messageId('verdict-unknown'),
  couldNotCheck: messageId('verdict-could-not-check'),
} as const;

/** A path's freshness verdict in words, as the CLI says it. */
export function verdictWord(verdict: Verdict): string {
  return t(VERDICT_IDS[verdict]);
}

export function verdictTone(verdict: Verdict): Tone {
  return ({ fresh: 'ok', stillCached: 'error', unknown: 'local', couldNotCheck: 'warning' } as const)[verdict];
}

/** A request's checks in short, for its row: the worst news first. */
export function freshnessSummary(f: Freshness): { text: string; tone: Tone } {
  const total = f.fresh + f.stillCached + f.unknown + f.couldNotCheck;
  if (f.stillCached > 0) return { text: t('served-still-cached', { count: f.stillCached, total }), tone: 'error' };
  if (f.couldNotCheck > 0) {
    return { text: t('served-could-not-check', { count: f.couldNotCheck, total }), tone: 'warning' };
  }
  if (f.unknown > 0) return { text: t('served-unknown', { count: f.unknown, total }), tone: 'local' };
  return { text: t('served-fresh', { total }), tone: 'ok' };
}
