// Small, pure helpers for showing things. Dates are shown in the user's local time zone.
import { VOCABULARY } from './bindings/vocabularyValues';
import { say, t } from './words.svelte';
import type { Condition, Freshness, PathResult, RequestView, StatusFilter, Tone, Verdict } from './types';

/** A date in the local time zone, e.g. "25 Nov 2026, 14:03:07". */
export function localDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function localTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString();
}

/** The raw service value worth showing beside the label (not when it says the same). */
export function rawBeside(condition: Condition): string | null {
  const raw = condition.raw?.trim();
  if (!raw || raw === say(condition.text)) return null;
  return raw;
}

const COUNT = new Intl.NumberFormat('en-US');

/** A count as the English UI writes it: 20,000. */
export function count(n: number): string {
  return COUNT.format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** "/a.jpg", "/a.jpg + 9 more", or "Whole cache". */
export function pathsSummary(request: Pick<RequestView, 'scope' | 'paths' | 'pathCount'>): string {
  if (request.scope === 'all') return 'Whole cache';
  const first = request.paths[0]?.path ?? '';
  return request.pathCount > 1 ? `${first} + ${request.pathCount - 1} more` : first;
}

export function resultWord(result: PathResult['result']): string {
  return { pending: 'Pending', invalidated: 'Invalidated', failed: 'Failed' }[result];
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

/** Status filter options, as the log's menu shows them. */
export const STATUS_FILTERS: { value: StatusFilter | ''; label: string }[] = [
  { value: '', label: 'Any status' },
  { value: 'in-progress', label: 'In progress' },
  { value: 'failed', label: 'Failed or with errors' },
  { value: 'done', label: 'Done' },
  { value: 'queued', label: 'Queued' },
  { value: 'retrying', label: 'Retrying' },
  { value: 'send-failed', label: 'Send failed' },
  { value: 'maybe-received', label: 'May have been received' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'done-with-failures', label: 'Done with failures' },
  { value: 'error', label: 'Error' },
  { value: 'error-cdn-node', label: 'Error in the CDN step' },
  { value: 'unknown', label: 'Unknown status' },
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
  return id ? t(id, { count: n }) : `${count(n)} ${code}`;
}

/** Whether a request waits for a planned moment worth counting down to. */
export function countsDown(request: RequestView): boolean {
  return request.dueAt !== null && (request.condition.code === 'retrying' || request.condition.code === 'queued');
}

/** A path's freshness verdict in words, as the CLI says it. */
export function verdictWord(verdict: Verdict): string {
  return { fresh: 'Served fresh', stillCached: 'Still cached', unknown: 'Unknown', couldNotCheck: 'Could not check' }[
    verdict
  ];
}

export function verdictTone(verdict: Verdict): Tone {
  return ({ fresh: 'ok', stillCached: 'error', unknown: 'local', couldNotCheck: 'warning' } as const)[verdict];
}

/** A request's checks in short, for its row: the worst news first. */
export function freshnessSummary(f: Freshness): { text: string; tone: Tone } {
  const total = f.fresh + f.stillCached + f.unknown + f.couldNotCheck;
  const of = (n: number) => `${count(n)} of ${count(total)}`;
  if (f.stillCached > 0) return { text: `${of(f.stillCached)} still cached`, tone: 'error' };
  if (f.couldNotCheck > 0) return { text: `${of(f.couldNotCheck)} could not be checked`, tone: 'warning' };
  if (f.unknown > 0) return { text: `${of(f.unknown)} unknown at the CDN`, tone: 'local' };
  return { text: total === 1 ? 'Served fresh' : `All ${count(total)} served fresh`, tone: 'ok' };
}
