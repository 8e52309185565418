import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../core/errors.ts';
import { redactText } from '../core/redact.ts';
import { redactReport } from './redact-report.ts';
import { RENDERERS, REPORT_FILE_NAMES, REPORT_FORMATS, type Renderer, type ReportFormat } from './renderers.ts';
import type { Report } from './report.ts';
import { validateReport } from './schema/validate.ts';

export interface WriteRunReportsOptions {
  runDir: string;
  report: Report;
  /** Which files to write; report.json is always written, last. Default: all four. */
  formats?: readonly ReportFormat[];
  /** `$GITHUB_STEP_SUMMARY`: the Markdown report is appended to it. */
  stepSummaryPath?: string;
  /** Secret values of this run (passwords, tokens) to scrub wherever they occur. */
  knownSecrets?: readonly string[];
  /** Replaces built-in renderers (tests use it to prove a broken one is isolated). */
  renderers?: Partial<Record<ReportFormat, Renderer>>;
}

export type ReporterError = { reporter: string; message: string };

export interface WriteRunReportsResult {
  /** Absolute paths of the files written, report.json last. */
  written: string[];
  /** Reporters that broke; also recorded in report.json's `reporterErrors`. */
  errors: ReporterError[];
  /** The report as written to report.json (redacted, with reporterErrors). */
  report: Report;
}

/**
 * Writes the run's report files atomically (temp file + rename), each renderer isolated. A renderer that
 * throws is recorded and never hides the verdict: report.json is written last, carrying those errors.
 */
export async function writeRunReports(options: WriteRunReportsOptions): Promise<WriteRunReportsResult> {
  const { runDir } = options;
  const renderers = { ...RENDERERS, ...options.renderers };
  const report = redactReport(options.report, options.knownSecrets);
  const formats = new Set(options.formats ?? REPORT_FORMATS);
  const written: string[] = [];
  const errors: ReporterError[] = [];
  await mkdir(runDir, { recursive: true });

  const attempt = async (reporter: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      errors.push({ reporter, message: redactText(errorMessage(error), options.knownSecrets) });
    }
  };

  let markdown: string | undefined;
  for (const format of REPORT_FORMATS) {
    const wanted = format !== 'json' && (formats.has(format) || (format === 'md' && options.stepSummaryPath !== undefined));
    if (!wanted) continue;
    await attempt(format, async () => {
      const text = renderers[format](report);
      if (format === 'md') markdown = text;
      if (formats.has(format)) written.push(await writeAtomic(join(runDir, REPORT_FILE_NAMES[format]), text));
    });
  }
  if (options.stepSummaryPath !== undefined && markdown !== undefined) {
    const summaryPath = options.stepSummaryPath;
    await attempt('github-step-summary', () => appendFile(summaryPath, `${markdown}\n`));
  }

  await attempt('schema', async () => {
    // Validate what JSON will hold (undefined dropped, NaN as null), not the in-memory object.
    const schemaCheck = validateReport(JSON.parse(JSON.stringify(withReporterErrors(report, errors))));
    if (!schemaCheck.ok) throw new Error(`report.json does not match the schema: ${schemaCheck.errors.slice(0, 5).join('; ')}`);
  });
  const finalWithSchemaErrors = withReporterErrors(report, errors);
  written.push(await writeAtomic(join(runDir, REPORT_FILE_NAMES.json), renderJsonOrFallback(renderers.json, finalWithSchemaErrors, errors)));
  return { written, errors, report: withReporterErrors(report, errors) };
}

function withReporterErrors(report: Report, errors: readonly ReporterError[]): Report {
  const all = [...(report.reporterErrors ?? []), ...errors];
  return all.length > 0 ? { ...report, reporterErrors: all } : report;
}

/** If the JSON renderer itself breaks, the verdict still reaches disk in plain JSON. */
function renderJsonOrFallback(render: Renderer, report: Report, errors: ReporterError[]): string {
  try {
    return render(report);
  } catch (error) {
    errors.push({ reporter: 'json', message: errorMessage(error) });
    const recorded = withReporterErrors(report, [{ reporter: 'json', message: errorMessage(error) }]);
    try {
      return `${JSON.stringify(recorded, null, 2)}\n`;
    } catch {
      const { schema, runId, tool, verdict, exitCode, reasons, interrupted, cleanup, reporterErrors } = recorded;
      return `${JSON.stringify({ schema, runId, tool, verdict, exitCode, reasons, interrupted, cleanup, reporterErrors }, null, 2)}\n`;
    }
  }
}

/** Writes beside the target and renames over it, so readers never see a half-written file. */
export async function writeAtomic(path: string, text: string): Promise<string> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, { flush: true });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return path;
}
