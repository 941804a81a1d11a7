import { afterEach, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/svelte';
import ToneIcon from '../components/ToneIcon.svelte';

afterEach(() => cleanup());

it('draws a different mark for every tone, so colour is never the only cue', () => {
  const marks = (['local', 'progress', 'ok', 'warning', 'error', 'info'] as const).map((tone) => {
    const { container } = render(ToneIcon, { props: { tone } });
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    return svg.innerHTML;
  });
  expect(new Set(marks).size).toBe(6);
});
