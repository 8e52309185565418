import { describe, expect, it } from 'vitest';
import type { Check } from '../../core/check.ts';
import { formatBytes, formatDuration, formatObserved, formatStatistics } from './format.ts';
import { escapeHtml, escapeMarkdown, escapeXmlAttribute } from './text.ts';

describe('formatting', () => {
  const observed: [Pick<Check, 'observed' | 'unit'>, string][] = [
    [{ observed: undefined }, '—'],
    [{ observed: null }, 'no data'],
    [{ observed: 412.37, unit: 'ms' }, '412.4 ms'],
    [{ observed: 0.013149 }, '0.01315'],
    [{ observed: 11904 }, '11,904'],
    [{ observed: 2.5, unit: '%' }, '2.5%'],
    [{ observed: false }, 'false'],
    [{ observed: 'v1.5.0' }, 'v1.5.0'],
  ];
  it.each(observed)('formatObserved(%j) → %s', (check, expected) => expect(formatObserved(check)).toBe(expected));

  const durations: [number, string][] = [[0, '0 ms'], [999, '999 ms'], [21_400, '21.4 s'], [162_500, '2 min 43 s'], [3_900_000, '1 h 5 min'], [-1, '—']];
  it.each(durations)('formatDuration(%d) → %s', (ms, expected) => expect(formatDuration(ms)).toBe(expected));

  const sizes: [number, string][] = [[0, '0 B'], [1023, '1023 B'], [48_213, '47.1 KiB'], [5 * 1024 ** 3, '5.0 GiB']];
  it.each(sizes)('formatBytes(%d) → %s', (bytes, expected) => expect(formatBytes(bytes)).toBe(expected));

  it('states test, sample size, p-value, correction and confidence', () => {
    expect(formatStatistics({ test: 'chi-square', sampleSize: 1_000_000, pValue: 0.4312, confidence: 0.99, adjustedPValue: 0.00001, correction: 'holm' }))
      .toBe('chi-square, n = 1,000,000, p = 0.431 (holm-adjusted < 0.0001), 99% confidence');
  });
});

describe('escaping', () => {
  const markdown: [string, string][] = [
    ['a | b', 'a \\| b'],
    ['<b>x</b> & y', '&lt;b&gt;x&lt;/b&gt; &amp; y'],
    ['*bold* _it_ `code` [link](x) ~del~', '\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\~del\\~'],
    ['two\nlines', 'two lines'],
    ['back\\slash', 'back\\\\slash'],
  ];
  it.each(markdown)('escapeMarkdown(%j) → %j', (text, expected) => expect(escapeMarkdown(text)).toBe(expected));

  it('escapeHtml leaves no markup or attribute breakout', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;');
  });

  it('escapeXmlAttribute keeps line breaks and makes control characters visible', () => {
    expect(escapeXmlAttribute('a\nb\tc\u0002"')).toBe('a&#10;b&#9;c\\u0002&quot;');
  });
});
