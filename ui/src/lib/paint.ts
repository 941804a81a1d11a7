// When the page paints, what comes near the screen, and the marks of the start. The window's
// first rows are painted before anything else of its page is built, and the rest is built
// only as the reader comes near it: a few batches a frame, the main loop is never held long.

/** Resolves once what was just set has been painted (a frame, then a task). */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const next = () => setTimeout(resolve, 0);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(next);
    else next();
  });
}

/**
 * Calls `more` while `node` is within `margin` below the screen, a paint apart, until `more`
 * says there is nothing left; again whenever it comes near. Returns what stops watching.
 * Without an `IntersectionObserver` (jsdom) `more` runs until there is nothing left.
 */
export function whileNear(node: Element, more: () => boolean, margin = '0px 0px 50% 0px'): () => void {
  let near = typeof IntersectionObserver === 'undefined';
  let stopped = false;
  let running = false;
  const run = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      while (near && !stopped && more()) await afterPaint();
    } finally {
      running = false;
    }
  };
  if (near) {
    void run();
    return () => {
      stopped = true;
    };
  }
  const observer = new IntersectionObserver(
    (entries) => {
      near = entries[entries.length - 1].isIntersecting;
      void run();
    },
    { rootMargin: margin },
  );
  observer.observe(node);
  return () => {
    stopped = true;
    observer.disconnect();
  };
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
