import { redactReport } from './redact-report.ts';
import { renderHtml } from './render/html.ts';
import { renderJson } from './render/json.ts';
import { renderJUnit } from './render/junit.ts';
import { renderMarkdown } from './render/markdown.ts';
import type { Report } from './report.ts';

export const REPORT_FORMATS = ['json', 'junit', 'md', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A renderer sees nothing but the Report and returns the file's text. */
export type Renderer = (report: Report) => string;

export const RENDERERS: Readonly<Record<ReportFormat, Renderer>> = {
  json: renderJson,
  junit: renderJUnit,
  md: (report) => renderMarkdown(report),
  html: renderHtml,
};

export const REPORT_FILE_NAMES: Readonly<Record<ReportFormat, string>> = {
  json: 'report.json',
  junit: 'junit.xml',
  md: 'report.md',
  html: 'report.html',
};

/** Renders one format, redacting secrets first (the same redaction the writers apply). */
export function renderReport(report: Report, format: ReportFormat, options: { knownSecrets?: readonly string[] } = {}): string {
  return RENDERERS[format](redactReport(report, options.knownSecrets));
}
