// When the page paints, and the marks of its start. The window's first rows are painted
// before the rest of its page is built: a frame at a time, the main loop is never held long.

/** Batches added each frame while a page is shown gradually. */
const REVEALED_PER_FRAME = 3;

/** Resolves once what was just set has been painted (a frame, then a task). */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const next = () => setTimeout(resolve, 0);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(next);
    else next();
  });
}

/** Shows `from` of `total` items now (`show(count)`), then a few more after each paint,
 *  until all are shown or `current()` says a newer showing took over. */
export function revealGradually(
  total: number,
  from: number,
  current: () => boolean,
  show: (count: number) => void,
): void {
  let count = from;
  const step = (): void => {
    if (!current()) return;
    count = Math.min(count, total);
    show(count);
    if (count === total) return;
    count += REVEALED_PER_FRAME;
    void afterPaint().then(step);
  };
  step();
}

/** A moment of the start, for `bench/window` to read (`performance.getEntriesByType('mark')`):
 *  where the time to the first row goes. */
export function mark(name: string): void {
  if (typeof performance !== 'undefined') performance.mark?.(`invalidator:${name}`);
}

/** The platform the page runs on, as `app.css` chooses its fonts by (`data-platform`). */
export type Platform = 'mac' | 'windows' | 'linux';

/** The platform a web view's user agent names. Anything else is treated as Linux, whose
 *  generic fonts are also what any other platform resolves best. */
export function platformOf(userAgent: string): Platform {
  if (/Macintosh|Mac OS X/.test(userAgent)) return 'mac';
  if (/Windows/.test(userAgent)) return 'windows';
  return 'linux';
}
