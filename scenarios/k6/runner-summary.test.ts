import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHIPPED_SCENARIOS } from '../shipped/index.ts';
import { renderK6Script } from './render-script.ts';
import { k6SummarySource } from './summary.ts';
import { extractRunnerSummary, mergeRunnerSummaries, SUMMARY_BEGIN, SUMMARY_END, toLegacySummary } from './runner-summary.ts';
import { runnerLog, runnerSummary } from './testing/runner-logs.ts';

describe('extractRunnerSummary', () => {
  const good = runnerSummary({ requests: 100, failed: 1, p95: 50, max: 90, avg: 20 });
  it.each<[string, string, RegExp | null]>([
    ['a marked summary among log lines', runnerLog(good), null],
    ['no markers', runnerLog(undefined), /printed no summary/],
    ['no end marker', `${SUMMARY_BEGIN}{"metrics":{}`, /truncated/],
    ['not JSON', `${SUMMARY_BEGIN}{nope${SUMMARY_END}`, /not JSON/],
    ['no metrics object', `${SUMMARY_BEGIN}{"state":{}}${SUMMARY_END}`, /without a "metrics" object/],
    ['a metric without type', `${SUMMARY_BEGIN}{"metrics":{"http_reqs":{"values":{}}}}${SUMMARY_END}`, /metric "http_reqs" has no type/],
  ])('%s', (_case, log, error) => {
    const result = extractRunnerSummary(log);
    if (error) expect(result).toEqual({ error: expect.stringMatching(error) });
    else expect(result).toEqual(good);
  });

  it('takes the last summary when a log holds two', () => {
    const second = runnerSummary({ requests: 7, failed: 0, p95: 5, max: 9, avg: 2 });
    expect(extractRunnerSummary(runnerLog(good) + runnerLog(second))).toEqual(second);
  });
});

describe('mergeRunnerSummaries', () => {
  const a = runnerSummary({ requests: 600, failed: 6, p95: 80, max: 400, avg: 20, dropped: 2, vus: 10, durationMs: 10_000 });
  const b = runnerSummary({ requests: 400, failed: 14, p95: 120, max: 300, avg: 30, vus: 5, durationMs: 12_000 });
  const { summary, merged } = mergeRunnerSummaries([a, b]);
  const values = (key: string) => summary.metrics[key]!.values;

  it('sums counts and recomputes rates from them', () => {
    expect(merged).toBe('max-of-runners');
    expect(values('http_reqs')).toEqual({ count: 1000, rate: 1000 / 12 });
    expect(values('dropped_iterations')).toEqual({ count: 2, rate: 2 / 12 });
    expect(values('http_req_failed')).toEqual({ rate: 20 / 1000, passes: 20, fails: 980 });
    expect(values('vus_max')).toEqual({ value: 15, min: 15, max: 15 });
    expect(summary.state).toEqual({ testRunDurationMs: 12_000 });
  });

  it('bounds trend percentiles by the largest runner, keeps min/max exact and weights the mean by counts', () => {
    expect(values('http_req_duration')).toMatchObject({ 'p(95)': 120, 'p(99.9)': 400, max: 400, min: 1, avg: (600 * 20 + 400 * 30) / 1000 });
  });

  it('keeps a single runner as it is', () => {
    expect(mergeRunnerSummaries([a])).toEqual({ summary: a, merged: 'single-runner' });
    expect(() => mergeRunnerSummaries([])).toThrow(RangeError);
  });

  it('reads back as the metric source the thresholds judge', () => {
    const source = k6SummarySource(toLegacySummary(summary));
    expect(source.aggregate({ name: 'http_req_failed', tags: {} }, 'rate')).toBe(0.02);
    expect(source.samples({ name: 'http_req_duration', tags: {} })).toBe(1000);
    expect(source.aggregate({ name: 'http_req_duration', tags: {} }, 'p(95)')).toBe(120);
    expect(source.aggregate({ name: 'http_reqs', tags: {} }, 'count')).toBe(1000);
  });
});

describe('the rendered script\'s handleSummary', () => {
  it('prints what extractRunnerSummary reads back', async () => {
    const script = renderK6Script(SHIPPED_SCENARIOS['steady-mix']());
    const start = script.indexOf('export function handleSummary');
    const end = script.indexOf('\n}\n', start) + 3;
    const dir = mkdtempSync(join(tmpdir(), 'greenlight-handle-summary-'));
    try {
      const file = join(dir, 'handle-summary.ts');
      writeFileSync(file, script.slice(start, end));
      const { handleSummary } = (await import(pathToFileURL(file).href)) as { handleSummary(data: unknown): Record<string, string> };
      const data = runnerSummary({ requests: 10, failed: 1, p95: 5, max: 9, avg: 2 });
      const printed = handleSummary({ ...data, root_group: { checks: [] }, options: {} });
      expect(Object.keys(printed)).toEqual(['stdout']);
      expect(extractRunnerSummary(`k6 log line\n${printed['stdout']}`)).toEqual(data);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
