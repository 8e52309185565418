import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../core/verdict.ts';
import { sampleReport } from '../testing/sample-report.ts';
import { renderHtml } from './html.ts';
import { relativeHref } from './html-parts.ts';

function attributeUrls(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href|action|srcset|xlink:href)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!);
}

describe('renderHtml', () => {
  const html = renderHtml(sampleReport());

  it('is self-contained: no external URL, script, font or stylesheet link', () => {
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script|<link|@import|url\(|@font-face/i);
    for (const url of attributeUrls(html)) expect(url).toMatch(/^(?![a-z][a-z0-9+.-]*:|\/|\\)/i);
    expect(html).toContain("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
  });

  it('keeps URLs in report text as text, never as a literal URL in the file', () => {
    const report = sampleReport();
    report.stages[1]!.checks[0]!.message = 'see https://grafana.example/d/1 and http://127.0.0.1:3000/x';
    const page = renderHtml(report);
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).toContain('see https&#58;//grafana.example/d/1');
  });

  it('escapes report text: a check message with a script tag stays text', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  it('puts the verdict first, then reasons, deciding checks, stages, cleanup and artifacts', () => {
    const order = ['class="verdict nogo"', '<h2>Why</h2>', '<h2>Checks that decided it</h2>', '<h2>Stages</h2>', '<h2>Cleanup', '<h2>Artifacts</h2>'].map((s) => html.indexOf(s));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('<div class="verdict-word">NO-GO</div>');
  });

  it('shows the deciding checks with observed value and threshold', () => {
    const deciding = html.slice(html.indexOf('<h2>Checks that decided it</h2>'), html.indexOf('<h2>Worth a look'));
    expect(deciding).toContain('<td class="num">412.4 ms</td><td class="threshold"><code>p(95)&lt;300</code></td>');
    expect(deciding).toContain('Runs test');
    expect(deciding).not.toContain('5xx rate against baseline');
  });

  it('renders each stage as <details>, open unless it passed, with a timeline chart', () => {
    expect(html.match(/<details class="stage"/g)).toHaveLength(3);
    expect(html).toContain('<details class="stage" id="stage-smoke">');
    expect(html).toContain('<details class="stage" open id="stage-load">');
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('<polyline points="');
  });

  it('links PNG evidence relatively as a thumbnail, and artifacts with size and sha256', () => {
    expect(html).toContain('<a href="smoke/login.png" title="smoke/login.png"><img src="smoke/login.png"');
    expect(html).toContain(`<td class="num">47.1 KiB</td><td><code>${'c'.repeat(64)}</code></td>`);
  });

  it('never links evidence paths that could leave the run directory', () => {
    const report = sampleReport();
    report.stages[0]!.checks[0]!.evidence = ['https://evil.example/x.png', '//evil.example/y.png', '../../z.png', 'javascript:alert(1)'];
    const risky = renderHtml(report);
    expect(attributeUrls(risky).filter((u) => /evil|z\.png|javascript/.test(u))).toEqual([]);
    expect(risky).toContain('<code>//evil.example/y.png</code>');
  });

  const looks: [Verdict, string, string][] = [
    ['GO', 'go', 'Safe to promote'],
    ['NO-GO', 'nogo', 'Do not promote: at least one blocking check failed.'],
    ['INCONCLUSIVE', 'inconclusive', 'could not prove the release either way'],
  ];
  it.each(looks)('colours %s as .%s and says what it means', (verdict, css, meaning) => {
    const page = renderHtml({ ...sampleReport(), verdict });
    expect(page).toContain(`<header class="verdict ${css}">`);
    expect(page).toContain(meaning);
  });
});

describe('relativeHref', () => {
  const cases: [string, string | undefined][] = [
    ['smoke/login.png', 'smoke/login.png'],
    ['smoke/a b#1.png', 'smoke/a%20b%231.png'],
    ['/etc/passwd', undefined],
    ['../x.png', undefined],
    ['a/../../x.png', undefined],
    ['C:\\x.png', undefined],
    ['file:x.png', undefined],
    ['data:image/png;base64,AAAA', undefined],
  ];
  it.each(cases)('%s → %s', (path, expected) => expect(relativeHref(path)).toBe(expected));
});
