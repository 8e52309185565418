import { describe, expect, it } from 'vitest';
import { decidePromotion, type ReportLookup } from './confirm-promotion.ts';
import { reportWith } from './testing.ts';

const NOW = new Date('2026-11-27T08:00:00Z');
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const found = (report: ReturnType<typeof reportWith>): ReportLookup => ({ kind: 'found', report, file: '/runs/x/report.json' });

describe('decidePromotion', () => {
  const cases: { name: string; lookup: ReportLookup; release?: string; status: number; reason: string }[] = [
    { name: 'fresh GO', lookup: found(reportWith({ verdict: 'GO', finishedAt: ago(5 * 60_000) })), status: 200, reason: 'go' },
    { name: 'GO exactly at the age limit', lookup: found(reportWith({ verdict: 'GO', finishedAt: ago(HOUR) })), status: 200, reason: 'go' },
    { name: 'GO one second past the age limit', lookup: found(reportWith({ verdict: 'GO', finishedAt: ago(HOUR + 1000) })), status: 403, reason: 'report_stale' },
    { name: 'NO-GO', lookup: found(reportWith({ verdict: 'NO-GO', finishedAt: ago(1000) })), status: 403, reason: 'verdict_not_go' },
    { name: 'INCONCLUSIVE', lookup: found(reportWith({ verdict: 'INCONCLUSIVE', finishedAt: ago(1000) })), status: 403, reason: 'verdict_not_go' },
    { name: 'GO but interrupted', lookup: found(reportWith({ verdict: 'GO', finishedAt: ago(1000), interrupted: true })), status: 403, reason: 'report_inconsistent' },
    { name: 'GO with exit code 1', lookup: found({ ...reportWith({ verdict: 'GO', finishedAt: ago(1000) }), exitCode: 1 }), status: 403, reason: 'report_inconsistent' },
    { name: 'GO finished 10 min in the future', lookup: found(reportWith({ verdict: 'GO', finishedAt: ago(-10 * 60_000) })), status: 403, reason: 'report_from_future' },
    { name: 'GO 30 s in the future (clock skew)', lookup: found(reportWith({ verdict: 'GO', finishedAt: ago(-30_000) })), status: 200, reason: 'go' },
    { name: 'GO with an unparseable finishedAt', lookup: found({ ...reportWith({ verdict: 'GO', finishedAt: ago(1000) }), finishedAt: 'yesterday' }), status: 403, reason: 'report_invalid' },
    { name: 'GO for another release', lookup: found(reportWith({ verdict: 'GO', finishedAt: ago(1000), release: '1.4.0' })), release: '1.5.0', status: 403, reason: 'release_mismatch' },
    { name: 'GO for the asked release', lookup: found(reportWith({ verdict: 'GO', finishedAt: ago(1000) })), release: '1.5.0', status: 200, reason: 'go' },
    { name: 'no report', lookup: { kind: 'missing', message: 'no finished run yet' }, status: 403, reason: 'report_missing' },
    { name: 'unreadable report', lookup: { kind: 'invalid', file: '/runs/x/report.json', message: 'is not valid JSON' }, status: 403, reason: 'report_invalid' },
  ];
  it.each(cases)('$name → $status $reason', ({ lookup, release, status, reason }) => {
    const decision = decidePromotion({ lookup, now: NOW, maxAgeMs: HOUR, ...(release ? { release } : {}) });
    expect(decision).toMatchObject({ status, reason, promote: status === 200 });
    expect(decision.message.length).toBeGreaterThan(0);
  });

  it('names the verdict and its reasons when it blocks', () => {
    const decision = decidePromotion({ lookup: found(reportWith({ verdict: 'NO-GO', finishedAt: ago(1000) })), now: NOW, maxAgeMs: HOUR });
    expect(decision.message).toContain('NO-GO');
    expect(decision.message).toContain('Spin latency p(95)');
    expect(decision).toMatchObject({ verdict: 'NO-GO', release: '1.5.0' });
  });

  it('says how old a stale report is', () => {
    const decision = decidePromotion({ lookup: found(reportWith({ verdict: 'GO', finishedAt: ago(2 * HOUR) })), now: NOW, maxAgeMs: HOUR });
    expect(decision).toMatchObject({ ageSeconds: 7200 });
    expect(decision.message).toContain('7200 s ago');
  });
});
