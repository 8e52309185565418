import { describe, expect, it } from 'vitest';
import type { Check } from '../../core/check.ts';
import { sampleReport } from '../testing/sample-report.ts';
import { GITHUB_SUMMARY_LIMIT_BYTES, renderMarkdown } from './markdown.ts';

/** Pipes that split cells (not escaped with a backslash). */
function cellSeparators(line: string): number {
  return line.replace(/\\\\/g, '').match(/(?<!\\)\|/g)?.length ?? 0;
}

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(sampleReport());

  it('starts with the verdict badge line and the reasons', () => {
    expect(markdown.split('\n')[0]).toBe('## NO-GO — release 1.5.0 (baseline 1.4.0)');
    expect(markdown.indexOf('### Why')).toBeLessThan(markdown.indexOf('### Blocking checks that did not pass'));
    expect(markdown).toContain('- Spin latency p(95): p(95) was 412 ms against p(95)&lt;300');
  });

  it('lists failing and inconclusive blocking checks with observed vs threshold', () => {
    const section = markdown.slice(markdown.indexOf('### Blocking checks'), markdown.indexOf('### Stages'));
    expect(section).toContain('| Steady mix load | Spin latency p(95) | FAIL | 412.4 ms | p(95)&lt;300 |');
    expect(section).toContain('| RNG battery | Runs test | INCONCLUSIVE | no data | — |');
    expect(section).not.toContain('5xx rate');
    expect(section).toContain('Stage **RNG battery** timed out');
  });

  it('escapes | and HTML inside cells so every row keeps its columns', () => {
    expect(markdown).toContain('p(95)&lt;300 \\| spins were slow; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(markdown).not.toContain('<script>');
    const tableLines = markdown.split('\n').filter((l) => l.startsWith('|'));
    expect(tableLines.length).toBeGreaterThan(10);
    for (const block of markdown.split(/\n(?!\|)/).filter((b) => b.startsWith('|'))) {
      const lines = block.split('\n').filter((l) => l.startsWith('|'));
      const columns = cellSeparators(lines[0]!);
      for (const line of lines) expect(cellSeparators(line)).toBe(columns);
    }
  });

  it('shows cleanup leftovers and artifacts with their hashes', () => {
    expect(markdown).toContain('### Cleanup: leaked');
    expect(markdown).toContain('- left behind: process 4242 (node fixtures/platform/api.ts)');
    expect(markdown).toContain(`| \`smoke/login.png\` | 47.1 KiB | \`${'c'.repeat(64)}\` |`);
  });

  it('stays under the GitHub summary limit, saying what it left out', () => {
    const report = sampleReport();
    const template = report.stages[1]!.checks[0]!;
    const many: Check[] = Array.from({ length: 4_000 }, (_, i) => ({ ...template, id: `c${i}`, title: `Check ${i}`, message: 'x'.repeat(2_000) }));
    report.stages = Array.from({ length: 12 }, (_, i) => ({ ...report.stages[1]!, id: `s${i}`, title: `Stage ${i}`, checks: many }));
    const huge = renderMarkdown(report);
    expect(Buffer.byteLength(huge)).toBeLessThan(GITHUB_SUMMARY_LIMIT_BYTES);
    expect(huge).toMatch(/_\d+ more rows not shown here to keep the summary within GitHub's size limit; see report\.html or report\.json\._/);
    expect(huge).toMatch(/_\d+ more stages not shown here/);
    expect(huge).toContain('### Cleanup: leaked');
    expect(huge).toContain('### Artifacts');
  });

  it('honours a smaller byte budget', () => {
    const small = renderMarkdown(sampleReport(), { maxBytes: 6_000 });
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(6_000);
    expect(small).toContain('more rows not shown');
  });
});
