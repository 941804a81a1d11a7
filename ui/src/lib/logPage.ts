// Pure changes to a page of the log, as the model applies them when rows change.
import { VOCABULARY } from './bindings/vocabularyValues';
import type { BatchView, CodeCount, ConditionCode, LogPage, RequestView } from './types';

/** `page` with batch `batchId` changed by `change`. */
export function withBatch(page: LogPage, batchId: number, change: (batch: BatchView) => BatchView): LogPage {
  return { ...page, batches: page.batches.map((b) => (b.id === batchId ? change(b) : b)) };
}

/** The changed rows of batches the page shows, by batch. */
export function shownByBatch(page: LogPage, views: RequestView[]): Map<number, RequestView[]> {
  const shown = new Set(page.batches.map((b) => b.id));
  const byBatch = new Map<number, RequestView[]>();
  for (const view of views) {
    if (!shown.has(view.batchId)) continue;
    byBatch.set(view.batchId, [...(byBatch.get(view.batchId) ?? []), view]);
  }
  return byBatch;
}

/** Rows a window shows at once, give or take: what the first paint holds. */
const SCREENFUL = 12;

/** The first batches of a page, up to about a screenful of rows. */
export function firstScreenful(batches: BatchView[]): BatchView[] {
  let rows = 0;
  let count = 0;
  while (count < batches.length && rows < SCREENFUL) {
    rows += batches[count].requests.length + 1;
    count += 1;
  }
  return batches.slice(0, count);
}

/** `fresh` batches, each that is the same as one of `old` given as that one: a component
 *  handed the same object builds nothing again. */
export function reuseUnchanged(old: BatchView[], fresh: BatchView[]): BatchView[] {
  if (old.length === 0) return fresh;
  const before = new Map(old.map((b) => [b.id, b]));
  return fresh.map((batch) => {
    const was = before.get(batch.id);
    return was && JSON.stringify(was) === JSON.stringify(batch) ? was : batch;
  });
}

/** `rows` with the changed ones put in their place. */
export function patchRows(rows: RequestView[], changed: RequestView[]): RequestView[] {
  const byId = new Map(changed.map((v) => [v.id, v]));
  return rows.map((row) => byId.get(row.id) ?? row);
}

/** Each code's place in the vocabulary: the journal breaks ties between counts in this order. */
const CODE_ORDER = new Map<ConditionCode, number>(VOCABULARY.codes.map((c, i) => [c.code, i]));

/**
 * A small batch's counts, from its rows (a big batch's come from the journal), in the journal's
 * order (`journal/log.rs`): the most first, ties in the vocabulary's order of codes.
 */
export function countCodes(rows: RequestView[]): CodeCount[] {
  const counts = new Map<ConditionCode, number>();
  for (const row of rows) counts.set(row.condition.code, (counts.get(row.condition.code) ?? 0) + 1);
  const place = (code: ConditionCode) => CODE_ORDER.get(code) ?? CODE_ORDER.size;
  return [...counts]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || place(a.code) - place(b.code));
}
