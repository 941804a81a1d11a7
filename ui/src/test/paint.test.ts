import { describe, expect, it } from 'vitest';
import { platformOf } from '../lib/paint';

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
