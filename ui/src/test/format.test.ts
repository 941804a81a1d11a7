import { afterEach, describe, expect, it } from 'vitest';
import { failedAgain, freshnessSummary, pathsSummary, rawBeside, resultTone, resultWord, verdictWord } from '../lib/format';
import { setLanguage } from '../lib/words.svelte';
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

describe('the CDN’s verdicts and a row’s paths, in the window’s language', () => {
  afterEach(() => setLanguage('en'));

  it('says the worst news first, with the language’s plurals and numbers', () => {
    const none = { fresh: 0, stillCached: 0, unknown: 0, couldNotCheck: 0, checkedAt: null };
    expect(freshnessSummary({ ...none, fresh: 1 }).text).toBe('Served fresh');
    expect(freshnessSummary({ ...none, fresh: 2000 }).text).toBe('All 2,000 served fresh');
    expect(freshnessSummary({ ...none, fresh: 3, stillCached: 1, unknown: 1 })).toEqual({
      text: '1 of 5 still cached',
      tone: 'error',
    });
    setLanguage('fr');
    expect(freshnessSummary({ ...none, fresh: 2000 }).text).toBe('Les 2\u202f000 servis à jour');
    expect(freshnessSummary({ ...none, fresh: 1, couldNotCheck: 1 }).text).toBe('1 sur 2 non vérifiables');
    expect(verdictWord('stillCached')).toBe('Encore en cache');
    expect(resultWord('failed')).toBe('Échec');
    expect(pathsSummary(request())).toBe('/a.jpg + 1 autre');
    expect(pathsSummary(request({ scope: 'all', paths: [], pathCount: 0 }))).toBe('Tout le cache');
  });
});
