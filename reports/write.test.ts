import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readReport } from './read.ts';
import { sampleReport } from './testing/sample-report.ts';
import { writeRunReports } from './write.ts';

let runDir: string;
beforeEach(() => {
  runDir = mkdtempSync(join(tmpdir(), 'greenlight-write-'));
});
afterEach(() => rmSync(runDir, { recursive: true, force: true }));

const readAll = () => readdirSync(runDir).map((name) => [name, readFileSync(join(runDir, name), 'utf8')] as const);

describe('writeRunReports', () => {
  it('writes all four files atomically, report.json last, and leaves no temp file', async () => {
    const result = await writeRunReports({ runDir, report: sampleReport() });
    expect(result.errors).toEqual([]);
    expect(result.written.map((p) => p.slice(runDir.length + 1))).toEqual(['junit.xml', 'report.md', 'report.html', 'report.json']);
    expect(readdirSync(runDir).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
    expect(readReport(join(runDir, 'report.json')).verdict).toBe('NO-GO');
  });

  it('lets no password, token or known secret reach any file', async () => {
    const report = sampleReport();
    report.stages[0]!.checks[1]!.message = 'logged in with password=hunter2hunter and Authorization: Bearer abcdefghijklmnop';
    report.stages[0]!.summary = { webhookSecret: 'whsec_1234567890', note: 'signed with whsec_1234567890' };
    report.reasons.push('psp said: invalid key sk_test_knownvalue99');
    const stepSummaryPath = join(runDir, 'step-summary.md');
    await writeRunReports({ runDir, report, knownSecrets: ['sk_test_knownvalue99'], stepSummaryPath });
    const files = readAll();
    expect(files).toHaveLength(5);
    for (const [name, text] of files) {
      for (const secret of ['s3cr3t', 'tok_live_9f8e7d6c5b4a', 'hunter2hunter', 'abcdefghijklmnop', 'whsec_1234567890', 'sk_test_knownvalue99']) {
        expect(text.includes(secret), `${secret} in ${name}`).toBe(false);
      }
    }
    const json = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8'));
    expect(json.environment.urls.database).toBe('postgres://app:[REDACTED]@127.0.0.1/db');
    expect(json.stages[1].summary.token).toBe('[REDACTED]');
    expect(json.artifacts[0].sha256).toBe('c'.repeat(64));
  });

  it('records a throwing renderer and still writes report.json with the verdict', async () => {
    const result = await writeRunReports({
      runDir,
      report: sampleReport(),
      renderers: { html: () => { throw new Error('template exploded'); } },
    });
    expect(result.errors).toEqual([{ reporter: 'html', message: 'template exploded' }]);
    expect(readdirSync(runDir).sort()).toEqual(['junit.xml', 'report.json', 'report.md']);
    const written = readReport(join(runDir, 'report.json'));
    expect(written.verdict).toBe('NO-GO');
    expect(written.reporterErrors).toEqual([{ reporter: 'html', message: 'template exploded' }]);
  });

  it('falls back to plain JSON when the JSON renderer itself throws', async () => {
    const result = await writeRunReports({ runDir, report: sampleReport(), formats: ['json'], renderers: { json: () => { throw new Error('boom'); } } });
    expect(result.errors).toEqual([{ reporter: 'json', message: 'boom' }]);
    const written = readReport(join(runDir, 'report.json'));
    expect(written.exitCode).toBe(1);
    expect(written.reporterErrors).toEqual([{ reporter: 'json', message: 'boom' }]);
  });

  it('still writes the verdict when the report cannot be serialised at all', async () => {
    const report = sampleReport();
    report.stages[1]!.summary = { requests: 12_000n };
    const result = await writeRunReports({ runDir, report });
    expect(result.errors.map((e) => e.reporter)).toEqual(['schema', 'json']);
    const json = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8'));
    expect(json).toMatchObject({ schema: 'greenlight.report/v1', verdict: 'NO-GO', exitCode: 1 });
    expect(json.reporterErrors.map((e: { reporter: string }) => e.reporter)).toEqual(['schema', 'json']);
  });

  it('appends the Markdown to the GitHub step summary, even when report.md is not requested', async () => {
    const stepSummaryPath = join(runDir, 'summary.md');
    writeFileSync(stepSummaryPath, '# earlier step\n');
    await writeRunReports({ runDir, report: sampleReport(), formats: ['json'], stepSummaryPath });
    const summary = readFileSync(stepSummaryPath, 'utf8');
    expect(summary.startsWith('# earlier step\n## NO-GO — release 1.5.0 (baseline 1.4.0)\n')).toBe(true);
    expect(readdirSync(runDir).sort()).toEqual(['report.json', 'summary.md']);
  });

  it('records a step summary it cannot append to', async () => {
    const result = await writeRunReports({ runDir, report: sampleReport(), formats: ['json'], stepSummaryPath: join(runDir, 'no', 'such', 'dir', 'summary.md') });
    expect(result.errors.map((e) => e.reporter)).toEqual(['github-step-summary']);
    expect(readReport(join(runDir, 'report.json')).reporterErrors?.[0]?.message).toMatch(/ENOENT/);
  });

  it('flags a report that does not match the schema instead of hiding it', async () => {
    const report: any = sampleReport();
    report.stages[0].checks[0].status = 'passed';
    const result = await writeRunReports({ runDir, report, formats: ['json'] });
    expect(result.errors[0]).toMatchObject({ reporter: 'schema' });
    expect(result.errors[0]!.message).toContain('stages[0].checks[0].status');
    const json = JSON.parse(readFileSync(join(runDir, 'report.json'), 'utf8'));
    expect(json.verdict).toBe('NO-GO');
    expect(json.reporterErrors[0].reporter).toBe('schema');
  });
});
