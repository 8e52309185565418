import { describe, expect, it } from 'vitest';
import { evaluateSla } from './evaluate-sla.ts';

const config = { promotionLeadTimeHours: 3, windowHours: 24, priorities: ['P1'] };
const fix = (priority: string, disclosedAt = '2026-11-26T00:00:00Z') => ({ id: 'CVE-2026-1', priority, disclosedAt });
const at = (hours: number) => Date.parse('2026-11-26T00:00:00Z') + hours * 3_600_000;

describe('evaluateSla', () => {
  it.each<[string, ReturnType<typeof fix>[], number, string, boolean]>([
    ['P1 with time to spare', [fix('P1')], 10, 'pass', true],
    ['P1 exactly at the limit', [fix('P1')], 21, 'pass', true],
    ['P1 one minute too late', [fix('P1')], 21 + 1 / 60, 'fail', true],
    ['P1 long past', [fix('p1')], 40, 'fail', true],
    ['only a P2', [fix('P2')], 40, 'skipped', false],
    ['no fixes', [], 40, 'skipped', false],
    ['disclosed in the future', [fix('P1', '2026-11-27T00:00:00Z')], 1, 'inconclusive', true],
  ])('%s', (_name, fixes, hours, status, blocking) => {
    const c = evaluateSla(config, { fixes }, at(hours));
    expect(c.status).toBe(status);
    expect(c.blocking).toBe(blocking);
  });

  it('states hours since disclosure and the threshold', () => {
    const c = evaluateSla(config, { fixes: [fix('P1')] }, at(22));
    expect(c).toMatchObject({ observed: 22, unit: 'h', threshold: 'hours since disclosure + 3 h lead time <= 24 h' });
    expect(c.message).toBe('promotion can no longer happen within 24 h of disclosure: CVE-2026-1 (P1) disclosed 2026-11-26T00:00:00Z, 22.0 h ago; promotion would land at 25.0 h');
  });
});
