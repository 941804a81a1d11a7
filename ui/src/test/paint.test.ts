import { afterEach, describe, expect, it, vi } from 'vitest';
import { platformOf, whileNear } from '../lib/paint';

describe('platformOf', () => {
  it('names the platform from the user agents of the three web views', () => {
    // WebKitGTK (Linux), WKWebView (macOS), WebView2 (Windows), as each reports itself.
    expect(
      platformOf('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15'),
    ).toBe('linux');
    expect(platformOf('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)')).toBe(
      'mac',
    );
    expect(
      platformOf(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0',
      ),
    ).toBe('windows');
  });

  it('treats an unknown or empty user agent as Linux: generic fonts suit any platform', () => {
    expect(platformOf('')).toBe('linux');
    expect(platformOf('Mozilla/5.0 (X11; FreeBSD amd64)')).toBe('linux');
  });
});

/** An IntersectionObserver the test moves: `report(true)` is the watched node coming near. */
class FakeObserver {
  static last: FakeObserver | null = null;
  watched: Element[] = [];
  disconnected = false;
  constructor(
    private callback: (entries: { isIntersecting: boolean }[]) => void,
    public options: { rootMargin?: string },
  ) {
    FakeObserver.last = this;
  }
  observe(node: Element) {
    this.watched.push(node);
  }
  disconnect() {
    this.disconnected = true;
  }
  report(near: boolean) {
    this.callback([{ isIntersecting: near }]);
  }
}

describe('whileNear', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeObserver.last = null;
  });

  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('builds while the end is near, a paint apart, and stops when it goes away or nothing is left', async () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const node = document.createElement('div');
    let left = 10;
    const more = vi.fn(() => left-- > 0);
    const stop = whileNear(node, more);
    const observer = FakeObserver.last!;
    expect(observer.watched).toEqual([node]);
    expect(observer.options.rootMargin).toBe('0px 0px 50% 0px');
    await settle();
    expect(more).not.toHaveBeenCalled();

    observer.report(true);
    // Once at once; the next only after a paint.
    expect(more).toHaveBeenCalledTimes(1);
    observer.report(false);
    await settle();
    expect(more).toHaveBeenCalledTimes(1);

    observer.report(true);
    observer.report(true);
    await vi.waitFor(() => expect(more).toHaveBeenCalledTimes(11));
    await settle();
    expect(more).toHaveBeenCalledTimes(11);

    stop();
    expect(observer.disconnected).toBe(true);
    observer.report(true);
    await settle();
    expect(more).toHaveBeenCalledTimes(11);
  });

  it('builds everything where nothing says what is near (jsdom, an old engine)', async () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    let left = 4;
    const more = vi.fn(() => left-- > 0);
    whileNear(document.createElement('div'), more);
    await vi.waitFor(() => expect(more).toHaveBeenCalledTimes(5));
  });
});
