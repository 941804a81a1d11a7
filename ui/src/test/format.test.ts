import { describe, expect, it } from 'vitest';
import { failedAgain, pathsSummary, rawBeside, resultTone } from '../lib/format';
import { countCodes } from '../lib/logPage';
import type { Condition } from '../lib/types';
import { condition, request } from './fixtures';

describe('status rendering', () => {
  it('shows the raw service value beside the label when it adds something', () => {
    expect(rawBeside(condition({ text: { id: 'condition-flushing-cdn', args: { wait: 0 } }, raw: 'FLUSHINGCDNSERVERS' }))).toBe(
      'FLUSHINGCDNSERVERS',
    );
    // An unknown value is its own label: not repeated.
    expect(rawBeside(condition({ text: { id: 'condition-unknown', args: { status: 'AWAITING_REVIEW', wait: 0 } }, raw: 'AWAITING_REVIEW' }))).toBeNull();
    expect(rawBeside(condition({ text: { id: 'condition-queued' }, raw: null }))).toBeNull();
  });

  it('gives path results the tones of their words', () => {
    expect(resultTone('failed')).toBe('error');
    expect(resultTone('invalidated')).toBe('ok');
    expect(resultTone('pending')).toBe('local');
  });

  it('summarises paths', () => {
    expect(pathsSummary(request())).toBe('/a.jpg + 1 more');
    expect(pathsSummary(request({ pathCount: 1, paths: [{ path: '/x', result: 'pending' }] }))).toBe('/x');
    expect(pathsSummary(request({ scope: 'all', paths: [], pathCount: 0 }))).toBe('Whole cache');
  });

  it('knows a retry that failed again', () => {
    const error = condition({ code: 'error', text: { id: 'condition-error' }, raw: 'ERROR', tone: 'error' });
    const retried = request({ condition: error, retryOf: 1 });
    expect(failedAgain(retried, request({ condition: error }))).toBe(true);
    expect(failedAgain(retried, request())).toBe(false);
    expect(failedAgain(retried, null)).toBe(false);
  });
});

describe('a small batch counted in the window', () => {
  it('puts the most first, and ties in the order the journal uses', () => {
    const row = (code: Condition['code'], id: number) => request({ id, condition: condition({ code }) });
    // Rows met "done" first, then "queued", "error": the tie must not follow the rows.
    const codes: Condition['code'][] = ['done', 'error', 'queued', 'error', 'done', 'queued', 'sending', 'sending', 'sending'];
    const counts = countCodes(codes.map((code, i) => row(code, i + 1)));
    expect(counts).toEqual([
      { code: 'sending', count: 3 },
      { code: 'queued', count: 2 },
      { code: 'done', count: 2 },
      { code: 'error', count: 2 },
    ]);
  });
});
