import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGES, autonym, language, negotiate, say, sayDetail, setLanguage, t } from '../lib/words.svelte';

describe('the window’s words', () => {
  afterEach(() => setLanguage('en'));

  // First in the file: French is not spoken yet, so its name is read from its one line.
  it('names each language in itself, before and after that language is spoken', () => {
    expect(LANGUAGES.map(autonym)).toEqual(['English', 'Français']);
    setLanguage('fr');
    expect(t('count-error', { count: 1 })).toBe('1 erreur');
    expect(LANGUAGES.map(autonym)).toEqual(['English', 'Français']);
  });

  it('finds every catalogue in locales/, English first', () => {
    expect(LANGUAGES[0]).toBe('en');
    expect(LANGUAGES).toContain('fr');
  });

  it('follows the language asked for, and falls back to English', () => {
    expect(negotiate('fr-CA')).toBe('fr');
    expect(negotiate('fr_FR.UTF-8')).toBe('fr');
    expect(negotiate('de-DE')).toBe('en');
    expect(negotiate('')).toBe('en');
    setLanguage('de');
    expect(language()).toBe('en');
  });

  it('says a condition in French with French plurals and numbers', () => {
    const retrying = { id: 'condition-retrying', args: { attempt: 2, attempts: 1, error: 'délai dépassé', wait: 4 } };
    expect(say(retrying)).toBe('Retrying (attempt 2)');
    setLanguage('fr');
    expect(say(retrying)).toBe('Nouvel essai (tentative 2)');
    expect(sayDetail(retrying)).toBe('La tentative 1 a échoué\u00a0: délai dépassé. Nouvel essai dans 4 s.');
    const partly = { id: 'condition-done-with-failures', args: { failed: 20000, paths: 100000 } };
    // Intl groups French digits with a narrow no-break space, as the CLI does.
    expect(sayDetail(partly)).toContain('20\u202f000 chemins sur 100\u202f000 ont échoué.');
    expect(t('count-error', { count: 1 })).toBe('1 erreur');
    expect(t('count-error', { count: 2 })).toBe('2 erreurs');
  });

  it('writes a moment as the language does, and what came from outside as it came', () => {
    const stalled = { id: 'condition-stalled', args: { status: '<b>WAIT</b>', at: '2026-12-02T13:05:00Z' } };
    expect(say(stalled)).toBe('Unknown, last seen <b>WAIT</b>');
    expect(sayDetail(stalled)).toMatch(/last checked Dec 2, 2026, \d\d:05\)/);
  });

  it('speaks the chosen language until told otherwise', () => {
    expect(say({ id: 'condition-done' })).toBe('Done');
    setLanguage('fr');
    expect(say({ id: 'condition-done' })).toBe('Terminée');
  });
});
