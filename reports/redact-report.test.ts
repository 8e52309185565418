import { describe, expect, it } from 'vitest';
import { redactReport } from './redact-report.ts';
import { sampleReport } from './testing/sample-report.ts';

describe('redactReport', () => {
  it('redacts URL credentials, secret-named fields and known secrets without touching the original', () => {
    const report = sampleReport();
    report.stages[0]!.checks[0]!.message = 'login as player1 / pw Xy9-known-pw';
    const redacted = redactReport(report, ['Xy9-known-pw']);
    expect(redacted.environment.urls?.database).toBe('postgres://app:[REDACTED]@127.0.0.1/db');
    expect(redacted.stages[1]!.summary?.token).toBe('[REDACTED]');
    expect(redacted.stages[0]!.checks[0]!.message).toBe('login as player1 / pw [REDACTED]');
    expect(report.environment.urls?.database).toContain('s3cr3t');
  });

  it('keeps content digests intact even when a known secret occurs inside one', () => {
    const report = sampleReport();
    const redacted = redactReport(report, ['cccc', 'abab']);
    expect(redacted.artifacts[0]!.sha256).toBe('c'.repeat(64));
    expect(redacted.release.candidate.digests?.api).toBe(`sha256:${'ab'.repeat(32)}`);
    expect(redacted.verdict).toBe('NO-GO');
  });
});

describe('renderReport', () => {
  it('redacts before rendering any format', async () => {
    const { renderReport, REPORT_FORMATS } = await import('./index.ts');
    for (const format of REPORT_FORMATS) {
      const text = renderReport(sampleReport(), format);
      expect(text).not.toContain('s3cr3t');
      expect(text).not.toContain('tok_live_9f8e7d6c5b4a');
    }
    expect(renderReport(sampleReport(), 'json')).toContain('postgres://app:[REDACTED]@127.0.0.1/db');
  });
});
