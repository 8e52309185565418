import { z } from 'zod';

/** One attempt at a test (the first run or a retry), as Playwright's JSON reporter wrote it. */
export interface UiAttempt {
  retry: number;
  status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';
  durationMs: number;
  error?: string;
  attachments: { name: string; contentType: string; path: string }[];
}

export interface UiTest {
  title: string;
  file: string;
  /** Playwright's verdict over all attempts: `flaky` = failed first, passed on a retry. */
  outcome: 'expected' | 'unexpected' | 'flaky' | 'skipped';
  attempts: UiAttempt[];
}

export interface ParsedUiReport {
  tests: UiTest[];
  /** Errors outside any test (a spec that does not load, a broken config). */
  errors: string[];
}

const attachmentSchema = z.object({ name: z.string(), contentType: z.string(), path: z.string().optional() });
const errorSchema = z.object({ message: z.string().optional() }).loose();
const resultSchema = z.object({
  retry: z.number().int(),
  status: z.enum(['passed', 'failed', 'timedOut', 'skipped', 'interrupted']),
  duration: z.number(),
  error: errorSchema.optional(),
  errors: z.array(errorSchema).default([]),
  attachments: z.array(attachmentSchema).default([]),
});
const testSchema = z.object({ status: z.enum(['expected', 'unexpected', 'flaky', 'skipped']), results: z.array(resultSchema) });
const specSchema = z.object({ title: z.string(), file: z.string(), tests: z.array(testSchema) });
interface SuiteShape {
  title: string;
  specs?: z.infer<typeof specSchema>[];
  suites?: SuiteShape[];
}
const suiteSchema: z.ZodType<SuiteShape> = z.lazy(() =>
  z.object({ title: z.string(), specs: z.array(specSchema).optional(), suites: z.array(suiteSchema).optional() }),
);
const reportSchema = z.object({ suites: z.array(suiteSchema).default([]), errors: z.array(errorSchema).default([]) });

/** Reads Playwright's JSON report; throws when it is not one (the caller makes that inconclusive). */
export function parsePlaywrightReport(json: unknown): ParsedUiReport {
  const report = reportSchema.parse(json);
  const tests: UiTest[] = [];
  // Top-level suites are files; nested ones are `describe` blocks, whose titles prefix the test's.
  const walk = (suite: SuiteShape, describes: string[]) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        tests.push({
          title: [...describes, spec.title].join(' › '),
          file: spec.file,
          outcome: test.status,
          attempts: test.results.map((r) => ({
            retry: r.retry,
            status: r.status,
            durationMs: Math.round(r.duration),
            error: firstLine(r.error?.message ?? r.errors[0]?.message),
            attachments: r.attachments.flatMap((a) => (a.path ? [{ name: a.name, contentType: a.contentType, path: a.path }] : [])),
          })),
        });
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...describes, child.title]);
  };
  for (const suite of report.suites) walk(suite, []);
  return { tests, errors: report.errors.map((e) => firstLine(e.message) ?? 'unknown error') };
}

// Playwright messages carry ANSI colours and long call logs; a check message wants the first plain line.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
function firstLine(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const plain = message.replace(ANSI, '').trim();
  const lines = plain.split('\n').map((l) => l.trim()).filter(Boolean);
  const details = lines.slice(1).filter((l) => /^(Locator:|Expected|Received|- waiting for )/.test(l)).slice(0, 3);
  return [lines[0], ...details].join(' — ').slice(0, 400);
}
