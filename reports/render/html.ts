import type { Verdict } from '../../core/verdict.ts';
import type { Report } from '../report.ts';
import { attentionChecks, decidingChecks, formatBytes, formatDuration, stageErrorLine, type StageCheck } from './format.ts';
import { checkCells, checkStatusPills, checkTitle, fileLink, pill } from './html-parts.ts';
import { renderStage } from './html-stage.ts';
import { HTML_STYLE } from './html-style.ts';
import { escapeHtml as h } from './text.ts';

const VERDICT_LOOK: Record<Verdict, { css: string; meaning: string }> = {
  GO: { css: 'go', meaning: 'Safe to promote: every blocking check passed.' },
  'NO-GO': { css: 'nogo', meaning: 'Do not promote: at least one blocking check failed.' },
  INCONCLUSIVE: { css: 'inconclusive', meaning: 'Do not promote yet: the gate could not prove the release either way.' },
};

// Nothing may load from anywhere: no scripts at all, styles inline, images only beside the report.
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:";

/** report.html: one self-contained page for a release manager, verdict first. */
export function renderHtml(report: Report): string {
  const look = VERDICT_LOOK[report.verdict];
  const title = `${report.verdict} — release ${report.release.candidate.version}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    `<title>${h(title)} · Greenlight</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head><body><main>',
    verdictHeader(report, look),
    reasonsSection(report),
    decidingSection(report),
    attentionSection(report),
    `<section><h2>Stages</h2>${report.stages.length > 0 ? report.stages.map(renderStage).join('\n') : '<p class="note">No stage ran.</p>'}</section>`,
    cleanupSection(report),
    artifactsSection(report),
    reporterErrorsSection(report),
    `<footer>Greenlight ${h(report.tool.version)} · ${h(report.schema)} · run ${h(report.runId)}</footer>`,
    '</main></body></html>',
    '',
  ].join('\n');
}

function verdictHeader(report: Report, look: { css: string; meaning: string }): string {
  const baseline = report.release.baseline ? ` <span>against baseline ${h(report.release.baseline.version)}</span>` : ' <span>(no baseline)</span>';
  const facts: [string, string][] = [
    ['Profile', report.profile],
    ['Environment', report.environment.provider],
    ['Started', report.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')],
    ['Duration', formatDuration(report.durationMs)],
    ['Exit code', String(report.exitCode)],
    ['Run', report.runId],
  ];
  const interrupted = report.interrupted
    ? `<div class="banner"><strong>Interrupted</strong>${report.interruption ? ` by ${h(report.interruption.cause)} at ${h(report.interruption.at)}` : ''}: the run did not finish.</div>`
    : '';
  return [
    `<header class="verdict ${look.css}">`,
    `<div class="verdict-word">${h(report.verdict)}</div>`,
    `<div class="verdict-release">Release ${h(report.release.candidate.version)}${baseline}</div>`,
    `<p class="verdict-meaning">${h(look.meaning)}</p>`,
    `<dl class="meta">${facts.map(([k, v]) => `<div><dt>${h(k)}</dt><dd>${h(v)}</dd></div>`).join('')}</dl>`,
    '</header>',
    interrupted,
  ].join('');
}

function reasonsSection(report: Report): string {
  const items = report.reasons.length > 0 ? report.reasons.map((r) => `<li>${h(r)}</li>`).join('') : '<li>No reasons were recorded.</li>';
  return `<section><h2>Why</h2><ol class="reasons">${items}</ol></section>`;
}

function checksTable(rows: readonly StageCheck[]): string {
  const body = rows.map(({ stage, check }) =>
    `<tr><td>${checkStatusPills(check)}</td><td>${h(stage.title)}</td><td>${checkTitle(check)}</td>${checkCells(check)}</tr>`,
  );
  return `<table><thead><tr><th>Status</th><th>Stage</th><th>Check</th><th>Observed</th><th>Threshold</th><th>Details</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function decidingSection(report: Report): string {
  const deciding = decidingChecks(report);
  const stageErrors = report.stages.filter((s) => s.error);
  const errors = stageErrors.map((s) => `<li><strong>${h(s.title)}</strong> ${h(stageErrorLine(s) ?? '')}</li>`);
  const blocking = report.stages.reduce((n, s) => n + s.checks.filter((c) => c.blocking).length, 0);
  const body = deciding.length > 0 ? checksTable(deciding) : `<p>Every blocking check passed (${blocking} of ${blocking}).</p>`;
  const couldNotRun = errors.length > 0 ? `<p class="note">Stages that did not finish:</p><ul class="plain">${errors.join('')}</ul>` : '';
  return `<section><h2>Checks that decided it</h2>${body}${couldNotRun}</section>`;
}

function attentionSection(report: Report): string {
  const rows = attentionChecks(report);
  if (rows.length === 0) return '';
  return `<section><h2>Worth a look (did not decide the verdict)</h2>${checksTable(rows)}</section>`;
}

function cleanupSection(report: Report): string {
  const { status, leftovers } = report.cleanup;
  const body = leftovers.length > 0
    ? `<p>These were left behind; <code>greenlight cleanup</code> removes leftovers of a run by its id.</p><ul class="plain">${leftovers.map((l) => `<li>${h(l)}</li>`).join('')}</ul>`
    : '<p>Everything the run started was removed.</p>';
  return `<section><h2>Cleanup ${pill(status)}</h2>${body}</section>`;
}

function artifactsSection(report: Report): string {
  if (report.artifacts.length === 0) return '<section><h2>Artifacts</h2><p class="note">No artifacts.</p></section>';
  const rows = report.artifacts.map((a) => `<tr><td>${fileLink(a.path)}</td><td>${h(a.stage ?? '—')}</td><td class="num">${h(formatBytes(a.bytes))}</td><td><code>${h(a.sha256)}</code></td></tr>`);
  return `<section><h2>Artifacts</h2><table><thead><tr><th>Path</th><th>Stage</th><th>Size</th><th>SHA-256</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function reporterErrorsSection(report: Report): string {
  if (!report.reporterErrors?.length) return '';
  const items = report.reporterErrors.map((e) => `<li><strong>${h(e.reporter)}</strong>: ${h(e.message)}</li>`);
  return `<section><h2>Reporter errors</h2><ul class="plain">${items.join('')}</ul></section>`;
}
